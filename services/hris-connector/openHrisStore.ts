import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { openSqliteOrPostgres } from '../shared/postgres/pool';
import { HrisStore, type HrisSnapshots } from './hrisStore';
import { PostgresHrisStore } from './postgresHrisStore';

/** DATABASE_URL set: the snapshot and outbox live in PostgreSQL (migrated on open); otherwise in HRIS_DB_PATH. */
export async function openHrisStore(
  config: { readonly hris: Pick<Config['hris'], 'dbPath'>; readonly databaseUrl: string | undefined },
  logger?: Logger,
): Promise<{ store: HrisSnapshots; close(): Promise<void> }> {
  return openSqliteOrPostgres<HrisSnapshots>(config.databaseUrl, logger, {
    sqlite: () => new HrisStore(config.hris.dbPath),
    postgres: PostgresHrisStore.open,
  });
}
