import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { issueBootstrapAdminKey } from '../../services/auth/openAuth';
import { loadConfig } from '../../services/shared/config';
import { createLogger } from '../../services/shared/logger';
import { type ApiReplica, startApiReplica } from '../support/apiReplica';
import { expectProblem, readJson } from '../support/httpAnswers';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';

const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');

/**
 * Two API replicas, each with its own data folder, started as services/api/main.ts starts one: with DATABASE_URL
 * their API keys live in one PostgreSQL database, so a key issued or revoked on one holds on the other at once.
 */
describeWithServices(['temporal', 'postgres'], 'API keys shared by replicas through DATABASE_URL', () => {
  let system: RunningSystem;
  let databaseUrl: string;
  const replicas: (ApiReplica & { dataDir: string })[] = [];
  let adminKey: string;

  beforeAll(async () => {
    system = await startSystem({ kafka: false, auth: 'required' });
    databaseUrl = await freshPostgresDatabase('shared_api_keys');
    for (const _ of [1, 2]) replicas.push(await startReplica());
    adminKey = readFileSync(join(replicas[0]!.dataDir, 'admin-api-key'), 'utf8').trim();
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await system?.stop();
  });

  async function startReplica() {
    const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-replica-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SOFT_LANDING_BOOTSTRAP_ORGANISATION: 'org-shared',
    });
    const replica = await startApiReplica(system, config, {
      taskQueue: 'shared-api-keys',
      logger,
      // The first replica finds the shared store empty and writes the administrator key; the second finds it taken.
      starting: (auth) => issueBootstrapAdminKey(auth, config, logger),
    });
    return { ...replica, dataDir };
  }

  const call = (replica: number, path: string, token: string, init: RequestInit = {}) =>
    fetch(`${replicas[replica]!.baseUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'X-Organisation-Id': 'org-shared',
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });

  it('issues one administrator key for both, and a key issued or revoked on one replica counts on the other', async () => {
    const listed = await readJson(await call(1, '/api-keys', adminKey));
    expect(listed.apiKeys.map((key: { label: string }) => key.label)).toEqual(['bootstrap administrator (npm start)']);

    const issued = await call(0, '/api-keys', adminKey, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'replica-key-1' },
      body: JSON.stringify({ roles: ['admin'], label: 'koppeling' }),
    });
    expect(issued.status).toBe(201);
    const { token, keyId } = await readJson(issued);
    expect((await call(1, '/api-keys', token)).status).toBe(200);

    expect((await call(1, `/api-keys/${keyId}`, adminKey, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await call(0, '/api-keys', token), 401, { type: '/problems/unauthenticated' });
  });

  it('answers 503 in the caller’s language, not 401 or 500, while the shared key store is gone', async () => {
    const admin = new Client({ connectionString: serviceAddress('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();

    await expectProblem(await call(0, '/api-keys', adminKey), 503, {
      type: '/problems/key-store-unavailable',
      title: 'Sleutelopslag onbereikbaar',
    });
    await expectProblem(await call(1, '/api-keys', adminKey, { headers: { 'Accept-Language': 'en' } }), 503, {
      type: '/problems/key-store-unavailable',
      title: 'Key store unavailable',
    });
  });
});
