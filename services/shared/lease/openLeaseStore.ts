import type { Config } from '../config';
import type { Logger } from '../logger';
import { openSqliteOrPostgres } from '../postgres/pool';
import type { LeaseStore } from './leaseStore';
import { PostgresLeaseStore } from './postgresLeaseStore';
import { SqliteLeaseStore } from './sqliteLeaseStore';

/** DATABASE_URL set: the leases live in PostgreSQL (migrated on open), for instances on several hosts; otherwise in LEASE_DB_PATH. */
export async function openLeaseStore(
  config: { readonly lease: Pick<Config['lease'], 'dbPath'>; readonly databaseUrl: string | undefined },
  logger?: Logger,
): Promise<{ store: LeaseStore; close(): Promise<void> }> {
  return openSqliteOrPostgres<LeaseStore>(config.databaseUrl, logger, {
    sqlite: () => new SqliteLeaseStore(config.lease.dbPath),
    postgres: PostgresLeaseStore.open,
  });
}
