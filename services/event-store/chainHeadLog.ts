import { type KeyObject, createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openSqliteFile } from '../shared/sqliteFile';
import { ownerOnlyFile } from '../shared/keyFile';
import { canonicalJson } from './canonicalJson';
import type { ChainSigningKey } from './chainSigningKey';

/**
 * One signed statement "stream S had reached revision R, and the event there hashes to H", made after an append.
 * Entries form a chain of their own (`previousEntry` is the sha256 of the entry before), so an entry taken out of
 * the middle of the log shows, and each is signed, so nobody without the signing key can add or alter one.
 */
export interface SignedHead {
  /** 1, 2, 3, … without gaps, over every stream. */
  readonly seq: number;
  readonly streamName: string;
  /** Decimal text: JSON has no bigint. */
  readonly revision: string;
  readonly hash: string;
  readonly signedAt: string;
  readonly previousEntry: string | null;
  readonly keyId: string;
  /** Ed25519 over `signedHeadText`, base64. */
  readonly signature: string;
}

const ENTRY_FORMAT = 'soft-landing.chain-head.v1';

/** The exact text that is signed and that the next entry's `previousEntry` hashes. */
export function signedHeadText(head: Omit<SignedHead, 'signature'>): string {
  return canonicalJson({
    format: ENTRY_FORMAT,
    seq: head.seq,
    stream: head.streamName,
    revision: head.revision,
    hash: head.hash,
    signedAt: head.signedAt,
    previousEntry: head.previousEntry,
    keyId: head.keyId,
  });
}

export function entryHashOf(head: SignedHead): string {
  return createHash('sha256').update(signedHeadText(head), 'utf8').digest('hex');
}

/** What the chain verifier needs: the newest head of a stream, and the key that must have signed it. */
export interface ChainHeadReader {
  readonly publicKey: KeyObject;
  latest(streamName: string): Promise<SignedHead | undefined>;
}

/** What the hash-chained store needs: somewhere to anchor each append. */
export interface ChainHeadRecorder {
  record(streamName: string, revision: bigint, hash: string): Promise<void>;
}

/**
 * A head log as a store uses it: anchors appends, answers the verifier and the export, and is closed with the
 * store. This SQLite file, or PostgreSQL when the store's writers run on several hosts (postgresChainHeadLog.ts).
 */
export interface ChainHeads extends ChainHeadReader, ChainHeadRecorder {
  /** Every entry in order; with a prefix only those of the streams it starts (an organisation's export). */
  entries(streamPrefix?: string): Promise<SignedHead[]>;
  close(): Promise<void>;
}

/** The columns both adapters keep per entry (and `revision_n`, the revision as a number to order by). */
export interface HeadRow {
  seq: number | string;
  stream: string;
  revision: string;
  hash: string;
  signed_at: string;
  previous_entry: string | null;
  key_id: string;
  signature: string;
  entry_hash: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS chain_heads (
    seq            INTEGER PRIMARY KEY,
    stream         TEXT    NOT NULL,
    revision       TEXT    NOT NULL,
    revision_n     INTEGER NOT NULL,
    hash           TEXT    NOT NULL,
    signed_at      TEXT    NOT NULL,
    previous_entry TEXT,
    key_id         TEXT    NOT NULL,
    signature      TEXT    NOT NULL,
    entry_hash     TEXT    NOT NULL
  );
  CREATE INDEX IF NOT EXISTS chain_heads_by_stream ON chain_heads (stream, revision_n);
`;
export const HEAD_COLUMNS = 'seq, stream, revision, hash, signed_at, previous_entry, key_id, signature, entry_hash';
/** Every column of a row, as both adapters insert it (headRowValues). */
export const ROW_COLUMNS =
  'seq, stream, revision, revision_n, hash, signed_at, previous_entry, key_id, signature, entry_hash';

/**
 * The head log (CHAIN_HEAD_LOG_PATH): its own SQLite file, never the events table, so the store's history and
 * the signed statements about it are two things an intruder would have to rewrite, and the second one they
 * cannot sign. A head is written after every append to a hire stream (one per batch), only ever forwards: a
 * retried append whose head is already there, or behind, adds nothing.
 *
 * Someone who can write this file can still delete its newest entries along with the events they cover. That is
 * what the export is for (`npm run chain-export`): a copy held where the store's writers cannot reach, checked
 * offline with `npm run verify-export`, which also checks that a newer export still holds every entry of an older.
 */
export class ChainHeadLog implements ChainHeads {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  /** Prepared once, as the event store's append is: building a transaction function costs more than a head. */
  private readonly recordTransaction: (streamName: string, revision: bigint, hash: string) => void;

  constructor(
    readonly path: string,
    private readonly key: ChainSigningKey,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = openSqliteFile(path === ':memory:' ? path : ownerOnlyFile(path));
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.statements = prepare(this.db);
    this.recordTransaction = this.db.transaction(this.recordHead.bind(this)).immediate;
  }

  get publicKey(): KeyObject {
    return this.key.publicKey;
  }

  async record(streamName: string, revision: bigint, hash: string): Promise<void> {
    this.recordTransaction(streamName, revision, hash);
  }

  private recordHead(streamName: string, revision: bigint, hash: string): void {
    const current = this.statements.latest.get(streamName);
    if (current && BigInt(current.revision) >= revision) return;
    const head = nextSignedHead(this.statements.last.get(), { streamName, revision, hash }, this.key, this.now());
    this.statements.insert.run(...headRowValues(head, revision));
  }

  async latest(streamName: string): Promise<SignedHead | undefined> {
    const row = this.statements.latest.get(streamName);
    return row && headOf(row);
  }

  async entries(streamPrefix?: string): Promise<SignedHead[]> {
    const rows =
      streamPrefix === undefined
        ? this.statements.all.all()
        : this.statements.byPrefix.all(streamPrefix.length, streamPrefix);
    return rows.map(headOf);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    latest: db.prepare<[string], HeadRow>(
      `SELECT ${HEAD_COLUMNS} FROM chain_heads WHERE stream = ? ORDER BY revision_n DESC LIMIT 1`,
    ),
    last: db.prepare<[], HeadRow>(`SELECT ${HEAD_COLUMNS} FROM chain_heads ORDER BY seq DESC LIMIT 1`),
    all: db.prepare<[], HeadRow>(`SELECT ${HEAD_COLUMNS} FROM chain_heads ORDER BY seq`),
    byPrefix: db.prepare<[number, string], HeadRow>(
      `SELECT ${HEAD_COLUMNS} FROM chain_heads WHERE substr(stream, 1, ?) = ? ORDER BY seq`,
    ),
    insert: db.prepare(`INSERT INTO chain_heads (${ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}

/** The values of an entry's row, in ROW_COLUMNS' order; `revisionNumber` as the adapter binds a number. */
export function headRowValues(head: SignedHead, revisionNumber: bigint | string): unknown[] {
  return [
    head.seq,
    head.streamName,
    head.revision,
    revisionNumber,
    head.hash,
    head.signedAt,
    head.previousEntry,
    head.keyId,
    head.signature,
    entryHashOf(head),
  ];
}

/** A row of either adapter's table as the entry it holds (PostgreSQL hands a BIGINT over as text). */
export function headOf(row: HeadRow): SignedHead {
  return {
    seq: Number(row.seq),
    streamName: row.stream,
    revision: row.revision,
    hash: row.hash,
    signedAt: row.signed_at,
    previousEntry: row.previous_entry,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/**
 * The entry that follows `last` (the log's newest row; none for the first entry) for a new head, signed: what
 * either adapter inserts, inside its transaction, once it has checked the head goes forwards.
 */
export function nextSignedHead(
  last: Pick<HeadRow, 'seq' | 'entry_hash'> | undefined,
  head: { readonly streamName: string; readonly revision: bigint; readonly hash: string },
  key: ChainSigningKey,
  signedAt: Date,
): SignedHead {
  const unsigned = {
    seq: (last ? Number(last.seq) : 0) + 1,
    streamName: head.streamName,
    revision: head.revision.toString(),
    hash: head.hash,
    signedAt: signedAt.toISOString(),
    previousEntry: last?.entry_hash ?? null,
    keyId: key.keyId,
  };
  return { ...unsigned, signature: key.sign(signedHeadText(unsigned)) };
}
