import { Pool } from 'pg';
import type { Logger } from '../logger';

/** How long a new connection may take to open before the pool reports the database away. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A connection pool for DATABASE_URL (postgres://…); without one, the stores stay on their embedded SQLite files.
 * An idle connection the server drops (a restart, a failover, an administrator) is reported on the pool, and an
 * unheard 'error' event would end the process: it is logged, the pool replaces the connection, and the requests
 * meanwhile get their own errors (503 where a store answers for them).
 */
export function openPostgresPool(databaseUrl: string, logger?: Logger): Pool {
  // A host that drops packets instead of refusing them would otherwise keep a request waiting for the kernel's
  // TCP timeout (minutes); past this the pool gives up, and the request gets its 503 (databaseAway.ts).
  const pool = new Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', (error) => logger?.warn({ err: error }, 'PostgreSQL-verbinding verbroken'));
  return pool;
}

/** A store on a pool of its own, opened (and migrated) by `open`; the pool ends with the store, or at once when opening fails. */
export async function openPostgresStore<Store>(
  databaseUrl: string,
  logger: Logger | undefined,
  open: (pool: Pool) => Promise<Store>,
): Promise<{ store: Store; close(): Promise<void> }> {
  const pool = openPostgresPool(databaseUrl, logger);
  try {
    return { store: await open(pool), close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * The choice every store's opener makes: with DATABASE_URL, `postgres` on a pool of its own (openPostgresStore);
 * without it, the embedded SQLite file `sqlite` opens, closed with the store.
 */
export async function openSqliteOrPostgres<Store>(
  databaseUrl: string | undefined,
  logger: Logger | undefined,
  open: { sqlite: () => Store & { close(): unknown }; postgres: (pool: Pool) => Promise<Store> },
): Promise<{ store: Store; close(): Promise<void> }> {
  if (databaseUrl !== undefined) return openPostgresStore(databaseUrl, logger, open.postgres);
  const store = open.sqlite();
  return {
    store,
    close: async () => {
      await store.close();
    },
  };
}
