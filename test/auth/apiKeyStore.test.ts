import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore, type IssuedApiKey } from '../../services/auth/apiKeyStore';

/** The key store on a real SQLite file, as the API opens it: what a leaked database file would give away. */
describe('API key store', () => {
  let path: string;
  let store: ApiKeyStore;

  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'soft-landing-api-keys-')), 'api-keys.sqlite');
    store = new ApiKeyStore(path);
  });
  afterEach(() => {
    store.close();
  });

  const issue = (organisationId = 'jeugdzorg-noord', extra: { personRef?: string } = {}) =>
    store.issue({
      organisationId,
      roles: ['hr-system', 'auditor'],
      label: 'AFAS-koppeling',
      createdBy: 'test',
      ...extra,
    });

  /** `slk_<key id>_<secret>`, taken apart as a client would never need to, to look for the secret on disk. */
  function partsOf(issued: IssuedApiKey): { keyId: string; secret: string } {
    const match = /^slk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(issued.token);
    if (!match) throw new Error(`not an API key: ${issued.token}`);
    return { keyId: match[1]!, secret: match[2]! };
  }

  /** Every byte SQLite keeps for the store: the database and, while it is open, its write-ahead log. */
  const bytesOnDisk = () => Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));

  it('authenticates an issued key as its organisation, roles and person, named by its key id', () => {
    const issued = issue('jeugdzorg-noord', { personRef: 'p-0042' });
    const { keyId } = partsOf(issued);
    expect(issued.keyId).toBe(keyId);

    expect(store.authenticate(issued.token)).toEqual({
      organisationId: 'jeugdzorg-noord',
      roles: ['hr-system', 'auditor'],
      personRef: 'p-0042',
      actor: `api-key:${keyId}`,
      via: 'api-key',
    });
  });

  it('keeps a key valid across a restart: only the hash is needed to check it', () => {
    const issued = issue();
    store.close();
    store = new ApiKeyStore(path);
    expect(store.authenticate(issued.token)?.organisationId).toBe('jeugdzorg-noord');
  });

  it('stores the SHA-256 of the secret and never the secret, neither in the log nor after a checkpoint', () => {
    const issued = issue();
    const { secret } = partsOf(issued);
    const hash = createHash('sha256').update(secret).digest();
    // The secret as text and as the 32 random bytes it encodes: neither may be anywhere on disk.
    const leaks = [Buffer.from(secret), Buffer.from(secret, 'base64url'), Buffer.from(issued.token)];

    // While the store is open the row sits in the WAL file.
    const whileOpen = bytesOnDisk();
    expect(whileOpen.includes(hash)).toBe(true);
    for (const leak of leaks) expect(whileOpen.includes(leak)).toBe(false);

    // Closing checkpoints the WAL into the database file and removes it.
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const afterClose = readFileSync(path);
    expect(afterClose.includes(hash)).toBe(true);
    for (const leak of leaks) expect(afterClose.includes(leak)).toBe(false);
    store = new ApiKeyStore(path);
  });

  it('refuses a wrong secret, an unknown key id and anything that is not an API key', () => {
    const issued = issue();
    const { keyId, secret } = partsOf(issued);
    const otherSecret = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;

    expect(store.authenticate(`slk_${keyId}_${otherSecret}`)).toBeUndefined();
    expect(store.authenticate(`slk_${'0'.repeat(16)}_${secret}`)).toBeUndefined();
    for (const malformed of [
      '',
      'slk_',
      `slk_${keyId}`,
      `slk_${keyId}_`,
      `slk_${keyId}_${secret}x`,
      `slk_${keyId.toUpperCase()}_${secret}`,
      `${issued.token} `,
      secret,
    ]) {
      expect(store.authenticate(malformed)).toBeUndefined();
    }
    // The untouched key still works: the refusals above were about the tokens, not a broken store.
    expect(store.authenticate(issued.token)).toMatchObject({
      organisationId: 'jeugdzorg-noord',
      roles: ['hr-system', 'auditor'],
    });
  });

  it('refuses a revoked key from then on, and a repeated revocation still reports the key', () => {
    const issued = issue();
    expect(store.revoke('jeugdzorg-noord', issued.keyId)).toBe(true);
    expect(store.authenticate(issued.token)).toBeUndefined();
    expect(store.revoke('jeugdzorg-noord', issued.keyId)).toBe(true);
    expect(store.list('jeugdzorg-noord')).toEqual([
      expect.objectContaining({ keyId: issued.keyId, revokedAt: expect.any(String) }),
    ]);
  });

  it('lets an organisation revoke only its own keys', () => {
    const ofA = issue('org-a');
    expect(store.revoke('org-b', ofA.keyId)).toBe(false);
    expect(store.authenticate(ofA.token)?.organisationId).toBe('org-a');
    expect(store.revoke('org-a', 'ffffffffffffffff')).toBe(false);
  });

  it("lists an organisation's keys without their secrets or hashes", () => {
    const first = issue('org-a', { personRef: 'p-1' });
    const second = issue('org-a');
    issue('org-b');

    const listed = store.list('org-a');
    expect(listed.map((key) => key.keyId).sort()).toEqual([first.keyId, second.keyId].sort());
    for (const key of listed) {
      expect(Object.keys(key).sort()).toEqual(
        [
          'keyId',
          'organisationId',
          'roles',
          'label',
          'createdAt',
          'createdBy',
          ...(key.personRef ? ['personRef'] : []),
        ].sort(),
      );
    }
    const text = JSON.stringify(listed);
    for (const issued of [first, second]) expect(text).not.toContain(partsOf(issued).secret);
  });

  it('will not issue a key without a role, which could do nothing', () => {
    expect(() => store.issue({ organisationId: 'org-a', roles: [], label: 'empty', createdBy: 'test' })).toThrow(
      /at least one role/,
    );
    expect(store.isEmpty()).toBe(true);
  });
});
