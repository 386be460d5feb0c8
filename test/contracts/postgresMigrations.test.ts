import { type Migration, migrate } from '../../services/shared/postgres/migrations';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

const lineOf = (table: string): Migration[] => [
  { version: 1, description: `${table} v1`, sql: `CREATE TABLE ${table} (id TEXT PRIMARY KEY)` },
  { version: 2, description: `${table} v2`, sql: `ALTER TABLE ${table} ADD COLUMN note TEXT` },
];

describeWithServices(['postgres'], 'schema migrations on PostgreSQL', () => {
  it('migrates several stores at once on a new database, each step once, as processes starting together do', async () => {
    const url = await freshPostgresDatabase('migrations');
    const pools = [openPostgresPool(url), openPostgresPool(url), openPostgresPool(url)];
    try {
      // Two processes, each opening three stores at once: the relay's lease store beside its head log, say.
      await Promise.all(
        pools.flatMap((pool) =>
          ['leases_x', 'chain_heads_x', 'people_x'].map((store) => migrate(pool, store, lineOf(store))),
        ),
      );
      const applied = await pools[0]!.query<{ store: string; version: number }>(
        'SELECT store, version FROM schema_migrations ORDER BY store, version',
      );
      expect(applied.rows).toEqual([
        { store: 'chain_heads_x', version: 1 },
        { store: 'chain_heads_x', version: 2 },
        { store: 'leases_x', version: 1 },
        { store: 'leases_x', version: 2 },
        { store: 'people_x', version: 1 },
        { store: 'people_x', version: 2 },
      ]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
