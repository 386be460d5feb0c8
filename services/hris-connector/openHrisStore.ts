import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { openPostgresPool } from '../shared/postgres/pool';
import { HrisStore, type HrisSnapshots } from './hrisStore';
import { PostgresHrisStore } from './postgresHrisStore';

/** DATABASE_URL set: the snapshot and outbox live in PostgreSQL (migrated on open); otherwise in HRIS_DB_PATH. */
export async function openHrisStore(
  config: { readonly hris: Pick<Config['hris'], 'dbPath'>; readonly databaseUrl: string | undefined },
  logger?: Logger,
): Promise<{ store: HrisSnapshots; close(): Promise<void> }> {
  if (config.databaseUrl === undefined) {
    const store = new HrisStore(config.hris.dbPath);
    return { store, close: async () => store.close() };
  }
  const pool = openPostgresPool(config.databaseUrl, logger);
  try {
    return { store: await PostgresHrisStore.open(pool), close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
