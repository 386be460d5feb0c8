import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';

/**
 * How a store moving from its SQLite file to DATABASE_URL brings what the file holds: in one transaction, under a
 * lock of its own (two replicas starting at once: one copies, the other then finds the copy done), and only while
 * every one of `tables` is still empty. Once they hold anything the file is history, not a source: `contentsOf`,
 * which reads it, is not called again, so a start costs one query, and a row written since is never overwritten.
 */
export async function carryOverIntoEmpty<Contents>(
  pool: Pool,
  move: {
    /** The lock's name, one per store. */
    readonly lock: string;
    readonly tables: readonly string[];
    /** The file's contents; undefined when there is no file to move. */
    readonly contentsOf: () => Promise<Contents | undefined>;
    readonly copy: (client: PoolClient, contents: Contents) => Promise<void>;
  },
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [move.lock]);
    const used = await client.query(
      `${move.tables.map((table) => `SELECT 1 FROM ${table}`).join(' UNION ALL ')} LIMIT 1`,
    );
    if (used.rows.length > 0) return;
    const contents = await move.contentsOf();
    if (contents !== undefined) await move.copy(client, contents);
  });
}
