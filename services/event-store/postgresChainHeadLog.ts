import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { carryOverIntoEmpty } from '../shared/postgres/carryOver';
import { type Migration, migrate } from '../shared/postgres/migrations';
import { inTransaction } from '../shared/postgres/transaction';
import {
  type ChainHeads,
  HEAD_COLUMNS,
  type HeadRow,
  type SignedHead,
  headOf,
  headRowValues,
  ROW_COLUMNS,
  nextSignedHead,
} from './chainHeadLog';
import type { ChainSigningKey } from './chainSigningKey';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'chain heads: one signed entry per append to a hire stream, numbered and chained over all streams',
    sql: `CREATE TABLE chain_heads (
      seq            BIGINT  PRIMARY KEY,
      stream         TEXT    NOT NULL,
      revision       TEXT    NOT NULL,
      revision_n     NUMERIC NOT NULL,
      hash           TEXT    NOT NULL,
      signed_at      TEXT    NOT NULL,
      previous_entry TEXT,
      key_id         TEXT    NOT NULL,
      signature      TEXT    NOT NULL,
      entry_hash     TEXT    NOT NULL
    );
    CREATE INDEX chain_heads_by_stream ON chain_heads (stream, revision_n)`,
  },
];

/** One lock for the whole log: its entries are numbered and chained across every stream, so one is added at a time. */
const LOG_LOCK = 'soft-landing-chain-heads';

/**
 * The head log in PostgreSQL (DATABASE_URL), for writers of the event store on several hosts (API replicas,
 * workers against one KurrentDB): every append, whichever process made it, signs the next entry of the one log,
 * and the export sees all of them. The same entries, text and signatures as the SQLite log (chainHeadLog.ts); the
 * signing key stays with each process, never in the database, so who can write this table still cannot sign.
 */
export interface PostgresChainHeadLogOptions {
  readonly now?: () => Date;
  /** Ends what the log was opened on (its pool), when the log is closed. */
  readonly onClose?: () => Promise<void>;
  /**
   * The entries of the log this one takes over (the SQLite file of a deployment moving to DATABASE_URL): copied
   * as they are, signatures and all, into an empty table, so the streams they vouch for keep their heads.
   */
  readonly carriedOver?: () => Promise<readonly SignedHead[]>;
}

export class PostgresChainHeadLog implements ChainHeads {
  private readonly ready: Promise<void>;
  private readonly now: () => Date;

  /** Starts its migration (and the carry-over) at once and awaits it on first use, so opening stays synchronous. */
  constructor(
    private readonly pool: Pool,
    private readonly key: ChainSigningKey,
    private readonly options: PostgresChainHeadLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.ready = migrate(pool, 'chain-heads', MIGRATIONS).then(() => this.carryOver());
    // A failed start is reported by the first call that awaits it, not as an unhandled rejection now.
    this.ready.catch(() => undefined);
  }

  private async carryOver(): Promise<void> {
    const { carriedOver } = this.options;
    if (!carriedOver) return;
    await carryOverIntoEmpty(this.pool, {
      lock: LOG_LOCK,
      tables: ['chain_heads'],
      contentsOf: carriedOver,
      copy: async (client, heads) => {
        for (const head of heads)
          await client.query(
            `INSERT INTO chain_heads (${ROW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            headRowValues(head, head.revision),
          );
      },
    });
  }

  get publicKey(): KeyObject {
    return this.key.publicKey;
  }

  async record(streamName: string, revision: bigint, hash: string): Promise<void> {
    await this.ready;
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOG_LOCK]);
      const current = await client.query<{ revision: string }>(
        'SELECT revision FROM chain_heads WHERE stream = $1 ORDER BY revision_n DESC LIMIT 1',
        [streamName],
      );
      const newest = current.rows[0];
      // Only ever forwards: a retried append whose head is there already, or behind, adds nothing.
      if (newest && BigInt(newest.revision) >= revision) return;
      const last = (await client.query<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM chain_heads ORDER BY seq DESC LIMIT 1`))
        .rows[0];
      const head = nextSignedHead(last, { streamName, revision, hash }, this.key, this.now());
      await client.query(
        `INSERT INTO chain_heads (${ROW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        headRowValues(head, head.revision),
      );
    });
  }

  async latest(streamName: string): Promise<SignedHead | undefined> {
    await this.ready;
    const result = await this.pool.query<HeadRow>(
      `SELECT ${HEAD_COLUMNS} FROM chain_heads WHERE stream = $1 ORDER BY revision_n DESC LIMIT 1`,
      [streamName],
    );
    const row = result.rows[0];
    return row && headOf(row);
  }

  async entries(streamPrefix?: string): Promise<SignedHead[]> {
    await this.ready;
    // left(…) compares the prefix as text: LIKE would read % and _ in an organisation id as wildcards.
    const result =
      streamPrefix === undefined
        ? await this.pool.query<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM chain_heads ORDER BY seq`)
        : await this.pool.query<HeadRow>(
            `SELECT ${HEAD_COLUMNS} FROM chain_heads WHERE left(stream, $1) = $2 ORDER BY seq`,
            [streamPrefix.length, streamPrefix],
          );
    return result.rows.map(headOf);
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }
}
