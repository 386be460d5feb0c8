import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import Database from 'better-sqlite3';
import pino from 'pino';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { hireStreamName } from '../../services/event-store/streamNames';
import { withContracts } from '../../services/event-store/withContracts';
import { SqlitePeopleDirectory } from '../../services/people/sqlitePeopleDirectory';
import { openReadModels } from '../../services/projections';
import { closeServer, listen } from '../../services/http/listen';
import { createLogger } from '../../services/shared/logger';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import { devModeApp } from '../support/devModeApp';
import { apiRequest } from '../support/apiRequest';
import { expectProblem } from '../support/httpAnswers';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';

type StoredContact = { person_ref: string; display_name: string; email: string; language: string };

function contactsIn(path: string, organisationId: string): StoredContact[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        'SELECT person_ref, display_name, email, language FROM contacts WHERE organisation_id = ? ORDER BY person_ref',
      )
      .all(organisationId) as StoredContact[];
  } finally {
    db.close();
  }
}

/** Contact details from POST /hires are stored only for a request that stands: a refused one stores none. */
describeWithServices(['temporal'], 'contact details of a hire registration', () => {
  let system: RunningSystem;
  let smtp: SmtpSink;
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const scratch = mkdtempSync(join(tmpdir(), 'soft-landing-contacts-'));
  const closers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    system = await startSystem({ kafka: false, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await system?.stop();
    await smtp?.stop();
  });

  const register = (body: unknown, key: string = randomUUID()) =>
    apiRequest(system.baseUrl, organisationId, 'POST', '/hires', body, { 'idempotency-key': key });
  const contacts = () => contactsIn(join(system.dataDir, 'people.sqlite'), organisationId);
  const sanne = { displayName: 'Sanne de Vries', email: 'sanne@example.test', language: 'nl' as const };
  const karim = { displayName: 'Karim Bakker', email: 'karim@jeugdzorg.test', language: 'en' as const };

  it('a 409 for other data leaves the stored contacts as they were, and stores none for a hire that had none', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const managerRef = `mgr-${randomUUID().slice(0, 8)}`;
    const hire = { hireId, startDate: '2027-04-01', role: 'Jeugdzorgwerker', managerRef };
    expect((await register({ ...hire, newHire: sanne, manager: karim })).status).toBe(201);
    const before = contacts();
    expect(before.map((row) => row.email)).toEqual(expect.arrayContaining([sanne.email, karim.email]));

    const conflict = await register({
      ...hire,
      startDate: '2027-05-01',
      newHire: { displayName: 'Iemand Anders', email: 'iemand@anders.test', language: 'en' },
      manager: { displayName: 'Nog Iemand', email: 'nog@anders.test' },
    });
    await expectProblem(conflict, 409, { type: '/problems/hire-exists' });
    expect(contacts()).toEqual(before);

    const bare = `h-${randomUUID().slice(0, 8)}`;
    expect((await register({ hireId: bare, startDate: '2027-04-01', role: 'Jeugdzorgwerker' })).status).toBe(201);
    const otherManager = `mgr-${randomUUID().slice(0, 8)}`;
    const refused = await register({
      hireId: bare,
      startDate: '2027-06-01',
      role: 'Jeugdzorgwerker',
      managerRef: otherManager,
      newHire: sanne,
      manager: karim,
    });
    expect(refused.status).toBe(409);
    expect(contacts().map((row) => row.person_ref)).not.toContain(bare);
    expect(contacts().map((row) => row.person_ref)).not.toContain(otherManager);
    expect(contacts()).toEqual(before);
  });

  it('a retry of the same registration may bring newer details, which it keeps', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const hire = { hireId, startDate: '2027-04-01', role: 'Jeugdzorgwerker' };
    expect((await register({ ...hire, newHire: sanne }, key)).status).toBe(201);
    expect((await register({ ...hire, newHire: { ...sanne, email: 'sanne.devries@example.test' } }, key)).status).toBe(
      200,
    );
    expect(contacts().find((row) => row.person_ref === hireId)).toMatchObject({ email: 'sanne.devries@example.test' });
  });

  it('a 503 while Temporal is unreachable stores no contact row and logs no name or address', async () => {
    // Nothing listens on port 1; without the retry interceptor the start fails at once instead of retrying.
    const deadConnection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
    const peoplePath = join(scratch, 'people.sqlite');
    const logPath = join(scratch, 'api.log');
    const directory = new SqlitePeopleDirectory(peoplePath);
    const store = withContracts(new SqliteEventStore(join(scratch, 'events.sqlite')));
    const readModels = openReadModels(join(scratch, 'read-models.sqlite'));
    const logger = createLogger('test', 'debug', pino.destination({ dest: logPath, sync: true }));
    const app = devModeApp({
      client: new Client({ connection: deadConnection }),
      store,
      logger,
      directory,
      readModels,
    });
    const server = await listen(app, 0);
    closers.push(
      () => deadConnection.close(),
      () => directory.close(),
      () => store.close(),
      () => void readModels.close(),
      () => closeServer(server),
    );

    const response = await apiRequest(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      organisationId,
      'POST',
      '/hires',
      {
        hireId: `h-${randomUUID().slice(0, 8)}`,
        startDate: '2027-04-01',
        role: 'Jeugdzorgwerker',
        managerRef: 'mgr-1',
        newHire: sanne,
        manager: karim,
      },
      { 'idempotency-key': randomUUID() },
    );
    await expectProblem(response, 503, { type: '/problems/temporal-unavailable' });
    expect(contactsIn(peoplePath, organisationId)).toEqual([]);
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('verzoek mislukt');
    for (const text of [sanne.displayName, sanne.email, karim.displayName, karim.email])
      expect(log).not.toContain(text);
  });

  it('the journey’s first mail waits for an address written just after the start (here: by the client’s retry)', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const managerRef = `mgr-${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    // The manager's first mail (the team-welcome invitation, at the journey's start) needs the manager's address.
    const hire = { hireId, startDate: addDays(isoDateOfEpochMs(Date.now()), 16), role: 'Jeugdzorgwerker', managerRef };
    expect((await register(hire, key)).status).toBe(201);

    // The mail found no address and is being tried again, instead of recording that there was none.
    const handle = system.client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId));
    await waitFor(
      async () => (await handle.describe()).raw.pendingActivities ?? [],
      (pending) =>
        pending.some((activity) => activity.activityType?.name === 'sendJourneyMail' && (activity.attempt ?? 0) >= 2),
      20_000,
    );
    expect((await register({ ...hire, manager: karim }, key)).status).toBe(200);

    await waitFor(
      () => smtp.to(karim.email).length,
      (count) => count > 0,
      20_000,
    );
    // From reminder-digest-v1 on the task's reminder is in the daily digest, not a mail of the journey's own.
    expect((await collectEvents(hireId)).some((event) => event.type === 'TaskReminderSent')).toBe(false);
  });

  async function collectEvents(hireId: string) {
    const events = [];
    for await (const event of system.store.readStream(hireStreamName({ organisationId, hireId }))) events.push(event);
    return events;
  }
});
