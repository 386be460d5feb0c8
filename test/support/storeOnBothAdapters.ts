import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { freshPostgresDatabase } from './postgresDatabase';
import { describeWithServices } from './serviceAvailability';

/** How a store contract opens the store it checks, and closes it again after each test. */
export type OpenStore<Store> = () => Promise<{ store: Store; close: () => Promise<void> }>;

/**
 * One store contract run on both adapters: the embedded SQLite store on a new file of its own, and, where
 * PostgreSQL runs, the PostgreSQL store on a new database of its own (a replica must behave as the SQLite default).
 */
export function contractOnBothAdapters<Store>(
  contract: (name: string, open: OpenStore<Store>) => void,
  sqlite: { file: string; open: (path: string) => NoInfer<Store> & { close(): void } },
  postgres: { database: string; open: (pool: Pool) => Promise<NoInfer<Store>> },
): void {
  contract('SQLite', async () => {
    const store = sqlite.open(join(mkdtempSync(join(tmpdir(), 'store-contract-')), sqlite.file));
    return { store, close: async () => store.close() };
  });
  describeWithServices(['postgres'], 'on PostgreSQL', () => {
    contract('PostgreSQL', async () => {
      const pool = openPostgresPool(await freshPostgresDatabase(postgres.database));
      return { store: await postgres.open(pool), close: () => pool.end() };
    });
  });
}
