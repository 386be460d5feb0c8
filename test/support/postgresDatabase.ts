import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { serviceAddress } from './serviceAvailability';

/** Unquoted in CREATE DATABASE, and with the suffix within PostgreSQL's 63 characters. */
const PURPOSE = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * A new, empty database on the run's PostgreSQL server, and its URL: a test that needs an empty store gets one,
 * as the SQLite side does with a new file, and tests in parallel workers never see each other's rows. The name
 * ends in random characters: a server named by TEST_DATABASE_URL outlives a run and may serve several runs at
 * once, whose process ids (and so a name made of pid and counter) can repeat.
 */
export async function freshPostgresDatabase(purpose: string): Promise<string> {
  if (!PURPOSE.test(purpose))
    throw new Error(
      `freshPostgresDatabase: purpose "${purpose}" must be lower-case letters, digits and _ (at most 40), starting with a letter`,
    );
  const name = `${purpose}_${randomBytes(8).toString('hex')}`;
  const admin = new Client({ connectionString: serviceAddress('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serviceAddress('postgres'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** The key ids the api_keys table of that database holds, read past the store: where the keys really are. */
export async function keyIdsInPostgres(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ key_id: string }>('SELECT key_id FROM api_keys ORDER BY key_id')).rows.map(
      (row) => row.key_id,
    );
  } finally {
    await client.end();
  }
}
