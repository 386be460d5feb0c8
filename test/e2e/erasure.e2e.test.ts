import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import pino from 'pino';
import { createLogger } from '../../services/shared/logger';
import { installTemporalRuntime } from '../../services/shared/temporalRuntime';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import { apiRequest } from '../support/apiRequest';
import { scanBytes, scanFiles } from '../support/byteScan';
import { readJson } from '../support/httpAnswers';
import { localTemporalCli } from '../support/provideServices';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { SmtpSink } from '../support/smtpSink';
import { waitFor } from '../support/waitFor';
import { acceptForAskedMentor, mentorInTiel } from '../support/hireRegistrations';

/**
 * The right to erasure, checked the way an auditor with a shell would: every byte of every file the deployment
 * wrote — event store, people directory with its write-ahead log, read models, API keys, the log, and Temporal's
 * own database (a dev server of this test's, its file in the same folder) — searched for the erased name and
 * address, while the system runs.
 */
describeWithServices(['temporal'], 'erasing a person leaves no byte of their name or address behind', () => {
  const organisationId = `jeugdzorg-${randomUUID().slice(0, 8)}`;
  const hireId = `h-${randomUUID().slice(0, 8)}`;
  const managerRef = `mgr-${randomUUID().slice(0, 8)}`;
  const mentorRef = `m-${randomUUID().slice(0, 8)}`;
  // Names nobody else in the files could have: every occurrence found is theirs.
  const newHire = {
    displayName: 'Fenneke Oudewater-Kloosterboer',
    email: 'fenneke.oudewater@voorbeeld.test',
    language: 'nl',
  };
  const manager = {
    displayName: 'Wouterus Bakelaar-Zijlstra',
    email: 'wouterus.bakelaar@jeugdzorg.test',
    language: 'en',
  };
  const erasedTexts = [newHire.displayName, newHire.email, manager.displayName, manager.email];
  const registrationKey = randomUUID();
  // The manager's reminder for the first pre-boarding task (due 14 days ahead, nudged 2 days before) is due today.
  const startDate = addDays(isoDateOfEpochMs(Date.now()), 16);
  const registration = { hireId, startDate, role: 'Jeugdzorgwerker', team: 'Team Noord', managerRef, newHire, manager };

  let dataDir: string;
  let ownTemporal: TestWorkflowEnvironment | undefined;
  let smtp: SmtpSink;
  let system: RunningSystem;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-erasure-'));
    const logger = createLogger(
      'test',
      'debug',
      pino.destination({ dest: join(dataDir, 'soft-landing.log'), sync: true }),
    );
    // Before the dev server starts, which would otherwise install the SDK's own runtime and its console logger.
    installTemporalRuntime(logger);
    const cli = localTemporalCli();
    ownTemporal = cli
      ? await TestWorkflowEnvironment.createLocal({
          server: {
            executable: { type: 'existing-path', path: cli },
            dbFilename: join(dataDir, 'temporal.sqlite'),
            ip: '127.0.0.1',
          },
        })
      : undefined;
    if (!ownTemporal)
      console.warn('No Temporal CLI: Temporal’s database is checked through its API only, not as a file');
    smtp = await SmtpSink.start();
    system = await startSystem({
      kafka: false,
      smtpUrl: smtp.url,
      dataDir,
      logger,
      ...(ownTemporal ? { temporalAddress: ownTemporal.address } : {}),
    });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
    await ownTemporal?.teardown();
  });

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, headers);
  const register = (body: unknown, key: string) => send('POST', '/hires', body, { 'idempotency-key': key });

  function contactsInDirectory(): string[] {
    const db = new Database(join(dataDir, 'people.sqlite'), { readonly: true });
    try {
      return (
        db.prepare('SELECT person_ref FROM contacts WHERE organisation_id = ?').all(organisationId) as {
          person_ref: string;
        }[]
      ).map((row) => row.person_ref);
    } finally {
      db.close();
    }
  }

  /** The journey as Temporal keeps it (input, memo, every activity's input and result), in its wire format. */
  async function temporalHistoryBytes(workflowId: string): Promise<Uint8Array> {
    const handle = system.client.workflow.getHandle(workflowId);
    const history = await handle.fetchHistory();
    return temporal.api.history.v1.History.encode(history).finish();
  }

  function report(moment: string, scan: ReturnType<typeof scanFiles>, historyHits: number): void {
    console.info(
      `${moment}: scanned ${scan.files} files (${scan.bytes} bytes) under the data folder (${scan.paths.join(', ')})` +
        ` — ${scan.occurrences} occurrences of the erased names and addresses` +
        (scan.found.length ? `: ${JSON.stringify(scan.found)}` : '') +
        `; Temporal history of the journey: ${historyHits} occurrences`,
    );
  }

  it('registers a hire with a manager and mails both, their details in the people directory only', async () => {
    const offered = await send(
      'PUT',
      `/mentors/${mentorRef}`,
      mentorInTiel('Team Noord', { contact: { displayName: 'Mentor Noord', email: 'mentor.noord@jeugdzorg.test' } }),
    );
    expect(offered.status).toBe(200);
    expect((await register(registration, registrationKey)).status).toBe(201);
    expect(contactsInDirectory()).toEqual(expect.arrayContaining([hireId, managerRef]));

    await acceptForAskedMentor(send, hireId, mentorRef);
    // The mentor's welcome (with the coffee moment) to the new hire, the task reminder to the manager.
    await waitFor(
      () => [smtp.to(newHire.email).length, smtp.to(manager.email).length],
      ([toHire, toManager]) => toHire! > 0 && toManager! > 0,
      30_000,
    );

    // The scan can find what it looks for: before erasure the directory holds every one of the texts.
    const before = scanFiles(dataDir, erasedTexts);
    expect(new Set(before.found.filter((hit) => hit.file.startsWith('people.sqlite')).map((hit) => hit.text))).toEqual(
      new Set(erasedTexts),
    );
    // Nowhere else, ever: not in events, read models, logs or Temporal.
    expect(before.found.filter((hit) => !hit.file.startsWith('people.sqlite'))).toEqual([]);
  });

  it('erases both: no file under the data folder and no byte of the journey’s Temporal history holds them', async () => {
    expect((await send('DELETE', `/people/${hireId}`)).status).toBe(204);
    expect((await send('DELETE', `/people/${managerRef}`)).status).toBe(204);
    expect(contactsInDirectory()).not.toContain(hireId);
    expect(contactsInDirectory()).not.toContain(managerRef);

    const scan = scanFiles(dataDir, erasedTexts);
    const history = scanBytes(await temporalHistoryBytes(hireJourneyWorkflowId(organisationId, hireId)), erasedTexts);
    const historyHits = history.reduce((sum, hit) => sum + hit.occurrences, 0);
    report('after erasure', scan, historyHits);
    expect(scan.files).toBeGreaterThanOrEqual(ownTemporal ? 6 : 5);
    expect(scan.found).toEqual([]);
    expect(history).toEqual([]);
  });

  it('a replay of the original registration answers as before and brings nobody back, under any key', async () => {
    const replay = await register(registration, registrationKey);
    expect(replay.status).toBe(200);
    expect(await readJson(replay)).toMatchObject({ hireId, workflowId: hireJourneyWorkflowId(organisationId, hireId) });
    expect((await register(registration, randomUUID())).status).toBe(200);

    expect(contactsInDirectory()).not.toContain(hireId);
    expect(contactsInDirectory()).not.toContain(managerRef);
    const scan = scanFiles(dataDir, erasedTexts);
    const history = scanBytes(await temporalHistoryBytes(hireJourneyWorkflowId(organisationId, hireId)), erasedTexts);
    report(
      'after the replays',
      scan,
      history.reduce((sum, hit) => sum + hit.occurrences, 0),
    );
    expect(scan.found).toEqual([]);
    expect(history).toEqual([]);
  });

  it('a new registration of another hire may give the erased manager’s details anew, and keeps them', async () => {
    const otherHire = `h-${randomUUID().slice(0, 8)}`;
    const renewed = { ...manager, email: 'w.bakelaar@jeugdzorg.test' };
    const response = await register(
      { hireId: otherHire, startDate, role: 'Gezinsvoogd', managerRef, manager: renewed },
      randomUUID(),
    );
    expect(response.status).toBe(201);
    expect(contactsInDirectory()).toContain(managerRef);
    // The erased new hire stays erased.
    expect(contactsInDirectory()).not.toContain(hireId);
  });
});
