import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { dutchDate } from '../../services/shared/dutchClock';
import { pollRound } from '../../services/hris-connector/hrisPoller';
import type { HrisSnapshots } from '../../services/hris-connector/hrisStore';
import { openHrisStore } from '../../services/hris-connector/openHrisStore';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { JourneyDispatcher, hrisActor } from '../../services/hris-connector/journeyDispatcher';
import { parseOrganisation } from '../../services/hris-connector/organisations';
import { YouForceConnector } from '../../services/hris-connector/youforce/youforceConnector';
import { HireRegistration } from '../../services/registration/hireRegistration';
import { JourneyTemplateStore } from '../../services/templates/journeyTemplateStore';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { hireStreamName, rehireStreamName } from '../../services/event-store/streamNames';
import { withContracts } from '../../services/event-store/withContracts';
import { createLogger } from '../../services/shared/logger';
import { installTemporalRuntime } from '../../services/shared/temporalRuntime';
import { createWorker } from '../../services/worker/createWorker';
import { openJourneyDeps } from '../../services/worker/journeyDeps';
import { addDays } from '../../workflows/domain/calendar';
import { EXIT_INTERVIEW_TASK_ID } from '../../workflows/domain/journey/state';
import { hireJourneyWorkflowId, journeyViewQuery } from '../../workflows/hireJourneyContract';
import { serviceAddress, describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { FakeYouForce } from './fakeYouForce';
import { addTeamNoord, teamNoordEmployment } from './teamNoord';
import { ManualClock } from './manualClock';

/**
 * From the fake YouForce to a real journey on a real Temporal server: a hire in the HR system starts the journey
 * (once, however often we poll), and a termination entered later reaches the running journey, which starts leaving.
 * The snapshot and outbox are in PostgreSQL, as with DATABASE_URL in production (test/hris/employmentSync.test.ts
 * drives the SQLite default, test/contracts/hrisStore.test.ts holds both to one contract).
 */
describeWithServices(['temporal', 'postgres'], 'the HRIS connector drives real journeys', () => {
  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const clock = new ManualClock(Date.now());
  let fake: FakeYouForce;
  let store: HrisSnapshots;
  let closeStore: (() => Promise<void>) | undefined;
  let client: Client;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let workerRun: Promise<void>;
  let journeyDeps: Awaited<ReturnType<typeof openJourneyDeps>>;
  let eventStore: ReturnType<typeof withContracts>;
  let round: () => Promise<void>;

  beforeAll(async () => {
    installTemporalRuntime(logger);
    const dir = mkdtempSync(join(tmpdir(), 'hris-e2e-'));
    const address = serviceAddress('temporal');
    connection = await Connection.connect({ address });
    client = new Client({ connection });
    nativeConnection = await NativeConnection.connect({ address });
    eventStore = withContracts(new SqliteEventStore(join(dir, 'events.sqlite')));
    journeyDeps = await openJourneyDeps(
      { peopleDbPath: join(dir, 'people.sqlite'), publicBaseUrl: 'http://soft-landing.test' },
      eventStore,
      logger,
    );
    const taskQueue = `test-hris-${randomUUID()}`;
    worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: journeyDeps,
    });
    workerRun = worker.run();

    fake = await new FakeYouForce(clock).start();
    addTeamNoord(fake);
    fake.putEmployment(teamNoordEmployment('E1', 'P1', '2016-02-01'));
    fake.putPerson({
      id: '1',
      personCode: 'P7',
      knownAs: 'Anna',
      lastNamePrefix: 'de',
      lastName: 'Vries',
      emailAddresses: [{ type: 'Private', address: 'anna@example.nl' }],
    });

    const settings = parseOrganisation(
      {
        organisationId,
        hris: 'youforce',
        youforce: {
          tenantId: 'T123',
          apiBaseUrl: fake.baseUrl,
          tokenUrl: `${fake.baseUrl}/connect/token`,
          clientIdVariable: 'YF_ID',
          clientSecretVariable: 'YF_SECRET',
        },
        templates: { jobProfiles: { JZW: 'jbwest-learning-line' } },
      },
      { YF_ID: 'soft-landing', YF_SECRET: 's3cret' },
    );
    ({ store, close: closeStore } = await openHrisStore({
      hris: { dbPath: join(dir, 'hris.sqlite') },
      databaseUrl: await freshPostgresDatabase('hris_e2e'),
    }));
    const connector = new YouForceConnector(settings.youforce!, clock);
    const registration = new HireRegistration({
      client,
      store: eventStore,
      taskQueue,
      logger,
      templates: new JourneyTemplateStore(eventStore),
      directory: journeyDeps.directory,
    });
    const dispatcher = new JourneyDispatcher({
      client,
      registration,
      store,
      directory: journeyDeps.directory,
      clock,
      logger,
    });
    round = () => pollRound({ settings, connector }, { store, dispatcher, clock, logger });
  });

  afterAll(async () => {
    worker?.shutdown();
    await workerRun;
    await nativeConnection?.close();
    await connection?.close();
    await journeyDeps?.close();
    await eventStore?.close();
    await closeStore?.();
    await fake?.stop();
  });

  it('starts one journey for a hire, and a later termination makes it leave', async () => {
    const today = dutchDate(clock.now());
    const startDate = addDays(today, 60);
    fake.putEmployment(teamNoordEmployment('E7', 'P7', startDate));

    await round();
    clock.advance(15 * 60_000);
    await round();
    await round();

    const workflowId = hireJourneyWorkflowId(organisationId, 'yf-E7');
    const handle = client.workflow.getHandle(workflowId);
    const view = await waitFor(
      () => handle.query(journeyViewQuery),
      (candidate) => Array.isArray(candidate.items),
    );
    expect(view).toMatchObject({
      hireId: 'yf-E7',
      startDate,
      role: 'Jeugdzorgwerker',
      team: 'Team Noord',
      templateId: 'jbwest-learning-line',
    });
    expect((await store.changes(organisationId)).map((stored) => [stored.change.kind, stored.outcome])).toEqual([
      ['HireRegistered', 'started'],
    ]);
    expect(await journeyDeps.directory.find(organisationId, 'yf-E7')).toMatchObject({
      displayName: 'Anna de Vries',
      email: 'anna@example.nl',
    });
    // The existing colleague got no journey.
    const existing = await client.workflow
      .list({ query: `WorkflowId = '${hireJourneyWorkflowId(organisationId, 'yf-E1')}'` })
      [Symbol.asyncIterator]()
      .next();
    expect(existing.done).toBe(true);

    clock.advance(15 * 60_000);
    const lastWorkingDay = addDays(startDate, 45);
    fake.updateEmployment('E7', { dischargeDate: lastWorkingDay });
    clock.advance(60_000);
    await round();
    await round();

    const leaving = await waitFor(
      () => handle.query(journeyViewQuery),
      (candidate) => candidate.stage === 'leaving',
    );
    // What the termination opened, not the stage waited for: HR's exit interview, due on the last working day.
    expect(leaving.items?.find((item) => item.id === EXIT_INTERVIEW_TASK_ID)).toMatchObject({
      ownerRole: 'hr',
      status: 'open',
      dueDate: lastWorkingDay,
    });
    expect((await store.changes(organisationId)).map((stored) => [stored.change.kind, stored.outcome])).toEqual([
      ['HireRegistered', 'started'],
      ['TerminationRegistered', 'signalled'],
    ]);
    // The hire's own history, in the event store, names the HR system as the source of the termination.
    const termination = await waitFor(
      async () => {
        const events = [];
        for await (const event of eventStore.readStream(hireStreamName({ organisationId, hireId: 'yf-E7' })))
          events.push(event);
        return events.find((event) => event.type === 'TerminationRegistered');
      },
      (event) => event !== undefined,
    );
    expect(termination!.metadata.actor).toBe(hrisActor({ hris: 'youforce', tenantId: 'T123' }));
    expect(termination!.data).toMatchObject({ lastWorkingDay });
    expect(fake.tokenCalls).toBe(1);
  });

  it('starts a rehire as a journey of its own, linked both ways to the one before', async () => {
    // Anna (P7, left after the test before) comes back on a new employment.
    const startDate = addDays(dutchDate(clock.now()), 150);
    clock.advance(15 * 60_000);
    fake.putEmployment(teamNoordEmployment('E8', 'P7', startDate));
    clock.advance(60_000);
    await round();
    await round();
    expect((await store.changes(organisationId)).at(-1)).toMatchObject({
      change: { kind: 'Rehired', hireId: 'yf-E8', journey: { rehireOf: 'yf-E7' } },
      outcome: 'started',
    });
    const readAll = async (stream: string) => {
      const events = [];
      for await (const event of eventStore.readStream(stream)) events.push(event);
      return events;
    };
    const registered = await waitFor(
      async () =>
        (await readAll(hireStreamName({ organisationId, hireId: 'yf-E8' }))).find(
          (event) => event.type === 'HireRegistered',
        ),
      (event) => event !== undefined,
    );
    expect(registered!.data).toMatchObject({ hireId: 'yf-E8', rehireOf: 'yf-E7', startDate });
    const links = await readAll(rehireStreamName({ organisationId, hireId: 'yf-E7' }));
    expect(links.map((event) => [event.type, event.data.rehiredAs, event.metadata.actor])).toEqual([
      ['RehireRegistered', 'yf-E8', hrisActor({ hris: 'youforce', tenantId: 'T123' })],
    ]);
    // Polling again records and links nothing more.
    clock.advance(15 * 60_000);
    await round();
    expect(await readAll(rehireStreamName({ organisationId, hireId: 'yf-E7' }))).toHaveLength(1);
  });
});
