import type { Pool } from 'pg';
import { type Migration, migrate } from '../postgres/migrations';
import type { LeaseGrant, LeaseStore } from './leaseStore';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'leases: one holder per name until expires_at, by the database clock',
    sql: `CREATE TABLE leases (
      name        TEXT PRIMARY KEY,
      holder      TEXT NOT NULL,
      token       BIGINT NOT NULL,
      expires_at  TIMESTAMPTZ NOT NULL,
      acquired_at TIMESTAMPTZ NOT NULL
    )`,
  },
];

/**
 * Leases in PostgreSQL (DATABASE_URL), for instances on several hosts. Every step is a single statement that
 * compares with the database's `now()`, so the hosts' clocks do not matter and two instances trying at once are
 * serialised by the row: one gets the lease, the other's WHERE no longer holds.
 */
export class PostgresLeaseStore implements LeaseStore {
  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PostgresLeaseStore> {
    await migrate(pool, 'leases', MIGRATIONS);
    return new PostgresLeaseStore(pool);
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | undefined> {
    // Free or expired: a new holder and a new token. Still this holder's: renewed, the token kept.
    const result = await this.pool.query<{ token: string }>(
      `INSERT INTO leases AS lease (name, holder, token, expires_at, acquired_at)
       VALUES ($1, $2, (extract(epoch FROM now()) * 1000)::bigint, now() + $3 * interval '1 millisecond', now())
       ON CONFLICT (name) DO UPDATE SET
         holder = excluded.holder,
         token = CASE WHEN lease.expires_at > now() THEN lease.token ELSE GREATEST(lease.token + 1, excluded.token) END,
         acquired_at = CASE WHEN lease.expires_at > now() THEN lease.acquired_at ELSE now() END,
         expires_at = excluded.expires_at
       WHERE lease.expires_at <= now() OR lease.holder = excluded.holder
       RETURNING token`,
      [name, holder, ttlMs],
    );
    const row = result.rows[0];
    return row ? { name, holder, token: Number(row.token) } : undefined;
  }

  async renew(grant: LeaseGrant, ttlMs: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE leases SET expires_at = now() + $4 * interval '1 millisecond'
       WHERE name = $1 AND holder = $2 AND token = $3 AND expires_at > now()`,
      [grant.name, grant.holder, grant.token, ttlMs],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async release(grant: LeaseGrant): Promise<void> {
    await this.pool.query(
      `UPDATE leases SET expires_at = now() WHERE name = $1 AND holder = $2 AND token = $3 AND expires_at > now()`,
      [grant.name, grant.holder, grant.token],
    );
  }

  async holderOf(name: string): Promise<LeaseGrant | undefined> {
    const result = await this.pool.query<{ holder: string; token: string }>(
      `SELECT holder, token FROM leases WHERE name = $1 AND expires_at > now()`,
      [name],
    );
    const row = result.rows[0];
    return row ? { name, holder: row.holder, token: Number(row.token) } : undefined;
  }

  async close(): Promise<void> {}
}
