import type Database from 'better-sqlite3';
import { openSqliteFile } from '../sqliteFile';
import type { LeaseGrant, LeaseStore } from './leaseStore';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    token       INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    acquired_at INTEGER NOT NULL
  );
`;

interface Row {
  readonly name: string;
  readonly holder: string;
  readonly token: number;
  readonly expires_at: number;
}

/**
 * Leases in a SQLite file (DATA_DIR/leases.sqlite) for processes on one host: every step is one `BEGIN
 * IMMEDIATE` transaction, so two processes that try at once are serialised by the file's write lock, and the
 * clock is that host's, the same for both.
 */
export class SqliteLeaseStore implements LeaseStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(path: string) {
    this.db = openSqliteFile(path);
    this.db.exec(SCHEMA);
    this.statements = prepareStatements(this.db);
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | undefined> {
    return this.db
      .transaction(() => {
        const now = Date.now();
        const row = this.statements.find.get(name);
        if (row && row.expires_at > now && row.holder !== holder) return undefined;
        if (row && row.expires_at > now) {
          this.statements.extend.run(now + ttlMs, name, holder, row.token);
          return { name, holder, token: row.token };
        }
        const token = Math.max((row?.token ?? 0) + 1, now);
        this.statements.take.run(name, holder, token, now + ttlMs, now);
        return { name, holder, token };
      })
      .immediate();
  }

  async renew(grant: LeaseGrant, ttlMs: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        const now = Date.now();
        const row = this.statements.find.get(grant.name);
        if (!row || row.holder !== grant.holder || row.token !== grant.token || row.expires_at <= now) return false;
        this.statements.extend.run(now + ttlMs, grant.name, grant.holder, grant.token);
        return true;
      })
      .immediate();
  }

  async release(grant: LeaseGrant): Promise<void> {
    this.statements.extend.run(Date.now(), grant.name, grant.holder, grant.token);
  }

  async holderOf(name: string): Promise<LeaseGrant | undefined> {
    const row = this.statements.find.get(name);
    return row && row.expires_at > Date.now() ? { name, holder: row.holder, token: row.token } : undefined;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    find: db.prepare<[string], Row>(`SELECT name, holder, token, expires_at FROM leases WHERE name = ?`),
    take: db.prepare<[string, string, number, number, number]>(
      `INSERT INTO leases (name, holder, token, expires_at, acquired_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token,
         expires_at = excluded.expires_at, acquired_at = excluded.acquired_at`,
    ),
    extend: db.prepare<[number, string, string, number]>(
      `UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ? AND token = ?`,
    ),
  };
}
