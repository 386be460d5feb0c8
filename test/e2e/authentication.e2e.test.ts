import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiKeys } from '../../services/auth/apiKeys';
import { apiKeyIdOf } from '../../services/auth/apiKeyStore';
import { type OpenedAuth, issueBootstrapAdminKey, openAuth } from '../../services/auth/openAuth';
import type { Role } from '../../services/auth/roles';
import { loadConfig } from '../../services/shared/config';
import { createLogger } from '../../services/shared/logger';
import { LocalOidcIssuer, TEST_AUDIENCE } from '../support/oidcIssuer';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { freshPostgresDatabase, keyIdsInPostgres } from '../support/postgresDatabase';
import { waitFor } from '../support/waitFor';
import { expectProblem, readJson } from '../support/httpAnswers';

const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** The mode and the first key of `npm start`: configuration and files only, no services needed. */
describe('authentication set-up', () => {
  it('is required unless SOFT_LANDING_AUTH_MODE=dev says otherwise, and a misspelt mode stops the start', () => {
    expect(loadConfig({}).auth.devMode).toBe(false);
    expect(loadConfig({ SOFT_LANDING_AUTH_MODE: 'required' }).auth.devMode).toBe(false);
    expect(loadConfig({ SOFT_LANDING_AUTH_MODE: ' ' }).auth.devMode).toBe(false);
    expect(loadConfig({ SOFT_LANDING_AUTH_MODE: 'dev' }).auth.devMode).toBe(true);
    for (const bogus of ['development', 'DEV', 'off', 'none']) {
      expect(() => loadConfig({ SOFT_LANDING_AUTH_MODE: bogus })).toThrow(
        `SOFT_LANDING_AUTH_MODE must be "required" or "dev", got "${bogus}"`,
      );
    }
  });

  /**
   * As services/embedded/main.ts does it, on a data directory of its own, with the key store DATABASE_URL chooses:
   * the embedded SQLite file, or PostgreSQL (a database of its own per test) as every API replica would share it.
   */
  bootstrapKeySuite('in the SQLite file', async () => ({}));
  describeWithServices(['postgres'], 'with DATABASE_URL', () =>
    bootstrapKeySuite('in PostgreSQL', async () => ({ DATABASE_URL: await freshPostgresDatabase('bootstrap_key') })),
  );
});

function sqliteTables(path: string): string[] {
  if (!existsSync(path)) return [];
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .all()
      .map((row) => row.name);
  } finally {
    db.close();
  }
}

function bootstrapKeySuite(where: string, databaseEnv: () => Promise<Record<string, string>>): void {
  const postgres = where.includes('PostgreSQL');
  describe(`the bootstrap administrator key of npm start, ${where}`, () => {
    const opened: OpenedAuth[] = [];
    afterEach(async () => {
      for (const auth of opened.splice(0)) await auth.close();
    });

    async function start(env: Record<string, string> = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-bootstrap-'));
      const config = loadConfig({
        DATA_DIR: dataDir,
        SOFT_LANDING_BOOTSTRAP_ORGANISATION: 'jeugdzorg-demo',
        ...(await databaseEnv()),
        ...env,
      });
      const auth = await openAuth(config, logger);
      opened.push(auth);
      return { auth, config, keyFile: join(dataDir, 'admin-api-key') };
    }

    it('writes an administrator key of the bootstrap organisation, readable by the owner only, to an empty store', async () => {
      const { auth, config, keyFile } = await start();
      await issueBootstrapAdminKey(auth, config, logger);

      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const token = readFileSync(keyFile, 'utf8').trim();
      expect(await auth.apiKeys.authenticate(token)).toMatchObject({
        organisationId: 'jeugdzorg-demo',
        roles: ['admin'],
        via: 'api-key',
      });
      expect(await auth.apiKeys.list('jeugdzorg-demo')).toHaveLength(1);
      // The key is where DATABASE_URL says, and not also in the SQLite file (which keeps the magic-link sessions).
      if (postgres) {
        expect(await keyIdsInPostgres(config.databaseUrl!)).toEqual([apiKeyIdOf(token)]);
        expect(sqliteTables(config.auth.apiKeysPath)).not.toContain('api_keys');
      } else expect(sqliteTables(config.auth.apiKeysPath)).toContain('api_keys');
    });

    it('also narrows a key file an earlier store left with wider permissions', async () => {
      const { auth, config, keyFile } = await start();
      writeFileSync(keyFile, 'slk_stale\n', { mode: 0o644 });
      await issueBootstrapAdminKey(auth, config, logger);

      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(await auth.apiKeys.authenticate(readFileSync(keyFile, 'utf8').trim())).toMatchObject({
        organisationId: 'jeugdzorg-demo',
        roles: ['admin'],
        via: 'api-key',
      });
    });

    it('does nothing once any key exists: a restart issues no second administrator', async () => {
      const { auth, config, keyFile } = await start();
      await auth.apiKeys.issue({ organisationId: 'elsewhere', roles: ['hr-system'], label: 'AFAS', createdBy: 'test' });
      await issueBootstrapAdminKey(auth, config, logger);

      expect(existsSync(keyFile)).toBe(false);
      expect(await auth.apiKeys.list('jeugdzorg-demo')).toEqual([]);
    });

    it('does nothing in dev mode, where requests need no key', async () => {
      const { auth, config, keyFile } = await start({ SOFT_LANDING_AUTH_MODE: 'dev' });
      await issueBootstrapAdminKey(auth, config, logger);

      expect(existsSync(keyFile)).toBe(false);
      expect(await auth.apiKeys.isEmpty()).toBe(true);
    });
  });
}

/**
 * Every request to the running system (real Temporal) in production mode: API keys from its store and OIDC tokens
 * of a real local issuer, refused, accepted and put on the audit trail.
 */
const UNREACHABLE_ISSUER = 'http://127.0.0.1:1/realms/down';

describeWithServices(['temporal'], 'authentication of API requests', () => {
  const organisationId = `auth-${randomUUID().slice(0, 8)}`;
  const otherOrganisation = `auth-other-${randomUUID().slice(0, 8)}`;
  const bootstrapDir = mkdtempSync(join(tmpdir(), 'soft-landing-auth-e2e-'));
  let system: RunningSystem;
  let issuer: LocalOidcIssuer;
  /** The administrator key issueBootstrapAdminKey wrote for this organisation: every admin request uses it. */
  let adminKey: string;

  beforeAll(async () => {
    issuer = await LocalOidcIssuer.start();
    system = await startSystem({
      kafka: false,
      auth: 'required',
      oidcProviders: [
        { issuer: issuer.issuer, audience: TEST_AUDIENCE, jwksUri: issuer.jwksUri, organisationId },
        // Trusted, but its keys are on a port where nothing listens: the provider is down.
        { issuer: UNREACHABLE_ISSUER, audience: TEST_AUDIENCE, jwksUri: 'http://127.0.0.1:1/jwks', organisationId },
      ],
    });
    // The system's store is still empty here, as on a first `npm start`.
    const config = loadConfig({ DATA_DIR: bootstrapDir, SOFT_LANDING_BOOTSTRAP_ORGANISATION: organisationId });
    await issueBootstrapAdminKey(openedAuthOf(system.apiKeys), config, logger);
    adminKey = readFileSync(join(bootstrapDir, 'admin-api-key'), 'utf8').trim();
  });
  afterAll(async () => {
    await system?.stop();
    await issuer?.close();
  });

  // ---- helpers ----

  function openedAuthOf(apiKeys: ApiKeys): Pick<OpenedAuth, 'apiKeys' | 'devMode'> {
    return { apiKeys, devMode: false };
  }

  function issueKey(roles: Role[], organisation = organisationId) {
    return system.apiKeys.issue({
      organisationId: organisation,
      roles,
      label: `test ${roles.join('+')}`,
      createdBy: 'test',
    });
  }

  /** A request as a client sends it: its organisation, and credentials only when given. */
  function send(
    path: string,
    options: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    return fetch(`${system.baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        'x-organisation-id': organisationId,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  }

  /** 401 and the challenge of RFC 6750 §3.1: `invalid_token` only when a Bearer token was sent and refused. */
  async function expectUnauthenticated(response: Response, options: { bearerSent: boolean }) {
    const problem = await expectProblem(response, 401, { type: '/problems/unauthenticated' });
    expect(response.headers.get('www-authenticate')).toBe(
      options.bearerSent ? 'Bearer realm="soft-landing", error="invalid_token"' : 'Bearer realm="soft-landing"',
    );
    return problem;
  }

  const hireBody = (hireId: string) => ({
    hireId,
    startDate: '2027-09-01',
    role: 'Jeugdzorgwerker',
    team: 'Team Oost',
  });

  async function registerHire(token: string): Promise<string> {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const response = await send('/hires', { token, method: 'POST', body: hireBody(hireId) });
    expect(response.status).toBe(201);
    return hireId;
  }

  type HistoryEvent = { type: string; actor: string };
  /** The hire's history as the administrator reads it, once it holds an event of `type`. */
  async function historyUntil(hireId: string, type: string): Promise<HistoryEvent[]> {
    return waitFor(
      async () => {
        const response = await send(`/hires/${hireId}/history`, { token: adminKey });
        return response.status === 200 ? ((await readJson(response)).events as HistoryEvent[]) : [];
      },
      (events) => events.some((event) => event.type === type),
    );
  }

  // ---- what needs no credentials ----

  it('answers the platform probes without credentials', async () => {
    for (const probe of ['/healthz', '/readyz']) {
      const response = await fetch(`${system.baseUrl}${probe}`);
      expect(response.status).toBe(200);
    }
  });

  // ---- refused ----

  it('refuses a request without credentials with 401 problem+json and a Bearer challenge, in Dutch unless asked for English', async () => {
    const dutch = await expectUnauthenticated(await send('/hires'), { bearerSent: false });
    expect(dutch).toMatchObject({ title: 'Niet aangemeld', detail: expect.stringContaining('Authorization: Bearer') });
    const english = await expectUnauthenticated(await send('/hires', { headers: { 'accept-language': 'en' } }), {
      bearerSent: false,
    });
    expect(english).toMatchObject({
      title: 'Not authenticated',
      detail: expect.stringContaining('Authorization: Bearer'),
    });
  });

  it('gives the dev-mode headers no power when authentication is required', async () => {
    const asAdmin = { 'x-role': 'admin', 'x-person-ref': 'p-admin' };
    await expectUnauthenticated(await send('/hires', { headers: asAdmin }), { bearerSent: false });
    await expectUnauthenticated(
      await send('/hires', { method: 'POST', body: hireBody('h-dev-header'), headers: asAdmin }),
      { bearerSent: false },
    );
    // Nothing was registered by the refused request.
    await expectProblem(await send('/hires/h-dev-header/history', { token: adminKey }), 404, {
      type: '/problems/hire-not-found',
    });
  });

  it.each([
    ['another scheme', () => 'Basic YWRtaW46YWRtaW4=', false],
    ['the API key without the Bearer scheme', () => adminKey, false],
    ['Bearer without a token', () => 'Bearer', true],
    ['a token with a space in it', () => `Bearer ${adminKey} extra`, true],
  ])('refuses a malformed Authorization header: %s', async (_case, header, bearerSent) => {
    await expectUnauthenticated(await send('/hires', { headers: { authorization: header() } }), { bearerSent });
  });

  it('refuses an API key it never issued, and a real key with its secret changed', async () => {
    const unknown = `slk_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    await expectUnauthenticated(await send('/hires', { token: unknown }), { bearerSent: true });
    const issued = issueKey(['auditor']);
    const tampered = `slk_${issued.keyId}_${randomBytes(32).toString('base64url')}`;
    await expectUnauthenticated(await send('/hires', { token: tampered }), { bearerSent: true });
    expect((await send('/hires', { token: issued.token })).status).toBe(200);
  });

  it('refuses a key from the moment it is revoked, while the system runs', async () => {
    const issued = issueKey(['hr-system']);
    expect((await send('/hires', { token: issued.token })).status).toBe(200);
    expect(system.apiKeys.revoke(organisationId, issued.keyId)).toBe(true);
    await expectUnauthenticated(await send('/hires', { token: issued.token }), { bearerSent: true });
  });

  it('refuses a valid key sent for another organisation with 403 organisation-forbidden', async () => {
    const theirs = issueKey(['admin'], otherOrganisation);
    const response = await send('/hires', { token: theirs.token });
    await expectProblem(response, 403, {
      type: '/problems/organisation-forbidden',
      detail: expect.stringContaining(organisationId),
    });
    // With its own organisation the same key is fine: the refusal was about the organisation.
    expect(
      (await send('/hires', { token: theirs.token, headers: { 'x-organisation-id': otherOrganisation } })).status,
    ).toBe(200);
  });

  // ---- OIDC ----

  it('accepts a valid OIDC token of the configured issuer and refuses an expired one', async () => {
    const claims = { roles: ['hr-advisor'], person_ref: 'p-hr-1' };
    expect((await send('/hires', { token: await issuer.sign(claims) })).status).toBe(200);
    await expectUnauthenticated(await send('/hires', { token: await issuer.sign(claims, { expiresIn: -120 }) }), {
      bearerSent: true,
    });
  });

  it('refuses an OIDC token of an issuer it does not trust', async () => {
    const stranger = await LocalOidcIssuer.start();
    try {
      await expectUnauthenticated(await send('/hires', { token: await stranger.sign({ roles: ['admin'] }) }), {
        bearerSent: true,
      });
    } finally {
      await stranger.close();
    }
  });

  it('answers 503 with Retry-After, not 401 or 500, while a trusted identity provider cannot be reached', async () => {
    const response = await send('/hires', {
      token: await issuer.sign({ roles: ['hr-advisor'], iss: UNREACHABLE_ISSUER }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      type: '/problems/identity-provider-unavailable',
      title: 'Aanmelddienst onbereikbaar',
    });
  });

  // ---- the audit trail names who did it ----

  it('puts the API key on the audit trail of what it did', async () => {
    const hrSystem = issueKey(['hr-system']);
    const hireId = await registerHire(hrSystem.token);

    const [registered] = await historyUntil(hireId, 'HireRegistered');
    expect(registered).toMatchObject({ type: 'HireRegistered', actor: `api-key:${hrSystem.keyId}` });
  });

  it('puts the person of an OIDC token on the audit trail of their command', async () => {
    const hireId = await registerHire(adminKey);
    await historyUntil(hireId, 'JourneyStarted');
    const advisor = await issuer.sign({ roles: ['hr-advisor'], person_ref: 'p-advisor-9' });

    const moved = await send(`/hires/${hireId}/start-date`, {
      token: advisor,
      method: 'PUT',
      body: { startDate: '2027-09-15' },
    });
    expect(moved.status).toBe(200);

    const events = await historyUntil(hireId, 'StartDateChanged');
    expect(events.find((event) => event.type === 'StartDateChanged')).toMatchObject({ actor: 'person:p-advisor-9' });
    // The registration was the bootstrap administrator's, by its key id.
    const adminKeyId = system.apiKeys.authenticate(adminKey)!.actor;
    expect(events.find((event) => event.type === 'HireRegistered')).toMatchObject({ actor: adminKeyId });
  });

  // ---- keys managed over HTTP by the administrator ----

  it('lets the administrator issue a key once per request, list it without its secret, and revoke it at once', async () => {
    const idempotencyKey = randomUUID();
    const request = { roles: ['hr-system'], label: 'AFAS-koppeling' };
    const issue = () =>
      send('/api-keys', {
        token: adminKey,
        method: 'POST',
        body: request,
        headers: { 'idempotency-key': idempotencyKey },
      });
    const issued = await issue();
    expect(issued.status).toBe(201);
    const key = await readJson(issued);
    expect(key).toMatchObject({
      organisationId,
      roles: ['hr-system'],
      label: 'AFAS-koppeling',
      createdBy: system.apiKeys.authenticate(adminKey)!.actor,
    });
    expect(issued.headers.get('location')).toBe(`/api-keys/${key.keyId}`);
    expect((await send('/hires', { token: key.token })).status).toBe(200);

    // A retry issues no second key, and cannot show the first one's secret again.
    const retry = await expectProblem(await issue(), 409, { type: '/problems/api-key-already-issued' });
    expect(retry.detail).toContain(key.keyId);
    const listed = (await readJson(await send('/api-keys', { token: adminKey }))).apiKeys as {
      keyId: string;
      label: string;
    }[];
    expect(listed.filter((entry) => entry.label === 'AFAS-koppeling').map((entry) => entry.keyId)).toEqual([key.keyId]);
    expect(JSON.stringify(listed)).not.toContain(key.token.split('_')[2]);

    // Another organisation's administrator cannot see or revoke it.
    const otherAdmin = issueKey(['admin'], otherOrganisation).token;
    const foreign = { token: otherAdmin, headers: { 'x-organisation-id': otherOrganisation } };
    expect(JSON.stringify(await readJson(await send('/api-keys', foreign)))).not.toContain(key.keyId);
    await expectProblem(await send(`/api-keys/${key.keyId}`, { ...foreign, method: 'DELETE' }), 404, {
      type: '/problems/api-key-not-found',
    });
    expect((await send('/hires', { token: key.token })).status).toBe(200);

    expect((await send(`/api-keys/${key.keyId}`, { token: adminKey, method: 'DELETE' })).status).toBe(204);
    await expectUnauthenticated(await send('/hires', { token: key.token }), { bearerSent: true });
    expect((await send(`/api-keys/${key.keyId}`, { token: adminKey, method: 'DELETE' })).status).toBe(204);
    const revoked = (await readJson(await send('/api-keys', { token: adminKey }))).apiKeys.find(
      (entry: { keyId: string }) => entry.keyId === key.keyId,
    );
    expect(revoked).toMatchObject({
      revokedAt: expect.any(String),
      revokedBy: system.apiKeys.authenticate(adminKey)!.actor,
    });
  });

  it('refuses keys with roles that do not exist, and lets no one but the administrator issue them', async () => {
    const bad = await expectProblem(
      await send('/api-keys', { token: adminKey, method: 'POST', body: { roles: ['boss'], label: 'x' } }),
      400,
      {
        type: '/problems/invalid-request',
      },
    );
    expect(JSON.stringify(bad.errors)).toContain('/roles/0');
    const advisor = issueKey(['hr-advisor']).token;
    await expectProblem(
      await send('/api-keys', { token: advisor, method: 'POST', body: { roles: ['admin'], label: 'escalation' } }),
      403,
      {
        type: '/problems/forbidden',
      },
    );
  });

  it('wrote the bootstrap administrator key readable by the owner only, and it works against the API', async () => {
    expect(statSync(join(bootstrapDir, 'admin-api-key')).mode & 0o777).toBe(0o600);
    expect(system.apiKeys.authenticate(adminKey)).toMatchObject({ organisationId, roles: ['admin'] });
    expect((await send('/hires', { token: adminKey })).status).toBe(200);
  });
});
