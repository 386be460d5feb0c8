import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal } from './principal';
import { type Role, isRole } from './roles';
import { openSqliteFile } from '../shared/sqliteFile';

/** What an API key is for; the secret itself is shown once, when it is issued, and never stored. */
export interface ApiKeyInfo {
  readonly keyId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  readonly personRef?: string;
  readonly label: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
}

export interface IssuedApiKey extends ApiKeyInfo {
  /** `slk_<key id>_<secret>`: give it to the client once; only its hash is kept. */
  readonly token: string;
}

/** What an administrator (or `npm run api-keys`) asks for; with an idempotency key a repeat issues nothing new. */
export interface IssueApiKeyRequest {
  readonly organisationId: string;
  readonly roles: readonly Role[];
  readonly personRef?: string;
  readonly label: string;
  readonly createdBy: string;
  readonly idempotencyKey?: string;
}

const TOKEN_PATTERN = /^slk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A retry of an issue request: no second key; the first one's token cannot be shown again. */
export class ApiKeyAlreadyIssued extends Error {
  constructor(readonly keyId: string) {
    super(`an API key was already issued for this request: ${keyId}`);
    this.name = 'ApiKeyAlreadyIssued';
  }
}

/** The key id an API key names, whether or not its secret is right (to count refusals per key). */
export function apiKeyIdOf(token: string): string | undefined {
  return TOKEN_PATTERN.exec(token)?.[1];
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('slk_');
}

/** A stored key, as both adapters (SQLite here, PostgreSQL in postgresApiKeyStore.ts) keep it. */
export interface Row {
  key_id: string;
  organisation_id: string;
  roles: string;
  person_ref: string | null;
  label: string;
  secret_hash: Buffer;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/**
 * API keys of machine clients (HRIS connectors, integrations), each bound to one organisation and its roles.
 * Only a SHA-256 of the secret is stored: the secret is 256 random bits, so a slow password hash would add
 * nothing but latency to every request, and a leaked database still yields no usable key.
 */
export class ApiKeyStore {
  private readonly db: Database.Database;
  /** Every authenticated request looks its key up: prepared once, not per request. */
  private readonly byKeyId: Database.Statement<[string], Row>;

  constructor(path: string) {
    this.db = openSqliteFile(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${apiKeysTable('BLOB')}`);
    this.byKeyId = this.db.prepare<[string], Row>(`SELECT * FROM api_keys WHERE key_id = ?`);
  }

  /** With an idempotency key, a repeat of the same request throws ApiKeyAlreadyIssued instead of issuing again. */
  issue(request: IssueApiKeyRequest): IssuedApiKey {
    const draft = draftApiKey(request);
    const inserted = this.db
      .prepare(
        `INSERT INTO api_keys (${API_KEY_INSERT_COLUMNS})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organisation_id, idempotency_key) DO NOTHING`,
      )
      .run(...draft.values);
    if (inserted.changes === 0) {
      const first = this.db
        .prepare<[string, string], { key_id: string }>(
          `SELECT key_id FROM api_keys WHERE organisation_id = ? AND idempotency_key = ?`,
        )
        .get(request.organisationId, request.idempotencyKey!);
      throw new ApiKeyAlreadyIssued(first!.key_id);
    }
    return draft.issued;
  }

  /** The principal of a valid, unrevoked key; undefined for anything else (malformed, unknown, revoked, wrong secret). */
  authenticate(token: string): Principal | undefined {
    const keyId = apiKeyIdOf(token);
    return keyId === undefined ? undefined : principalOf(token, this.byKeyId.get(keyId));
  }

  list(organisationId: string): ApiKeyInfo[] {
    return this.db
      .prepare<[string], Row>(`SELECT * FROM api_keys WHERE organisation_id = ? ORDER BY created_at, key_id`)
      .all(organisationId)
      .map(toInfo);
  }

  /** True when the key existed in this organisation and is now revoked (again, for a repeat). */
  revoke(organisationId: string, keyId: string, revokedBy = 'unknown'): boolean {
    this.db
      .prepare(
        `UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE organisation_id = ? AND key_id = ? AND revoked_at IS NULL`,
      )
      .run(new Date().toISOString(), revokedBy, organisationId, keyId);
    return (
      this.db.prepare(`SELECT 1 FROM api_keys WHERE organisation_id = ? AND key_id = ?`).get(organisationId, keyId) !==
      undefined
    );
  }

  isEmpty(): boolean {
    return this.db.prepare(`SELECT 1 FROM api_keys LIMIT 1`).get() === undefined;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * The api_keys table as both adapters created it (SQLite here, PostgreSQL's first migration), but for the type of
 * the secret's hash. A later change to the table is a new step on each side (a new migration), never an edit here.
 */
export function apiKeysTable(binaryType: 'BLOB' | 'BYTEA'): string {
  return `api_keys (
      key_id          TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL,
      roles           TEXT NOT NULL,
      person_ref      TEXT,
      label           TEXT NOT NULL,
      secret_hash     ${binaryType} NOT NULL,
      created_at      TEXT NOT NULL,
      created_by      TEXT NOT NULL,
      revoked_at      TEXT,
      revoked_by      TEXT,
      idempotency_key TEXT,
      UNIQUE (organisation_id, idempotency_key)
    )`;
}

/** The columns an issued key is inserted with, in the order of ApiKeyDraft.values. */
export const API_KEY_INSERT_COLUMNS =
  'key_id, organisation_id, roles, person_ref, label, secret_hash, created_at, created_by, idempotency_key';

export interface ApiKeyDraft {
  /** The row to insert, in API_KEY_INSERT_COLUMNS order: only the secret's hash, never the secret. */
  readonly values: unknown[];
  /** What the caller gets once the row is in: the only place the secret ever appears. */
  readonly issued: IssuedApiKey;
}

/** A new key for the request, made the same way on either adapter; storing it (or finding a repeat) is theirs. */
export function draftApiKey(request: IssueApiKeyRequest): ApiKeyDraft {
  if (request.roles.length === 0) throw new Error('an API key needs at least one role');
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const createdAt = new Date().toISOString();
  const { idempotencyKey, ...fields } = request;
  return {
    values: [
      keyId,
      fields.organisationId,
      JSON.stringify(fields.roles),
      fields.personRef ?? null,
      fields.label,
      hashOf(secret),
      createdAt,
      fields.createdBy,
      idempotencyKey ?? null,
    ],
    issued: { ...fields, keyId, createdAt, token: `slk_${keyId}_${secret}` },
  };
}

export function hashOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function toInfo(row: Row): ApiKeyInfo {
  const roles = (JSON.parse(row.roles) as unknown[]).filter(isRole);
  return {
    keyId: row.key_id,
    organisationId: row.organisation_id,
    roles,
    ...(row.person_ref === null ? {} : { personRef: row.person_ref }),
    label: row.label,
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at, revokedBy: row.revoked_by ?? 'unknown' }),
  };
}

/** The principal a token proves with the row its key id names; undefined when unknown, revoked or the secret is wrong. */
export function principalOf(token: string, row: Row | undefined): Principal | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (!match || !row || row.revoked_at !== null) return undefined;
  const [, keyId, secret] = match as unknown as [string, string, string];
  if (!timingSafeEqual(row.secret_hash, hashOf(secret))) return undefined;
  const info = toInfo(row);
  return {
    organisationId: info.organisationId,
    roles: info.roles,
    ...(info.personRef === undefined ? {} : { personRef: info.personRef }),
    actor: `api-key:${keyId}`,
    via: 'api-key',
  };
}
