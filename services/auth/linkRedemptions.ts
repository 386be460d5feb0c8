import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../shared/logger';
import { carryOverIntoEmpty } from '../shared/postgres/carryOver';
import { type Migration, migrate } from '../shared/postgres/migrations';
import { openSqliteOrPostgres } from '../shared/postgres/pool';
import { openSqliteFile } from '../shared/sqliteFile';

/** A link being redeemed: its id, whose it is and until when it could be presented (epoch ms). Nothing personal. */
export interface LinkRedemption {
  readonly linkId: string;
  readonly organisationId: string;
  readonly expiresAt: number;
}

/**
 * The ids of redeemed magic links, so each link opens one session only. Every API replica must see the same set:
 * on a replica's own file a link redeemed on one replica would still open a second session on the next.
 */
export interface LinkRedemptions {
  /** True the first time a link id is claimed, false ever after (while it could still be presented). */
  claimOnce(link: LinkRedemption, now: number): Promise<boolean>;
  close(): Promise<void>;
}

const SQLITE_SCHEMA = `CREATE TABLE IF NOT EXISTS magic_link_redemptions (
  link_id         TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  expires_at      INTEGER NOT NULL,
  redeemed_at     TEXT NOT NULL
)`;

/** A redemption as stored, with when it was made: what the move to PostgreSQL copies. */
interface StoredRedemption extends LinkRedemption {
  readonly redeemedAt: string;
}

/** The embedded adapter: a table in the API keys' SQLite file. */
export class SqliteLinkRedemptions implements LinkRedemptions {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareSqlite>;

  constructor(path: string) {
    this.db = openSqliteFile(path);
    this.db.exec(SQLITE_SCHEMA);
    this.statements = prepareSqlite(this.db);
  }

  async claimOnce(link: LinkRedemption, now: number): Promise<boolean> {
    // Redeemed ids are needed only while their link could still be presented.
    this.statements.forgetExpired.run(now);
    const inserted = this.statements.insert.run(
      link.linkId,
      link.organisationId,
      link.expiresAt,
      new Date(now).toISOString(),
    );
    return inserted.changes === 1;
  }

  /** Every redemption whose link has not expired, for the move to PostgreSQL. */
  unexpired(now: number): StoredRedemption[] {
    return this.statements.unexpired.all(now);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function prepareSqlite(db: Database.Database) {
  return {
    forgetExpired: db.prepare<[number]>('DELETE FROM magic_link_redemptions WHERE expires_at <= ?'),
    insert: db.prepare<[string, string, number, string]>(
      `INSERT INTO magic_link_redemptions (link_id, organisation_id, expires_at, redeemed_at)
       VALUES (?, ?, ?, ?) ON CONFLICT (link_id) DO NOTHING`,
    ),
    unexpired: db.prepare<[number], StoredRedemption>(
      `SELECT link_id AS linkId, organisation_id AS organisationId, expires_at AS expiresAt, redeemed_at AS redeemedAt
       FROM magic_link_redemptions WHERE expires_at > ?`,
    ),
  };
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'magic_link_redemptions: the ids of redeemed sign-in links, shared by the API replicas',
    sql: `CREATE TABLE magic_link_redemptions (
      link_id         TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL,
      expires_at      BIGINT NOT NULL,
      redeemed_at     TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX magic_link_redemptions_expiry ON magic_link_redemptions (expires_at)`,
  },
];

/** The shared adapter (DATABASE_URL): the claim is one INSERT, so two replicas racing on one link cannot both win. */
export class PostgresLinkRedemptions implements LinkRedemptions {
  private constructor(private readonly pool: Pool) {}

  /**
   * Migrates, then takes over the unexpired redemptions of the SQLite file the API used before DATABASE_URL was
   * set, while the table is still empty (carryOverIntoEmpty, as every store's move): without them a link redeemed
   * just before the move would open a second session after it.
   */
  static async open(pool: Pool, earlierSqlitePath?: string, now = Date.now()): Promise<PostgresLinkRedemptions> {
    await migrate(pool, 'magic-link-redemptions', MIGRATIONS);
    if (earlierSqlitePath !== undefined)
      await carryOverIntoEmpty(pool, {
        lock: 'soft-landing-magic-link-carry-over',
        tables: ['magic_link_redemptions'],
        contentsOf: async () => {
          if (!existsSync(earlierSqlitePath)) return undefined;
          const earlier = new SqliteLinkRedemptions(earlierSqlitePath);
          try {
            return earlier.unexpired(now);
          } finally {
            await earlier.close();
          }
        },
        copy: async (client, redemptions) => {
          for (const redemption of redemptions) await insertRedemption(client, redemption, redemption.redeemedAt);
        },
      });
    return new PostgresLinkRedemptions(pool);
  }

  async claimOnce(link: LinkRedemption, now: number): Promise<boolean> {
    await this.pool.query('DELETE FROM magic_link_redemptions WHERE expires_at <= $1', [now]);
    return insertRedemption(this.pool, link, new Date(now).toISOString());
  }

  async close(): Promise<void> {}
}

/** On the pool, or on the carry-over's transaction. */
async function insertRedemption(db: Pool | PoolClient, link: LinkRedemption, redeemedAt: string): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO magic_link_redemptions (link_id, organisation_id, expires_at, redeemed_at)
     VALUES ($1, $2, $3, $4) ON CONFLICT (link_id) DO NOTHING`,
    [link.linkId, link.organisationId, link.expiresAt, redeemedAt],
  );
  return inserted.rowCount === 1;
}

/** DATABASE_URL set: in PostgreSQL (carrying over the SQLite file's); otherwise in the API keys' SQLite file. */
export async function openLinkRedemptions(
  config: { readonly apiKeysPath: string; readonly databaseUrl?: string | undefined },
  logger?: Logger,
): Promise<{ store: LinkRedemptions; close(): Promise<void> }> {
  return openSqliteOrPostgres<LinkRedemptions>(config.databaseUrl, logger, {
    sqlite: () => new SqliteLinkRedemptions(config.apiKeysPath),
    postgres: (pool) => PostgresLinkRedemptions.open(pool, config.apiKeysPath),
  });
}
