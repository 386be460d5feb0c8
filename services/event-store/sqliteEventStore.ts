import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import {
  type AppendResult,
  type BatchHandler,
  type CheckpointStore,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllBatchesOptions,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StaleFencingToken,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
  formatPosition,
  parsePosition,
  readBatchSizeOf,
} from './eventStore';
import { openSqliteFile } from '../shared/sqliteFile';

interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** An events row as `$all` reads it: the columns of EVENT_COLUMNS, in that order. */
type EventTuple = [
  position: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recorded_at: string,
];
const EVENT_COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

/** The events table as the store makes it; bench/eventStoreAppend.bench.ts's bare inserts write the same table. */
export const EVENTS_TABLE = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
`;

const SCHEMA = `${EVENTS_TABLE}
  CREATE INDEX IF NOT EXISTS events_by_stream_position ON events (stream, position);
  CREATE TABLE IF NOT EXISTS checkpoints (
    subscriber  TEXT PRIMARY KEY,
    position    TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    fencing_token INTEGER
  );
`;

/**
 * How every statement here takes its LIMIT: as an expression, not a bare `?`. With a bare bound LIMIT, SQLite
 * (3.53 with STAT4, as better-sqlite3 builds it) spends as much again on each run as if it planned the statement
 * anew for the value: 9.6 µs instead of 2.9 µs for a one-row stream read (measured), paid by every append (its
 * chain's tail), every poll of a hire and every subscription's look for news. With the cast the plans stay the
 * same (EXPLAIN QUERY PLAN) and so do the rows.
 */
const BOUND_LIMIT = 'CAST(? AS INTEGER)';

/** How often a subscription looks for appends made by another process sharing the file. */
const CROSS_PROCESS_POLL_MS = 250;
const SUBSCRIPTION_BATCH_SIZE = 500;
/** The most positions a subscription reads in one go: a catch-up over filtered-out events never blocks for long. */
const SCAN_WINDOW = 5_000n;
/**
 * A read by one narrow stream prefix (an organisation's templates, profiles, one organisation's hire events after a
 * recent position) reads that prefix's events from the stream index, when no more than this many match: it never
 * visits the rest of the store. A wider one scans `$all` from its position, which keeps the order for free.
 */
const INDEXED_READ_LIMIT = 2_000;
/** Filtered-out positions a subscription passes over before it offers the subscriber a checkpoint past them. */
const CHECKPOINT_INTERVAL = 1_000n;

/** What one append in this process wrote: every position from `from` to `to`, all in `streamName`. */
interface Written {
  readonly streamName: string;
  readonly from: bigint;
  readonly to: bigint;
}

/** The embedded default: one SQLite file holds every stream, in WAL mode so readers never block the writer. */
export class SqliteEventStore implements EventStore, CheckpointStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter<{ append: [Written | undefined] }>();
  /** Set by the insert of the append under way; undefined for an append that repeated an earlier one. */
  private written: Written | undefined;
  private readonly subscriptions = new Set<Subscription>();

  private readonly statements: ReturnType<typeof prepareStatements>;
  /** The `$all` read, by how many stream prefixes and event types it filters on (`<prefixes>/<types>`). */
  private readonly readAllStatements = new Map<string, Database.Statement<unknown[], EventTuple>>();
  /** A subscription's windowed read, by how many stream prefixes it filters on. */
  private readonly windowStatements = new Map<number, Database.Statement<unknown[], EventTuple>>();
  private readonly appendTransaction: (
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ) => AppendResult;
  private readonly insertBatch: (streamName: string, events: readonly NewEvent[], after: bigint) => AppendResult;

  constructor(readonly path: string) {
    this.db = openSqliteFile(path);
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    addFencingTokenColumn(this.db);
    this.appended.setMaxListeners(0);
    // Preparing a statement costs more than running it; appends are the hot path (see bench/).
    this.statements = prepareStatements(this.db);
    this.appendTransaction = this.db.transaction(this.appendInTransaction.bind(this)).immediate;
    // Nested in the append's transaction this is a savepoint: a batch that hits an existing id leaves no rows.
    this.insertBatch = this.db.transaction(this.insertInTransaction.bind(this));
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    if (events.length > 1 && new Set(events.map((event) => event.id)).size !== events.length) {
      throw new Error(`appendToStream to ${streamName}: the same event id twice in one batch`);
    }
    this.written = undefined;
    const result = this.appendTransaction(streamName, events, expectedRevision);
    const written = this.written;
    this.written = undefined;
    this.appended.emit('append', written);
    return result;
  }

  /**
   * Idempotent appends, as EventStoreDB does them: the same ids already written, in the same order, to the
   * same stream return the original result, whatever revision is expected. Ids that exist only in part, or
   * elsewhere, are a conflict. Repeats are rare, so they are looked for only once the append cannot go ahead:
   * the revision does not match, or an id is already taken.
   */
  private appendInTransaction(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const current = this.currentRevision(streamName);
    if (!matchesExpected(expected, current)) {
      const repeat = this.earlierAppendOf(streamName, events, expected);
      if (repeat) return repeat;
      throw new WrongExpectedRevisionError(streamName, expected, current);
    }
    try {
      return this.insertBatch(streamName, events, current === 'no_stream' ? -1n : current);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const repeat = this.earlierAppendOf(streamName, events, expected);
      if (repeat) return repeat;
      throw error;
    }
  }

  private insertInTransaction(streamName: string, events: readonly NewEvent[], after: bigint): AppendResult {
    const recordedAt = new Date().toISOString();
    let revision = after;
    let position = 0n;
    let from: bigint | undefined;
    for (const event of events) {
      revision += 1n;
      const info = this.statements.insert.run(
        event.id,
        streamName,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata ?? {}),
        recordedAt,
      );
      position = BigInt(info.lastInsertRowid);
      from ??= position;
    }
    this.written = { streamName, from: from!, to: position };
    return { nextExpectedRevision: revision, position: { commit: position, prepare: position } };
  }

  /** The original result of an earlier append of these ids; undefined if none of them exists; else a conflict. */
  private earlierAppendOf(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const found = events.map((event) => this.statements.findId.get(event.id));
    if (found.every((row) => row === undefined)) return undefined;
    const first = found[0];
    const sameBatch =
      first !== undefined &&
      found.every((row, index) => row?.stream === streamName && row.revision === first.revision + index);
    if (!sameBatch) {
      throw new WrongExpectedRevisionError(streamName, expected, this.currentRevision(streamName));
    }
    const last = found[found.length - 1]!;
    return {
      nextExpectedRevision: BigInt(last.revision),
      position: { commit: BigInt(last.position), prepare: BigInt(last.position) },
    };
  }

  private currentRevision(streamName: string): bigint | 'no_stream' {
    const row = this.statements.currentRevision.get(streamName);
    return row?.revision == null ? 'no_stream' : BigInt(row.revision);
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const read = backwards ? this.statements.readBackwards : this.statements.readForwards;
    const rows = read.all(streamName, from, options.maxCount ?? -1);
    for (const row of rows) yield toRecordedEvent(row);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const batch of this.readAllBatches({ ...options, batchSize: SUBSCRIPTION_BATCH_SIZE })) yield* batch;
  }

  async *readAllBatches(options: ReadAllBatchesOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const batchSize = readBatchSizeOf(options);
    let after = options.after?.commit ?? 0n;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let batch: RecordedEvent[] = [];
    // Decided once for the whole read: the count walks the stream index, probing every stream in the range, so
    // asking again for every piece of a long read of a wide prefix (a rebuild over all hire streams) would cost a
    // probe per stream per piece, growing with the store instead of with what is read.
    const narrow = this.narrowPrefixRange(after, options.streamPrefixes);
    const types = options.types?.length ? options.types : undefined;
    // The wide scan filters types in SQL; the narrow read is small already, and filters before parsing.
    const wanted = narrow && types ? new Set(types) : undefined;
    while (remaining > 0) {
      // Read in pieces and parse each at once: the raw rows die young instead of outliving a big batch's reading.
      const limit = Math.min(remaining, batchSize - batch.length, SUBSCRIPTION_BATCH_SIZE);
      const rows = narrow
        ? this.statements.readPrefix.all(narrow.from, narrow.to, after, limit)
        : this.scanAll(after, limit, options.streamPrefixes, types);
      for (const row of rows) {
        if (wanted && !wanted.has(row[4])) continue;
        batch.push(tupleToRecordedEvent(row));
        remaining -= 1;
      }
      if (rows.length < limit) break;
      after = BigInt(rows[rows.length - 1]![0]);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  private head(): bigint {
    return BigInt(this.statements.head.get()?.head ?? 0);
  }

  /** Events after `after` up to `upTo`, filtered: never reads a row past `upTo`. */
  private readWindow(after: bigint, upTo: bigint, limit: number, prefixes?: readonly string[]): EventTuple[] {
    const count = prefixes?.length ?? 0;
    let select = this.windowStatements.get(count);
    if (!select) {
      select = this.db
        .prepare<unknown[], EventTuple>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ${prefixFilterOf(count)} ORDER BY position LIMIT ${BOUND_LIMIT}`,
        )
        .raw(true);
      this.windowStatements.set(count, select);
    }
    return select.all(after, upTo, ...prefixArgsOf(prefixes), limit);
  }

  /** The stream-index range of a single prefix with no more than INDEXED_READ_LIMIT events after `after`. */
  private narrowPrefixRange(
    after: bigint,
    prefixes: readonly string[] | undefined,
  ): { from: string; to: string } | undefined {
    const range = prefixes?.length === 1 ? prefixRangeOf(prefixes[0]!) : undefined;
    if (!range) return undefined;
    const matching = this.statements.countInPrefix.get(range.from, range.to, after, INDEXED_READ_LIMIT + 1)!.n;
    return matching <= INDEXED_READ_LIMIT ? range : undefined;
  }

  /** `$all` from `after` in position order, filtered by the prefixes as it goes. */
  private scanAll(after: bigint, limit: number, prefixes?: readonly string[], types?: readonly string[]): EventTuple[] {
    const count = prefixes?.length ?? 0;
    const typeCount = types?.length ?? 0;
    const key = `${count}/${typeCount}`;
    let select = this.readAllStatements.get(key);
    if (!select) {
      // Prepared once per number of prefixes: preparing costs more than running (see bench/).
      // Rows as arrays, not objects: cheaper to make, and $all reads are the bulk of a rebuild (see bench/).
      select = this.db
        .prepare<unknown[], EventTuple>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ${prefixFilterOf(count)} ${typeFilterOf(typeCount)} ORDER BY position LIMIT ${BOUND_LIMIT}`,
        )
        .raw(true);
      this.readAllStatements.set(key, select);
    }
    return select.all(after, ...prefixArgsOf(prefixes), ...(types ?? []), limit);
  }

  /**
   * A subscription's position moves over every event it reads, the filtered-out ones included, a window at a
   * time up to the head: an append costs each subscriber the events after its position, never the ones it
   * already passed over. Appends in this process wake it at once; another process's, within a poll. An append in
   * this process to a stream the filter leaves out, right after the position of a subscription waiting at the
   * head, moves that position without a read or a wake: unrelated appends cost an idle subscriber nothing.
   */
  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    let stopped = false;
    let waiting = false;
    let after = options.after?.commit ?? 0n;
    // The last position the subscriber knows of: the last event handed out, or the last checkpoint offered.
    let told = after;
    const prefixes = options.streamPrefixes ?? [];
    const leftOut = (streamName: string) =>
      prefixes.length > 0 && !prefixes.some((prefix) => streamName.startsWith(prefix));
    let wake: () => void = () => undefined;
    const onAppend = (written: Written | undefined) => {
      // Only positions right after ours, written by one append we know all of: nothing in between goes unread.
      if (waiting && written && written.from === after + 1n && leftOut(written.streamName)) {
        after = written.to;
        if (!(options.onCheckpoint && after - told >= CHECKPOINT_INTERVAL)) return;
      }
      wake();
    };
    this.appended.on('append', onAppend);
    const waitForAppend = () =>
      new Promise<void>((resolve) => {
        waiting = true;
        const timer = setTimeout(done, CROSS_PROCESS_POLL_MS);
        function done() {
          waiting = false;
          clearTimeout(timer);
          resolve();
        }
        wake = done;
      });

    const run = async (): Promise<void> => {
      try {
        while (!stopped) {
          if (options.onCheckpoint && after - told >= CHECKPOINT_INTERVAL) {
            await options.onCheckpoint({ commit: after, prepare: after });
            told = after;
            continue;
          }
          const head = this.head();
          if (head <= after) {
            await waitForAppend();
            continue;
          }
          const upTo = head < after + SCAN_WINDOW ? head : after + SCAN_WINDOW;
          const rows = this.readWindow(after, upTo, SUBSCRIPTION_BATCH_SIZE, options.streamPrefixes);
          if (rows.length > 0) {
            await handler(rows.map(tupleToRecordedEvent));
            told = BigInt(rows[rows.length - 1]![0]);
          }
          // Every position up to `upTo` exists by now (one writer, positions never reused), so a short read has
          // seen all of them.
          after = rows.length === SUBSCRIPTION_BATCH_SIZE ? BigInt(rows[rows.length - 1]![0]) : upTo;
          // A catch-up over many filtered-out events still lets the process breathe between windows.
          if (rows.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } finally {
        // A failed subscription must not keep a listener on every later append.
        this.appended.off('append', onAppend);
      }
    };

    const loop = run();
    const subscription: Subscription = {
      failed: loop.then(
        () => new Promise<Error>(() => undefined),
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
      stop: async () => {
        stopped = true;
        wake();
        this.appended.off('append', onAppend);
        this.subscriptions.delete(subscription);
        await loop.catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async load(subscriberName: string): Promise<Position | undefined> {
    const row = this.statements.loadCheckpoint.get(subscriberName);
    return row ? parsePosition(row.position) : undefined;
  }

  async save(subscriberName: string, position: Position, fencingToken?: number): Promise<void> {
    const { changes } = this.statements.saveCheckpoint.run(
      subscriberName,
      formatPosition(position),
      new Date().toISOString(),
      fencingToken ?? null,
    );
    // The upsert's WHERE left the row alone: it was saved with a larger token.
    if (changes === 0) throw new StaleFencingToken(subscriberName, fencingToken!);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }
}

/**
 * Files from before leases have no fencing_token column: added once, empty (no token saved yet), under the write
 * lock, so two processes opening the file at once do not both add it.
 */
function addFencingTokenColumn(db: Database.Database): void {
  db.transaction(() => {
    const columns = db.pragma('table_info(checkpoints)') as { name: string }[];
    if (!columns.some((column) => column.name === 'fencing_token'))
      db.exec('ALTER TABLE checkpoints ADD COLUMN fencing_token INTEGER');
  }).immediate();
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[string, string, bigint, string, string, string, string]>(
      `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    findId: db.prepare<[string], { stream: string; revision: number; position: number }>(
      `SELECT stream, revision, position FROM events WHERE id = ?`,
    ),
    currentRevision: db.prepare<[string], { revision: number | null }>(
      `SELECT MAX(revision) AS revision FROM events WHERE stream = ?`,
    ),
    head: db.prepare<[], { head: number | null }>(`SELECT MAX(position) AS head FROM events`),
    loadCheckpoint: db.prepare<[string], { position: string }>(`SELECT position FROM checkpoints WHERE subscriber = ?`),
    // One statement, so a token is compared and the position written under the same write lock.
    saveCheckpoint: db.prepare<[string, string, string, number | null]>(
      `INSERT INTO checkpoints (subscriber, position, updated_at, fencing_token) VALUES (?, ?, ?, ?)
       ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at,
         fencing_token = excluded.fencing_token
       WHERE excluded.fencing_token IS NULL OR checkpoints.fencing_token IS NULL
         OR checkpoints.fencing_token <= excluded.fencing_token`,
    ),
    countInPrefix: db.prepare<[string, string, bigint, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM events INDEXED BY events_by_stream_position
       WHERE stream >= ? AND stream < ? AND position > ? LIMIT ${BOUND_LIMIT})`,
    ),
    readPrefix: db
      .prepare<[string, string, bigint, number], EventTuple>(
        `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_by_stream_position
         WHERE stream >= ? AND stream < ? AND position > ? ORDER BY position LIMIT ${BOUND_LIMIT}`,
      )
      .raw(true),
    readForwards: db.prepare<[string, bigint, number], EventRow>(
      `SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ${BOUND_LIMIT}`,
    ),
    readBackwards: db.prepare<[string, bigint, number], EventRow>(
      `SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ${BOUND_LIMIT}`,
    ),
  };
}

/**
 * The stream names starting with `prefix` as a range of the stream index: [prefix, the prefix with its last
 * character one up). Only for an ASCII last character, where that is exactly the names with the prefix.
 */
function prefixRangeOf(prefix: string): { from: string; to: string } | undefined {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (prefix.length === 0 || last >= 0x7f) return undefined;
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

function prefixFilterOf(count: number): string {
  return count > 0 ? `AND (${Array.from({ length: count }, () => `substr(stream, 1, ?) = ?`).join(' OR ')})` : '';
}

function typeFilterOf(count: number): string {
  return count > 0 ? `AND type IN (${Array.from({ length: count }, () => '?').join(', ')})` : '';
}

function prefixArgsOf(prefixes: readonly string[] | undefined): (number | string)[] {
  return (prefixes ?? []).flatMap((prefix) => [prefix.length, prefix]);
}

function matchesExpected(expected: ExpectedRevision, current: bigint | 'no_stream'): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'bigint' && current === expected)
  );
}

function isUniqueViolation(error: unknown): boolean {
  // By code, not by class: better-sqlite3's native part keeps the SqliteError class (and so the Error realm) of
  // whichever copy of the module loaded first, so `instanceof` fails where a process loads it twice (Jest does).
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = BigInt(row.position);
  return {
    id: row.id,
    type: row.type,
    streamName: row.stream,
    revision: BigInt(row.revision),
    position: { commit: position, prepare: position },
    recordedAt: new Date(row.recorded_at),
    data: JSON.parse(row.data) as RecordedEvent['data'],
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
  };
}

/** toRecordedEvent of a row read as an array. */
function tupleToRecordedEvent(row: EventTuple): RecordedEvent {
  const position = BigInt(row[0]);
  return {
    id: row[1],
    type: row[4],
    streamName: row[2],
    revision: BigInt(row[3]),
    position: { commit: position, prepare: position },
    recordedAt: new Date(row[7]),
    data: JSON.parse(row[5]) as RecordedEvent['data'],
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
  };
}
