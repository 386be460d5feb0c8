import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, createServer, connect as connectTcp, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../../services/api/createApp';
import { type OpenedAuth, openAuth } from '../../services/auth/openAuth';
import { closeServer, listen } from '../../services/http/listen';
import { loadConfig } from '../../services/shared/config';
import { createLogger } from '../../services/shared/logger';
import { databaseIsAway } from '../../services/shared/postgres/databaseAway';
import { CONNECT_TIMEOUT_MS, openPostgresPool } from '../../services/shared/postgres/pool';
import { openSurveyStore } from '../../services/survey/openSurveyStore';
import { SurveyTokenRefused } from '../../services/survey/signedLinkTokens';
import type { SurveyStorage } from '../../services/survey/surveyStorage';
import { DEFAULT_QUESTIONNAIRE } from '../../workflows/domain/questionnaire';
import { expectProblem } from '../support/httpAnswers';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { scaleAnswers, surveyGroup } from '../support/surveyRespondents';

const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
const WAVE = 'ninety-days-2026-Q4';

/**
 * The way to the database, as a TCP hop the test can cut and restore: cut, every connection through it is reset
 * and its port refuses new ones, as when the PostgreSQL server stops (the run's server itself serves other tests).
 */
class DatabaseLine {
  private server: TcpServer | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connectTcp(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

/**
 * The API with the survey in PostgreSQL (DATABASE_URL) while that database does not answer: the survey page, the
 * exit questionnaire page and HR's report answer 503 problem+json with Retry-After (in Dutch unless asked in
 * English), not 500; nothing is stored and the link is not spent, so once the database is back the same answer
 * is taken.
 */
describeWithServices(['temporal', 'postgres'], 'the survey while its PostgreSQL database is away', () => {
  let system: RunningSystem;
  let databaseUrl: string;
  let line: DatabaseLine;
  let worker: { store: SurveyStorage; close(): Promise<void> };
  let api: { baseUrl: string; auth: OpenedAuth; server: Server; close(): Promise<void> };
  const organisationId = `jz-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, auth: 'required' });
    databaseUrl = await freshPostgresDatabase('survey_outage');
    const direct = new URL(databaseUrl);
    line = new DatabaseLine({ host: direct.hostname, port: Number(direct.port) });
    await line.open();
    const throughLine = new URL(databaseUrl);
    throughLine.port = String(line.port);
    const keyPath = join(mkdtempSync(join(tmpdir(), 'soft-landing-keys-')), 'magic-link-key');
    // The worker reaches the database directly; the API through the line the test cuts. Its API keys stay in SQLite.
    worker = await openSurveyStore(
      loadConfig({
        DATA_DIR: mkdtempSync(join(tmpdir(), 'soft-landing-worker-')),
        DATABASE_URL: databaseUrl,
        MAGIC_LINK_KEY_PATH: keyPath,
      }),
      logger,
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-api-'));
    const auth = await openAuth(loadConfig({ DATA_DIR: dataDir, MAGIC_LINK_KEY_PATH: keyPath }), logger);
    const survey = await openSurveyStore(
      loadConfig({ DATA_DIR: dataDir, DATABASE_URL: throughLine.toString(), MAGIC_LINK_KEY_PATH: keyPath }),
      logger,
    );
    const server = await listen(
      createApp({
        client: system.client,
        store: system.store,
        taskQueue: 'survey-outage',
        logger,
        directory: system.directory,
        readModels: system.readModels,
        auth,
        survey: survey.store,
      }),
      0,
    );
    api = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth, server, close: survey.close };
  });
  afterAll(async () => {
    if (api) {
      await closeServer(api.server);
      await api.auth.close();
      await api.close();
    }
    await line?.cut();
    await worker?.close();
    await system?.stop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const stored = async () => {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ spent: string; answers: string }>(
        `SELECT (SELECT count(*) FROM survey_invitations WHERE spent) + (SELECT count(*) FROM exit_questionnaire_invitations WHERE spent) AS spent,
                (SELECT count(*) FROM survey_pending_responses) + (SELECT count(*) FROM survey_responses)
                + (SELECT count(*) FROM exit_pending) + (SELECT count(*) FROM exit_responses) AS answers`,
      );
      return { spent: Number(rows[0]!.spent), answers: Number(rows[0]!.answers) };
    } finally {
      await db.end();
    }
  };

  it('answers 503 with Retry-After, stores nothing and spends no link; once it is back the answer is taken', async () => {
    const token = await worker.store.invite({
      organisationId,
      hireId: 'h-outage',
      waveId: WAVE,
      questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
      group: surveyGroup(),
      expiresAt: Date.now() + 86_400_000,
    });
    const exitToken = await worker.store.exitQuestionnaire.invite({
      organisationId,
      hireId: 'h-leaver',
      team: 'Team Noord',
      expiresAt: Date.now() + 86_400_000,
    });
    const hr = (await api.auth.apiKeys.issue({ organisationId, roles: ['hr-advisor'], label: 'hr', createdBy: 'test' }))
      .token;
    // The line works: the page opens the link (and the pool keeps a connection, which the cut resets).
    expect((await post('/survey/invitation', { token })).status).toBe(200);

    await line.cut();
    const away = { type: '/problems/database-unavailable', title: 'Database onbereikbaar' };
    const answered = [
      await post('/survey/invitation', { token }),
      await post('/survey/responses', { token, answers: scaleAnswers() }),
      await post('/exit-questionnaire/invitation', { token: exitToken }),
      await post('/exit-questionnaire/responses', { token: exitToken, reasons: ['workload'] }),
      await fetch(`${api.baseUrl}/survey-waves`, {
        headers: { authorization: `Bearer ${hr}`, 'x-organisation-id': organisationId },
      }),
    ];
    for (const response of answered) {
      expect(response.headers.get('retry-after')).toBe('5');
      await expectProblem(response, 503, away);
    }
    await expectProblem(
      await post('/survey/responses', { token, answers: scaleAnswers() }, { 'accept-language': 'en' }),
      503,
      { type: '/problems/database-unavailable', title: 'Database unavailable' },
    );
    expect(await stored()).toEqual({ spent: 0, answers: 0 });

    await line.open();
    expect((await post('/survey/responses', { token, answers: scaleAnswers() })).status).toBe(202);
    expect((await post('/exit-questionnaire/responses', { token: exitToken, reasons: ['workload'] })).status).toBe(202);
    expect(await stored()).toEqual({ spent: 2, answers: 2 });
  });

  it('tells a database that is away from a statement that failed', async () => {
    const refused = new Client({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres` });
    const notConnected = await refused.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(databaseIsAway(notConnected)).toBe(true);

    const db = new Client({ connectionString: databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    const failed = (sql: string) =>
      db.query(sql).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(databaseIsAway(await failed('SELEC 1'))).toBe(false);
    expect(databaseIsAway(await failed('SELECT 1 / 0'))).toBe(false);
    expect(databaseIsAway(await failed('SELECT * FROM no_such_table'))).toBe(false);
    expect(databaseIsAway(new SurveyTokenRefused('spent'))).toBe(false);
    // An administrator (or a failover) ends the connection under a statement.
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    const { pid } = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
    const running = failed('SELECT pg_sleep(10)');
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    expect(databaseIsAway(await running)).toBe(true);
    expect(databaseIsAway(await failed('SELECT 1'))).toBe(true);
    await db.end().catch(() => undefined);
  });

  it("gives up on a database host that takes the connection and says nothing, within the pool's connect timeout", async () => {
    // Accepts and then stays silent, as a host behind a firewall that drops packets: no refusal ever comes.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const pool = openPostgresPool(`postgres://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/postgres`);
    try {
      const started = performance.now();
      const error = await pool.query('SELECT 1').then(
        () => undefined,
        (failure: unknown) => failure,
      );
      const waited = performance.now() - started;
      expect(databaseIsAway(error)).toBe(true);
      expect(waited).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
      expect(waited).toBeLessThan(CONNECT_TIMEOUT_MS + 3_000);
    } finally {
      await pool.end();
      silent.close();
    }
  }, 20_000);
});

/** A port on loopback that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
