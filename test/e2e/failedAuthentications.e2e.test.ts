import { randomUUID } from 'node:crypto';
import type { Role } from '../../services/auth/roles';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';

/**
 * Refused credentials are slowed down per client address and per API key id (services/auth/failedAuthentications.ts),
 * on the API as `npm start` wires it with AUTH_FAILURE_LIMIT=3 and a two-second window. The test speaks for several
 * client addresses through X-Forwarded-For, which the API believes only because TRUST_PROXY says so.
 */
describeWithServices(['temporal'], 'failed authentications (real API, real key store)', () => {
  const organisationId = `limits-${randomUUID().slice(0, 8)}`;
  const LIMIT = 3;
  const WINDOW_SECONDS = 2;
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      kafka: false,
      auth: 'required',
      failedAuthenticationLimits: { failures: LIMIT, windowSeconds: WINDOW_SECONDS },
      trustProxy: 'loopback',
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  function issueKey(roles: Role[] = ['hr-advisor']) {
    return system.apiKeys.issue({ organisationId, roles, label: 'limits test', createdBy: 'test' });
  }

  /** A key of the right shape whose secret is wrong: the same key id, so it counts against that key. */
  function withWrongSecret(token: string): string {
    const secret = token.slice(-43);
    return `${token.slice(0, -43)}${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
  }

  function listHires(token: string, clientAddress: string, language = 'nl') {
    return fetch(`${system.baseUrl}/hires`, {
      headers: {
        authorization: `Bearer ${token}`,
        'x-organisation-id': organisationId,
        'x-forwarded-for': clientAddress,
        'accept-language': language,
      },
    });
  }

  const unknownKey = () => `slk_${randomUUID().replace(/-/g, '').slice(0, 16)}_${'x'.repeat(43)}`;

  it('answers 401 up to the limit, then 429 with Retry-After in Dutch, and refuses even a valid key from that address until the window passes', async () => {
    const address = '203.0.113.10';
    const valid = issueKey().token;
    for (let attempt = 1; attempt <= LIMIT; attempt++)
      expect((await listHires(unknownKey(), address)).status).toBe(401);
    const last = await listHires(unknownKey(), address);
    expect(last.status).toBe(429);
    const retryAfter = Number(last.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(last.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await last.json()).toMatchObject({
      type: '/problems/too-many-failed-authentications',
      status: 429,
      title: 'Te vaak geweigerd',
    });

    // Blocked before its credentials are looked at: the right key from this address waits too ...
    const blocked = await listHires(valid, address, 'en');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({
      title: 'Refused too often',
      detail: expect.stringMatching(/^Invalid credentials were sent too often .* Wait \d seconds/),
    });
    // ... while another client is not held up by it.
    expect((await listHires(valid, '203.0.113.11')).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, (WINDOW_SECONDS + 0.5) * 1000));
    expect((await listHires(valid, address)).status).toBe(200);
  });

  it('counts wrong secrets per key id across addresses, and still lets the right secret of that key in', async () => {
    const issued = issueKey();
    const wrong = withWrongSecret(issued.token);
    // One refusal from each address: no address reaches its own limit, the key id does.
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= LIMIT + 1; attempt++)
      statuses.push((await listHires(wrong, `198.51.100.${attempt}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await listHires(wrong, '198.51.100.50')).status).toBe(429);
    // A key id is not secret: refusing its right secret would let anyone lock the integration out.
    expect((await listHires(issued.token, '198.51.100.51')).status).toBe(200);
  });

  it('counts nothing for accepted credentials', async () => {
    const valid = issueKey().token;
    const address = '192.0.2.77';
    for (let request = 0; request < LIMIT * 3; request++) expect((await listHires(valid, address)).status).toBe(200);
  });
});
