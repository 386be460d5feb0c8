import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createLogger } from '../../services/shared/logger';
import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import { contractOperations } from '../support/contractOperations';
import { LocalOidcIssuer, TEST_AUDIENCE } from '../support/oidcIssuer';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

/**
 * Every operation of the contract, sent with real credentials and bodies full of contact details, plus refused
 * keys and tokens and mails that cannot be delivered; then the whole log file is read: no credential, mail
 * address, name or phone number may be in it (services/shared/logger.ts).
 */
describeWithServices(['temporal'], 'the log holds no credential or personal data (real API, worker, log file)', () => {
  const organisationId = `logs-${randomUUID().slice(0, 8)}`;
  const logFile = join(mkdtempSync(join(tmpdir(), 'soft-landing-logs-')), 'system.log');
  const NEW_HIRE = {
    displayName: 'Anneke Verborgen-Testpersoon',
    email: `anneke.${randomUUID().slice(0, 6)}@prive.example.org`,
  };
  const MANAGER = {
    displayName: 'Bram Geheim-Leidinggevende',
    email: `bram.${randomUUID().slice(0, 6)}@werk.example.org`,
  };
  const PHONE = '+31612345678';
  let system: RunningSystem;
  let issuer: LocalOidcIssuer;
  let adminKey: string;
  let refusedJwt: string;

  /** A port where nothing listens: every mail the journey sends is refused, and the refusal names the recipient. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  beforeAll(async () => {
    issuer = await LocalOidcIssuer.start();
    system = await startSystem({
      kafka: false,
      auth: 'required',
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      oidcProviders: [{ issuer: issuer.issuer, audience: TEST_AUDIENCE, organisationId }],
      logger: createLogger('test', 'debug', pino.destination({ dest: logFile, sync: true })),
    });
    adminKey = system.apiKeys.issue({ organisationId, roles: ['admin'], label: 'log test', createdBy: 'test' }).token;
    // Signed by a trusted issuer for another audience: refused, and why goes to the log.
    refusedJwt = await issuer.sign({ aud: 'api://someone-else', roles: ['admin'], person_ref: NEW_HIRE.email });
  });
  afterAll(async () => {
    await system?.stop();
    await issuer?.close();
  });

  function send(method: string, path: string, options: { token?: string; body?: string; language?: string } = {}) {
    return fetch(`${system.baseUrl}${path}`, {
      method,
      headers: {
        'x-organisation-id': organisationId,
        authorization: `Bearer ${options.token ?? adminKey}`,
        'accept-language': options.language ?? 'nl',
        'idempotency-key': randomUUID(),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
  }

  it('logs none of them after every operation, refused credentials and undeliverable mails', async () => {
    const hireId = `h-log-${randomUUID().slice(0, 6)}`;
    const registered = await send('POST', '/hires', {
      body: JSON.stringify({
        hireId,
        startDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
        role: 'Jeugdzorgwerker',
        team: 'Team Noord',
        templateId: rvdkTemplate.id,
        managerRef: 'm-log-1',
        newHire: NEW_HIRE,
        manager: MANAGER,
      }),
    });
    expect(registered.status).toBe(201);

    // Every operation, with personal data in the body, the query and (for the path's own ids) the path.
    const personal = JSON.stringify({
      ...NEW_HIRE,
      phone: PHONE,
      contacts: [MANAGER],
      note: `bel ${PHONE} of mail ${NEW_HIRE.email}`,
    });
    const answered: number[] = [];
    for (const operation of contractOperations()) {
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'hireId' ? hireId : encodeURIComponent(NEW_HIRE.email),
      );
      const query = operation.method === 'GET' ? `?email=${encodeURIComponent(MANAGER.email)}` : '';
      const response = await send(
        operation.method,
        `${path}${query}`,
        operation.method === 'GET' || operation.method === 'DELETE' ? {} : { body: personal },
      );
      answered.push(response.status);
      await response.arrayBuffer();
    }
    expect(answered.length).toBeGreaterThan(30);
    expect(answered.filter((status) => status >= 500 && status !== 503)).toEqual([]);

    // Refused: an unknown API key, a token for another audience, a body that is no JSON but holds an address.
    expect((await send('GET', '/hires', { token: `slk_0123456789abcdef_${'Q'.repeat(43)}` })).status).toBe(401);
    expect((await send('GET', '/hires', { token: refusedJwt })).status).toBe(401);
    expect((await send('POST', '/hires', { body: `{"newHire":{"email":"${NEW_HIRE.email}"` })).status).toBe(400);

    // The worker tried the welcome mail and logged that it failed (Temporal retries it).
    await waitFor(
      () => /"activityType":"sendJourneyMail".*"msg":"Activity failed"/.test(readFileSync(logFile, 'utf8')),
      (logged) => logged,
      30_000,
    );
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('bearer-token geweigerd');
    for (const secret of [
      adminKey,
      refusedJwt,
      NEW_HIRE.email,
      MANAGER.email,
      NEW_HIRE.displayName,
      MANAGER.displayName,
      PHONE,
      'sml_',
      'sls_',
    ]) {
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
