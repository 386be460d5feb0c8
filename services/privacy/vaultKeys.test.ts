import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../shared/config';
import { openPersonalData } from './openPersonalData';
import { PersonalDataVault } from './personalDataVault';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

/**
 * The vault's keys kept apart from its data: what a copy of the data folder (a backup, a stolen disk) gives away,
 * how a vault written before wrapping is brought over, and what the associated data binds.
 */
const personRef = 'hire:jeugdzorg-west.h-0042';
const person = { name: 'Fatima el Amrani', email: 'fatima.elamrani@example.nl' };
/** Node's AES-GCM refusal of a tag that does not match: what a value or key opened out of its place must meet. */
const NOT_AUTHENTIC = /^Unsupported state or unable to authenticate data$/;

describe('the personal-data vault’s keys, apart from its data', () => {
  const root = temporaryDirectory('vault');
  let dataDir: string;
  let vaultPath: string;
  let kekPath: string;

  beforeEach(() => {
    dataDir = root.file('data');
    const config = loadConfig({ DATA_DIR: dataDir });
    vaultPath = config.personalDataKeysPath;
    kekPath = config.vaultKekPath;
  });

  /** Every file under a folder, as bytes. */
  function bytesUnder(folder: string): Buffer {
    return Buffer.concat(
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(join(entry.parentPath, entry.name))),
    );
  }

  it('keeps the key-encryption key outside the data folder by default, made on first use and readable by its owner only', async () => {
    expect(relative(dataDir, kekPath).startsWith('..')).toBe(true);
    const created: string[] = [];
    const vault = PersonalDataVault.open(vaultPath, kekPath, (path) => created.push(path));
    await vault.seal(personRef, person, { eventId: randomUUID(), field: '/person' });
    await vault.close();
    PersonalDataVault.open(vaultPath, kekPath, (path) => created.push(path)).close();
    expect(created).toEqual([kekPath]);
    expect(statSync(kekPath).mode & 0o777).toBe(0o600);
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600);
  });

  it('a copy of the data folder alone decrypts nothing', async () => {
    const vault = PersonalDataVault.open(vaultPath, kekPath);
    const place = { eventId: randomUUID(), field: '/person' };
    const sealed = await vault.seal(personRef, person, place);
    expect(await vault.open(sealed, place)).toEqual(person);
    await vault.close();

    const copy = root.file('stolen-data');
    cpSync(dataDir, copy, { recursive: true });
    const kek = Buffer.from(readFileSync(kekPath, 'utf8').trim(), 'base64');
    const stolen = bytesUnder(copy);
    // The search can find things: the person reference is in the copy, in the clear.
    expect(stolen.includes(Buffer.from(personRef))).toBe(true);
    expect(stolen.includes(kek)).toBe(false);
    expect(stolen.includes(Buffer.from(kek.toString('base64')))).toBe(false);

    // With a key-encryption key of their own, the copy's vault refuses to open at all.
    expect(() => PersonalDataVault.open(join(copy, 'personal-data-keys.sqlite'), root.file('their-kek'))).toThrow(
      /wrapped under/,
    );

    // Every 32-byte stretch of every value stored in the copied vault, tried as the person's key: none opens it.
    const db = new Database(join(copy, 'personal-data-keys.sqlite'), { readonly: true });
    const blobs = (
      db.prepare(`SELECT wrapped_key FROM personal_data_wrapped_keys`).all() as { wrapped_key: Buffer }[]
    ).map((row) => row.wrapped_key);
    db.close();
    expect(blobs).toHaveLength(1);
    const [, keyId, iv, body] = sealed.sealed.split(':') as [string, string, string, string];
    const bytes = Buffer.from(body, 'base64');
    const opens = (key: Buffer) => {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: 16 });
        decipher.setAAD(Buffer.from(`v2:${keyId}:${place.eventId}:${place.field}`));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        decipher.update(bytes.subarray(0, bytes.length - 16));
        decipher.final();
        return true;
      } catch {
        return false;
      }
    };
    let tried = 0;
    for (const blob of blobs) {
      for (let at = 0; at + 32 <= blob.length; at += 1, tried += 1)
        expect(opens(blob.subarray(at, at + 32))).toBe(false);
    }
    expect(tried).toBeGreaterThan(0);
  });

  it('binds a sealed value to its event and field: moved elsewhere it does not open', async () => {
    const vault = PersonalDataVault.open(vaultPath, kekPath);
    const eventId = randomUUID();
    const sealed = await vault.seal(personRef, person, { eventId, field: '/newHire' });
    expect(await openPersonalData({ id: eventId, data: { newHire: sealed } }, vault)).toEqual({ newHire: person });
    // Refused by GCM's tag over the place, not by anything before it (a malformed value, a missing key).
    await expect(openPersonalData({ id: eventId, data: { manager: sealed } }, vault)).rejects.toThrow(NOT_AUTHENTIC);
    await expect(openPersonalData({ id: randomUUID(), data: { newHire: sealed } }, vault)).rejects.toThrow(
      NOT_AUTHENTIC,
    );
    await expect(openPersonalData({ id: eventId, data: { people: [sealed] } }, vault)).rejects.toThrow(NOT_AUTHENTIC);
    await vault.close();
  });

  it('refuses a wrapped key moved to another person’s row, rather than opening with it', async () => {
    const vault = PersonalDataVault.open(vaultPath, kekPath);
    const place = { eventId: randomUUID(), field: '/person' };
    const sealed = await vault.seal(personRef, person, place);
    await vault.seal('hire:jeugdzorg-west.h-0043', { name: 'Daan de Vries' }, place);
    await vault.close();
    const db = new Database(vaultPath);
    const rows = db
      .prepare(`SELECT person_ref, wrapped_key FROM personal_data_wrapped_keys ORDER BY person_ref`)
      .all() as { person_ref: string; wrapped_key: Buffer }[];
    db.prepare(`UPDATE personal_data_wrapped_keys SET wrapped_key = ? WHERE person_ref = ?`).run(
      rows[1]!.wrapped_key,
      rows[0]!.person_ref,
    );
    db.close();
    const reopened = PersonalDataVault.open(vaultPath, kekPath);
    // The wrapping's tag covers key id and person, so the moved key is refused by AES-GCM, not used.
    await expect(reopened.open(sealed, place)).rejects.toThrow(NOT_AUTHENTIC);
    await reopened.close();
  });

  it('wraps the keys of a vault written before wrapping when it opens, and leaves no clear key in the file', async () => {
    // The first vault's table and sealing, as that version wrote them (v1: the key id alone as associated data).
    const clearKey = randomBytes(32);
    const keyId = randomUUID();
    mkdirSync(dataDir, { recursive: true });
    const old = new Database(vaultPath);
    old.pragma('journal_mode = DELETE');
    old.exec(
      `CREATE TABLE personal_data_keys (person_ref TEXT PRIMARY KEY, key_id TEXT NOT NULL UNIQUE, key BLOB NOT NULL, created_at TEXT NOT NULL)`,
    );
    old
      .prepare(`INSERT INTO personal_data_keys VALUES (?, ?, ?, ?)`)
      .run(personRef, keyId, clearKey, '2026-01-05T10:00:00.000Z');
    old.close();
    chmodSync(vaultPath, 0o644);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', clearKey, iv);
    cipher.setAAD(Buffer.from(`v1:${keyId}`));
    const body = Buffer.concat([cipher.update(JSON.stringify(person), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const sealedBefore = `v1:${keyId}:${iv.toString('base64')}:${body.toString('base64')}`;
    expect(readFileSync(vaultPath).includes(clearKey)).toBe(true);

    const vault = PersonalDataVault.open(vaultPath, kekPath);
    // Old events keep opening wherever they sit: v1 bound nothing but the key id.
    expect(await vault.open(sealedBefore, { eventId: randomUUID(), field: '/person' })).toEqual(person);
    await vault.close();
    expect(readFileSync(vaultPath).includes(clearKey)).toBe(false);
    expect(existsSync(`${vaultPath}-journal`)).toBe(false);
    expect(statSync(vaultPath).mode & 0o777).toBe(0o600);
    const tables = new Database(vaultPath, { readonly: true });
    expect(tables.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all()).toEqual([
      { name: 'personal_data_wrapped_keys' },
    ]);
    tables.close();

    // Erasure still works on a migrated key, and reopening finds nothing more to migrate.
    const again = PersonalDataVault.open(vaultPath, kekPath);
    await again.erase(personRef);
    expect(await again.open(sealedBefore, { eventId: randomUUID(), field: '/person' })).toEqual({ erased: true });
    await again.close();
  });
});
