import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * One SQLite file as every store here opens it: its folder made if missing, WAL (readers never wait for the one
 * writer) and a busy timeout, so two processes sharing the file wait for each other instead of failing.
 *
 * `secure_delete` in every store, because a deleted or overwritten row otherwise stays in the file as free
 * space, readable with `strings` long after an erasure answered 204; with it SQLite zeroes freed cells, pages
 * and overflow chains. The journal mode is the caller's only choice: a store whose rows must vanish at once
 * (the personal-data vault) keeps no write-ahead log at all.
 */
export function openSqliteFile(path: string, options: { journalMode?: 'WAL' | 'DELETE' } = {}): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('secure_delete = ON');
  db.pragma(`journal_mode = ${options.journalMode ?? 'WAL'}`);
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Moves every page in the write-ahead log into the main file and empties the log, which otherwise keeps the
 * pages as they were before a delete until it is reused. Waits (busy timeout) for readers of older pages; if one
 * still holds them, throws, so the caller's erasure fails visibly and a retry finishes it.
 */
export function checkpointAndTruncateWal(db: Database.Database): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (result && result.busy !== 0)
    throw new Error(`The write-ahead log of ${db.name} could not be emptied: a reader still holds it`);
}
