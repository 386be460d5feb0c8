import type { Pool, PoolClient } from 'pg';

/** One step of a store's schema; applied once, in order, never edited after it has landed (add a new one). */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** Taken by every store's migration, whichever store it is (see migrate). */
const MIGRATIONS_LOCK = 'soft-landing-migrations';

/**
 * Versioned migrations for the stores that cannot be rebuilt from events (API keys, webhooks, HRIS snapshots,
 * idempotency records, the people directory). Each store has its own line of versions, so stores can move
 * independently; an advisory lock keeps two replicas starting at once from applying a step twice.
 */
export async function migrate(pool: Pool, store: string, migrations: readonly Migration[]): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    // One lock for every store's line, not one per store: two stores migrating at once on a new database (a relay
    // opening its lease store while its head log migrates) would race on creating schema_migrations itself.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATIONS_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      store       TEXT NOT NULL,
      version     INTEGER NOT NULL,
      description TEXT NOT NULL,
      applied_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (store, version)
    )`);
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations WHERE store = $1', [
      store,
    ]);
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (store, version, description) VALUES ($1, $2, $3)', [
          store,
          migration.version,
          migration.description,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATIONS_LOCK]).catch(() => undefined);
    client.release();
  }
}
