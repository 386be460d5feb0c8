import { ApiKeyAlreadyIssued, ApiKeyStore } from '../../services/auth/apiKeyStore';
import { PostgresApiKeyStore } from '../../services/auth/postgresApiKeyStore';
import { type OpenStore, contractOnBothAdapters } from '../support/storeOnBothAdapters';

/** What either adapter does; the SQLite store answers at once, the PostgreSQL one with promises: await covers both. */
type AnyApiKeyStore = {
  [K in keyof PostgresApiKeyStore]: PostgresApiKeyStore[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R | Promise<R>
    : never;
};

/** One contract, run on both adapters: a replica on PostgreSQL must behave as the embedded SQLite default. */
function apiKeyStoreContract(name: string, open: OpenStore<AnyApiKeyStore>): void {
  describe(`API key store contract: ${name}`, () => {
    let store: AnyApiKeyStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());
    /** A key for the HR system, the role these tests issue. */
    const issue = (organisationId: string, label: string, createdBy: string) =>
      store.issue({ organisationId, roles: ['hr-system'], label, createdBy });

    it('authenticates an issued key and refuses a wrong secret, an unknown key and a malformed token', async () => {
      const issued = await issue('org-a', 'HRIS', 'ann');
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
      await issue('org-a', 'one', 'ann');
      await issue('org-b', 'other', 'bob');
      const listed = await store.list('org-a');
      expect(listed.map((key) => key.label)).toEqual(['one']);
      expect(JSON.stringify(listed)).not.toContain('slk_');
      expect(await store.isEmpty()).toBe(false);
    });

    it('revokes within the organisation only, and a revoked key no longer authenticates', async () => {
      const issued = await issue('org-a', 'one', 'ann');
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

contractOnBothAdapters(
  apiKeyStoreContract,
  { file: 'api-keys.sqlite', open: (path) => new ApiKeyStore(path) },
  { database: 'api_keys_contract', open: (pool) => PostgresApiKeyStore.open(pool) },
);
