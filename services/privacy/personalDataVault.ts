import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { JsonObject } from '../event-store/eventStore';
import { openSqliteFile } from '../shared/sqliteFile';

/** What an event holds instead of personal data: `v1:<keyId>:<iv>:<ciphertext and tag, base64>`. */
export interface SealedPersonalData {
  readonly sealed: string;
}

/** What a sealed value reads as once its person has been erased. */
export interface ErasedPersonalData {
  readonly erased: true;
}

const FORMAT = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1:([0-9a-f-]{36}):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS personal_data_keys (
    person_ref TEXT PRIMARY KEY,
    key_id     TEXT NOT NULL UNIQUE,
    key        BLOB NOT NULL,
    created_at TEXT NOT NULL
  );
`;

/**
 * Crypto-shredding (AVG/GDPR right to erasure in an append-only history): each person's data is sealed with
 * that person's own AES-256-GCM key, kept here and never in an event stream. Erasing deletes the key; every
 * copy of the ciphertext, in the store, in backups, on Kafka, becomes unreadable at once, and the history
 * around it still replays.
 *
 * The key id, not the person reference, goes into the events, so a stream does not say whose key to ask for.
 */
export class PersonalDataVault {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    // No write-ahead log: an erased key is gone from the file at commit (secure_delete, as in every store,
    // zeroes it), with no older copy of its page waiting in a log for a checkpoint.
    this.db = openSqliteFile(path, { journalMode: 'DELETE' });
    this.db.exec(SCHEMA);
  }

  async seal(personRef: string, plaintext: JsonObject): Promise<SealedPersonalData> {
    const { keyId, key } = this.keyFor(personRef);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    // Binding the key id means a ciphertext cannot be passed off as sealed under another person's key.
    cipher.setAAD(Buffer.from(`${FORMAT}:${keyId}`, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { sealed: `${FORMAT}:${keyId}:${iv.toString('base64')}:${body.toString('base64')}` };
  }

  /** Throws on a malformed or altered value: only a missing key means erased. */
  async open(sealed: SealedPersonalData | string): Promise<JsonObject | ErasedPersonalData> {
    const text = typeof sealed === 'string' ? sealed : sealed.sealed;
    const match = SEALED.exec(text);
    if (!match) throw new Error('Not sealed personal data');
    const [, keyId, iv, body] = match as unknown as [string, string, string, string];
    const row = this.db.prepare<[string], { key: Buffer }>(`SELECT key FROM personal_data_keys WHERE key_id = ?`).get(keyId);
    if (!row) return { erased: true };
    const bytes = Buffer.from(body, 'base64');
    const decipher = createDecipheriv(ALGORITHM, row.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(`${FORMAT}:${keyId}`, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8')) as JsonObject;
  }

  /** Idempotent: erasing someone already erased, or never sealed for, is not an error. */
  async erase(personRef: string): Promise<void> {
    this.db.prepare(`DELETE FROM personal_data_keys WHERE person_ref = ?`).run(personRef);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private keyFor(personRef: string): { keyId: string; key: Buffer } {
    const find = this.db.prepare<[string], { key_id: string; key: Buffer }>(
      `SELECT key_id, key FROM personal_data_keys WHERE person_ref = ?`,
    );
    return this.db
      .transaction(() => {
        const existing = find.get(personRef);
        if (existing) return { keyId: existing.key_id, key: existing.key };
        const created = { keyId: randomUUID(), key: randomBytes(32) };
        this.db
          .prepare(`INSERT INTO personal_data_keys (person_ref, key_id, key, created_at) VALUES (?, ?, ?, ?)`)
          .run(personRef, created.keyId, created.key, new Date().toISOString());
        return created;
      })
      .immediate();
  }
}

export function isSealedPersonalData(value: unknown): value is SealedPersonalData {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { sealed?: unknown }).sealed === 'string'
  );
}

export function isErasedPersonalData(value: unknown): value is ErasedPersonalData {
  return typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true;
}
