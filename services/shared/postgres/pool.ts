import { Pool } from 'pg';

/** A connection pool for DATABASE_URL (postgres://…); without one, the stores stay on their embedded SQLite files. */
export function openPostgresPool(databaseUrl: string): Pool {
  return new Pool({ connectionString: databaseUrl, max: 10 });
}
