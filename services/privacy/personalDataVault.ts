import {
  type CipherGCM,
  type DecipherGCM,
  createCipheriv,
  createDecipheriv,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import type Database from 'better-sqlite3';
import type { JsonObject } from '../event-store/eventStore';
import { ownerOnlyFile, readOrCreateRandomKey } from '../shared/keyFile';
import { openSqliteFile } from '../shared/sqliteFile';
import { ALGORITHM, IV_BYTES, KEY_BYTES, TAG_BYTES, kekIdOf, openAesGcm, sealAesGcm } from './aesGcm';

/** What an event holds instead of personal data: `v2:<keyId>:<iv>:<ciphertext and tag, base64>` (v1 before). */
export interface SealedPersonalData {
  readonly sealed: string;
}

/** What a sealed value reads as once its person has been erased. */
export interface ErasedPersonalData {
  readonly erased: true;
}

/**
 * Where a sealed value sits: the event (its id) and the field (JSON pointer into its data). Bound into the
 * ciphertext, so a value cut from one event or field and pasted into another no longer opens.
 */
export interface SealedPlace {
  readonly eventId: string;
  readonly field: string;
}

const FORMAT = 'v2';
/** Sealed before values were bound to their place: opened with the key id alone as associated data. */
const UNPLACED_FORMAT = 'v1';
const SEALED = /^(v1|v2):([0-9a-f-]{36}):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;
const WRAP_AAD = 'soft-landing.vault-key.v1';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS personal_data_wrapped_keys (
    person_ref  TEXT PRIMARY KEY,
    key_id      TEXT NOT NULL UNIQUE,
    kek_id      TEXT NOT NULL,
    wrapped_key BLOB NOT NULL,
    created_at  TEXT NOT NULL
  );
`;
/** The table of the first vault, which kept every person's key as it was: emptied into the one above on open. */
const UNWRAPPED_TABLE = 'personal_data_keys';

/**
 * Crypto-shredding (AVG/GDPR right to erasure in an append-only history): each person's data is sealed with
 * that person's own AES-256-GCM key, kept here and never in an event stream. Erasing deletes the key; every
 * copy of the ciphertext, in the store, in backups, on Kafka, becomes unreadable at once, and the history
 * around it still replays.
 *
 * The per-person keys are stored wrapped (AES-256-GCM) under a key-encryption key that lives outside the data
 * folder (VAULT_KEK_PATH), so a copy of the data folder, vault file included, holds ciphertext only. The key id,
 * not the person reference, goes into the events, so a stream does not say whose key to ask for.
 */
export class PersonalDataVault {
  private readonly db: Database.Database;
  private readonly kekId: string;

  constructor(
    readonly path: string,
    private readonly kek: Buffer,
  ) {
    if (kek.length !== KEY_BYTES)
      throw new Error(`A vault key-encryption key is ${KEY_BYTES} bytes, got ${kek.length}`);
    this.kekId = kekIdOf(kek);
    // No write-ahead log: an erased key is gone from the file at commit (secure_delete, as in every store,
    // zeroes it), with no older copy of its page waiting in a log for a checkpoint. Owner-only before SQLite
    // opens it, so its rollback journal is made owner-only too.
    this.db = openSqliteFile(path === ':memory:' ? path : ownerOnlyFile(path), { journalMode: 'DELETE' });
    this.db.exec(SCHEMA);
    this.wrapUnwrappedKeys();
    const foreign = this.db
      .prepare<[string], { kek_id: string }>(`SELECT kek_id FROM personal_data_wrapped_keys WHERE kek_id <> ? LIMIT 1`)
      .get(this.kekId);
    if (foreign) {
      this.db.close();
      throw new Error(
        `The vault's keys are wrapped under key-encryption key ${foreign.kek_id}, VAULT_KEK_PATH holds ${this.kekId}`,
      );
    }
  }

  /** The vault with its key-encryption key read from `kekPath`, made there on first use; `onCreated` is told. */
  static open(path: string, kekPath: string, onCreated?: (kekPath: string) => void): PersonalDataVault {
    const { key, created } = readOrCreateRandomKey(kekPath, KEY_BYTES);
    if (created) onCreated?.(kekPath);
    return new PersonalDataVault(path, key);
  }

  async seal(personRef: string, plaintext: JsonObject, place: SealedPlace): Promise<SealedPersonalData> {
    const { keyId, key } = this.keyFor(personRef);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }) as CipherGCM;
    cipher.setAAD(sealedAad(FORMAT, keyId, place));
    const body = Buffer.concat([cipher.update(JSON.stringify(plaintext), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { sealed: `${FORMAT}:${keyId}:${iv.toString('base64')}:${body.toString('base64')}` };
  }

  /** Throws on a malformed or altered value, or one opened at another place: only a missing key means erased. */
  async open(sealed: SealedPersonalData | string, place: SealedPlace): Promise<JsonObject | ErasedPersonalData> {
    const text = typeof sealed === 'string' ? sealed : sealed.sealed;
    const match = SEALED.exec(text);
    if (!match) throw new Error('Not sealed personal data');
    const [, format, keyId, iv, body] = match as unknown as [
      string,
      typeof FORMAT | typeof UNPLACED_FORMAT,
      string,
      string,
      string,
    ];
    const row = this.db
      .prepare<[string], { person_ref: string; wrapped_key: Buffer }>(
        `SELECT person_ref, wrapped_key FROM personal_data_wrapped_keys WHERE key_id = ?`,
      )
      .get(keyId);
    if (!row) return { erased: true };
    const key = this.unwrap(row.wrapped_key, keyId, row.person_ref);
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length < TAG_BYTES) throw new Error('Sealed personal data too short to hold its tag');
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'), {
      authTagLength: TAG_BYTES,
    }) as DecipherGCM;
    decipher.setAAD(sealedAad(format, keyId, place));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8')) as JsonObject;
  }

  /** Idempotent: erasing someone already erased, or never sealed for, is not an error. */
  async erase(personRef: string): Promise<void> {
    this.db.prepare(`DELETE FROM personal_data_wrapped_keys WHERE person_ref = ?`).run(personRef);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private keyFor(personRef: string): { keyId: string; key: Buffer } {
    const find = this.db.prepare<[string], { key_id: string; wrapped_key: Buffer }>(
      `SELECT key_id, wrapped_key FROM personal_data_wrapped_keys WHERE person_ref = ?`,
    );
    return this.db
      .transaction(() => {
        const existing = find.get(personRef);
        if (existing)
          return { keyId: existing.key_id, key: this.unwrap(existing.wrapped_key, existing.key_id, personRef) };
        const created = { keyId: randomUUID(), key: randomBytes(KEY_BYTES) };
        this.insertWrapped(personRef, created.keyId, created.key, new Date().toISOString());
        return created;
      })
      .immediate();
  }

  private insertWrapped(personRef: string, keyId: string, key: Buffer, createdAt: string): void {
    this.db
      .prepare(
        `INSERT INTO personal_data_wrapped_keys (person_ref, key_id, kek_id, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(personRef, keyId, this.kekId, this.wrap(key, keyId, personRef), createdAt);
  }

  /** iv ‖ ciphertext ‖ tag, bound to the key id and person, so a wrapped key moved to another row does not unwrap. */
  private wrap(key: Buffer, keyId: string, personRef: string): Buffer {
    return sealAesGcm(this.kek, key, wrapAad(keyId, personRef));
  }

  private unwrap(wrapped: Buffer, keyId: string, personRef: string): Buffer {
    return openAesGcm(this.kek, wrapped, wrapAad(keyId, personRef));
  }

  /**
   * A vault written before keys were wrapped: each key moves, wrapped, into the new table in one transaction, and
   * the old table is dropped; secure_delete zeroes the freed pages, so no clear key stays behind in the file.
   */
  private wrapUnwrappedKeys(): void {
    const exists = this.db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get(UNWRAPPED_TABLE);
    if (!exists) return;
    this.db
      .transaction(() => {
        const rows = this.db
          .prepare<[], { person_ref: string; key_id: string; key: Buffer; created_at: string }>(
            `SELECT person_ref, key_id, key, created_at FROM ${UNWRAPPED_TABLE}`,
          )
          .all();
        for (const row of rows) this.insertWrapped(row.person_ref, row.key_id, row.key, row.created_at);
        this.db.exec(`DROP TABLE ${UNWRAPPED_TABLE}`);
      })
      .immediate();
    this.db.exec('VACUUM');
  }
}

function sealedAad(format: string, keyId: string, place: SealedPlace): Buffer {
  // v1 values were bound to their key id only; every new value is bound to its event and field too.
  const text = format === UNPLACED_FORMAT ? `${format}:${keyId}` : `${format}:${keyId}:${place.eventId}:${place.field}`;
  return Buffer.from(text, 'utf8');
}

function wrapAad(keyId: string, personRef: string): Buffer {
  return Buffer.from(`${WRAP_AAD}:${keyId}:${personRef}`, 'utf8');
}

export function isSealedPersonalData(value: unknown): value is SealedPersonalData {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { sealed?: unknown }).sealed === 'string'
  );
}
