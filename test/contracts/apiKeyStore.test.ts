import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyAlreadyIssued, ApiKeyStore } from '../../services/auth/apiKeyStore';
import { PostgresApiKeyStore } from '../../services/auth/postgresApiKeyStore';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

/** What either adapter does; the SQLite store answers at once, the PostgreSQL one with promises: await covers both. */
type AnyApiKeyStore = {
  [K in keyof PostgresApiKeyStore]: PostgresApiKeyStore[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R | Promise<R>
    : never;
};

/** One contract, run on both adapters: a replica on PostgreSQL must behave as the embedded SQLite default. */
function apiKeyStoreContract(
  name: string,
  open: () => Promise<{ store: AnyApiKeyStore; close: () => Promise<void> }>,
): void {
  describe(`API key store contract: ${name}`, () => {
    let store: AnyApiKeyStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());

    it('authenticates an issued key and refuses a wrong secret, an unknown key and a malformed token', async () => {
      const issued = await store.issue({
        organisationId: 'org-a',
        roles: ['hr-system'],
        label: 'HRIS',
        createdBy: 'ann',
      });
      expect(await store.authenticate(issued.token)).toMatchObject({
        organisationId: 'org-a',
        roles: ['hr-system'],
        actor: `api-key:${issued.keyId}`,
      });
      const wrongSecret = `${issued.token.slice(0, -1)}${issued.token.endsWith('A') ? 'B' : 'A'}`;
      expect(await store.authenticate(wrongSecret)).toBeUndefined();
      expect(await store.authenticate(`slk_0123456789abcdef_${'x'.repeat(43)}`)).toBeUndefined();
      expect(await store.authenticate('slk_nonsense')).toBeUndefined();
    });

    it('lists per organisation, without the secret', async () => {
      expect(await store.isEmpty()).toBe(true);
      await store.issue({ organisationId: 'org-a', roles: ['hr-system'], label: 'one', createdBy: 'ann' });
      await store.issue({ organisationId: 'org-b', roles: ['hr-system'], label: 'other', createdBy: 'bob' });
      const listed = await store.list('org-a');
      expect(listed.map((key) => key.label)).toEqual(['one']);
      expect(JSON.stringify(listed)).not.toContain('slk_');
      expect(await store.isEmpty()).toBe(false);
    });

    it('revokes within the organisation only, and a revoked key no longer authenticates', async () => {
      const issued = await store.issue({
        organisationId: 'org-a',
        roles: ['hr-system'],
        label: 'one',
        createdBy: 'ann',
      });
      expect(await store.revoke('org-b', issued.keyId, 'mallory')).toBe(false);
      // Another organisation's revoke left the key as it was: still org-a's, with its role, under its own id.
      expect(await store.authenticate(issued.token)).toMatchObject({
        organisationId: 'org-a',
        roles: ['hr-system'],
        actor: `api-key:${issued.keyId}`,
      });
      expect((await store.list('org-a'))[0]).not.toHaveProperty('revokedBy');
      expect(await store.revoke('org-a', issued.keyId, 'ann')).toBe(true);
      expect(await store.revoke('org-a', issued.keyId, 'ann')).toBe(true);
      expect(await store.authenticate(issued.token)).toBeUndefined();
      expect((await store.list('org-a'))[0]).toMatchObject({ revokedBy: 'ann' });
    });

    it('issues once per idempotency key', async () => {
      const request = {
        organisationId: 'org-a',
        roles: ['hr-system'] as const,
        label: 'one',
        createdBy: 'ann',
        idempotencyKey: 'k-1',
      };
      const first = await store.issue(request);
      await expect(Promise.resolve().then(() => store.issue(request))).rejects.toEqual(
        new ApiKeyAlreadyIssued(first.keyId),
      );
      expect(await store.list('org-a')).toHaveLength(1);
    });
  });
}

apiKeyStoreContract('SQLite', async () => {
  const store = new ApiKeyStore(join(mkdtempSync(join(tmpdir(), 'api-keys-')), 'api-keys.sqlite'));
  return { store, close: async () => store.close() };
});

describeWithServices(['postgres'], 'on PostgreSQL', () => {
  apiKeyStoreContract('PostgreSQL', async () => {
    const pool = openPostgresPool(await freshPostgresDatabase('api_keys_contract'));
    const store = await PostgresApiKeyStore.open(pool);
    return { store, close: () => pool.end() };
  });
});
