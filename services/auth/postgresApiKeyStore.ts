import type { Pool } from 'pg';
import {
  API_KEY_INSERT_COLUMNS,
  type ApiKeyInfo,
  ApiKeyAlreadyIssued,
  type IssueApiKeyRequest,
  type IssuedApiKey,
  type Row,
  apiKeyIdOf,
  apiKeysTable,
  draftApiKey,
  principalOf,
  toInfo,
} from './apiKeyStore';
import type { Principal } from './principal';
import { type Migration, migrate } from '../shared/postgres/migrations';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'api_keys as the SQLite store keeps them',
    sql: `CREATE TABLE ${apiKeysTable('BYTEA')}`,
  },
];

/**
 * The API key store on PostgreSQL, shared by every API replica (the SQLite file is one replica's own).
 * Same contract as ApiKeyStore (test/contract/apiKeyStore.contract.test.ts runs both), but async.
 */
export class PostgresApiKeyStore {
  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PostgresApiKeyStore> {
    await migrate(pool, 'api-keys', MIGRATIONS);
    return new PostgresApiKeyStore(pool);
  }

  async issue(request: IssueApiKeyRequest): Promise<IssuedApiKey> {
    const draft = draftApiKey(request);
    const inserted = await this.pool.query(
      `INSERT INTO api_keys (${API_KEY_INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (organisation_id, idempotency_key) DO NOTHING`,
      draft.values,
    );
    if (inserted.rowCount === 0) {
      const first = await this.pool.query<{ key_id: string }>(
        `SELECT key_id FROM api_keys WHERE organisation_id = $1 AND idempotency_key = $2`,
        [request.organisationId, request.idempotencyKey],
      );
      throw new ApiKeyAlreadyIssued(first.rows[0]!.key_id);
    }
    return draft.issued;
  }

  async authenticate(token: string): Promise<Principal | undefined> {
    const keyId = apiKeyIdOf(token);
    if (keyId === undefined) return undefined;
    return principalOf(
      token,
      (await this.pool.query<Row>(`SELECT * FROM api_keys WHERE key_id = $1`, [keyId])).rows[0],
    );
  }

  async list(organisationId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.pool.query<Row>(
      `SELECT * FROM api_keys WHERE organisation_id = $1 ORDER BY created_at, key_id`,
      [organisationId],
    );
    return rows.rows.map(toInfo);
  }

  async revoke(organisationId: string, keyId: string, revokedBy = 'unknown'): Promise<boolean> {
    await this.pool.query(
      `UPDATE api_keys SET revoked_at = $1, revoked_by = $2 WHERE organisation_id = $3 AND key_id = $4 AND revoked_at IS NULL`,
      [new Date().toISOString(), revokedBy, organisationId, keyId],
    );
    return (
      ((
        await this.pool.query(`SELECT 1 FROM api_keys WHERE organisation_id = $1 AND key_id = $2`, [
          organisationId,
          keyId,
        ])
      ).rowCount ?? 0) > 0
    );
  }

  async isEmpty(): Promise<boolean> {
    return (await this.pool.query(`SELECT 1 FROM api_keys LIMIT 1`)).rowCount === 0;
  }
}
