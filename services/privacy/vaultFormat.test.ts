import { createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PersonalDataVault } from './personalDataVault';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

/**
 * The vault's formats written out, so that another implementation (a key-recovery tool, a migration) could open
 * what this one wrote: how a person's key is wrapped, how a value is sealed, which key-encryption key a vault
 * was made under. And the vault's refusals, each in its own words.
 */
const personRef = 'hire:jeugdzorg-west.h-0042';
const person = { name: 'Fatima el Amrani' };
const NOT_AUTHENTIC = /^Unsupported state or unable to authenticate data$/;

/** AES-256-GCM as the vault uses it: iv, then ciphertext ‖ 16-byte tag, under the given associated data. */
function openGcm(key: Buffer, iv: Buffer, body: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

describe('the personal-data vault’s formats and refusals', () => {
  const root = temporaryDirectory('vault-format');
  let path: string;
  let kek: Buffer;

  beforeEach(() => {
    path = root.file('data', 'personal-data-keys.sqlite');
    kek = randomBytes(32);
  });

  function rowsOf(file: string) {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(`SELECT person_ref, key_id, kek_id, wrapped_key FROM personal_data_wrapped_keys`).all() as {
        person_ref: string;
        key_id: string;
        kek_id: string;
        wrapped_key: Buffer;
      }[];
    } finally {
      db.close();
    }
  }

  it('wraps a person’s key as iv ‖ ciphertext ‖ tag under "soft-landing.vault-key.v1:<key id>:<person>", and seals with it under "v2:<key id>:<event>:<field>"', async () => {
    const vault = new PersonalDataVault(path, kek);
    const place = { eventId: randomUUID(), field: '/newHire' };
    const sealed = await vault.seal(personRef, person, place);
    await vault.close();

    const [row] = rowsOf(path);
    expect(row!.wrapped_key).toHaveLength(12 + 32 + 16);
    const key = openGcm(
      kek,
      row!.wrapped_key.subarray(0, 12),
      row!.wrapped_key.subarray(12),
      `soft-landing.vault-key.v1:${row!.key_id}:${personRef}`,
    );
    expect(key).toHaveLength(32);
    const [format, keyId, iv, body] = sealed.sealed.split(':') as [string, string, string, string];
    expect([format, keyId]).toEqual(['v2', row!.key_id]);
    const clear = openGcm(
      key,
      Buffer.from(iv, 'base64'),
      Buffer.from(body, 'base64'),
      `v2:${keyId}:${place.eventId}:${place.field}`,
    );
    expect(JSON.parse(clear.toString('utf8'))).toEqual(person);
  });

  it('names its key-encryption key by the first 16 hex digits of its sha256, and refuses a vault made under another', async () => {
    const vault = new PersonalDataVault(path, kek);
    await vault.seal(personRef, person, { eventId: randomUUID(), field: '/person' });
    await vault.close();
    const kekId = createHash('sha256').update(kek).digest('hex').slice(0, 16);
    expect(rowsOf(path).map((row) => row.kek_id)).toEqual([kekId]);

    const other = randomBytes(32);
    const otherId = createHash('sha256').update(other).digest('hex').slice(0, 16);
    expect(() => new PersonalDataVault(path, other)).toThrow(
      `The vault's keys are wrapped under key-encryption key ${kekId}, VAULT_KEK_PATH holds ${otherId}`,
    );
  });

  it('refuses a key-encryption key of any size but 32 bytes, saying which size it got', () => {
    expect(() => new PersonalDataVault(path, randomBytes(16))).toThrow(
      'A vault key-encryption key is 32 bytes, got 16',
    );
    expect(() => new PersonalDataVault(path, randomBytes(33))).toThrow(
      'A vault key-encryption key is 32 bytes, got 33',
    );
    expect(existsSync(path)).toBe(false);
  });

  it('reads a key file written as base64 with a line end, as the vault writes it', async () => {
    const kekPath = root.file('keys', 'vault-kek');
    mkdirSync(root.file('keys'));
    writeFileSync(kekPath, `${kek.toString('base64')}\n`, { mode: 0o600 });
    const vault = PersonalDataVault.open(path, kekPath);
    await vault.seal(personRef, person, { eventId: randomUUID(), field: '/person' });
    await vault.close();
    expect(rowsOf(path)[0]!.kek_id).toBe(createHash('sha256').update(kek).digest('hex').slice(0, 16));
  });

  it('refuses a sealed value too short to hold its tag in its own words, and a tag with nothing before it as not authentic', async () => {
    const vault = new PersonalDataVault(path, kek);
    const place = { eventId: randomUUID(), field: '/person' };
    const [, keyId, iv] = (await vault.seal(personRef, person, place)).sealed.split(':') as [string, string, string];
    const withBody = (bytes: number) => `v2:${keyId}:${iv}:${randomBytes(bytes).toString('base64')}`;
    await expect(vault.open(withBody(15), place)).rejects.toThrow('Sealed personal data too short to hold its tag');
    await expect(vault.open(withBody(16), place)).rejects.toThrow(NOT_AUTHENTIC);
    await vault.close();
  });

  it('closes its file when closed: nothing is sealed after', async () => {
    const vault = new PersonalDataVault(path, kek);
    await vault.close();
    await expect(vault.seal(personRef, person, { eventId: randomUUID(), field: '/person' })).rejects.toThrow(
      /not open/,
    );
  });

  it('keeps an in-memory vault in memory, making no file named ":memory:"', async () => {
    const cwd = process.cwd();
    process.chdir(root.path());
    try {
      const vault = new PersonalDataVault(':memory:', kek);
      const place = { eventId: randomUUID(), field: '/person' };
      expect(await vault.open(await vault.seal(personRef, person, place), place)).toEqual(person);
      await vault.close();
      expect(existsSync(root.file(':memory:'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });

  it('leaves no free page behind after bringing over a vault written before wrapping (the file is rewritten)', () => {
    mkdirSync(root.file('data'));
    const old = new Database(path);
    old.pragma('journal_mode = DELETE');
    old.exec(
      `CREATE TABLE personal_data_keys (person_ref TEXT PRIMARY KEY, key_id TEXT NOT NULL UNIQUE, key BLOB NOT NULL, created_at TEXT NOT NULL)`,
    );
    const insert = old.prepare(`INSERT INTO personal_data_keys VALUES (?, ?, ?, ?)`);
    for (let index = 0; index < 200; index += 1)
      insert.run(`${personRef}-${index}`, randomUUID(), randomBytes(32), '2026-01-05T10:00:00.000Z');
    old.close();
    chmodSync(path, 0o600);

    new PersonalDataVault(path, kek).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(rowsOf(path)).toHaveLength(200);
    db.close();
  });
});
