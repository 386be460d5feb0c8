/**
 * Projections: read models folded from the event store's `$all`, kept in their own SQLite file.
 *
 * Exactly-once effect on an at-least-once feed: a projection's checkpoint lives in the same SQLite file as its
 * tables and moves in the same transaction as the rows it describes. A batch either lands whole, with its
 * checkpoint, or not at all; events at or before the checkpoint are skipped, so a batch delivered twice changes
 * nothing the second time.
 *
 * Optimistic concurrency on the checkpoint: every writer (the live runner, a rebuild) remembers the checkpoint it
 * last saw or wrote, and a batch only lands while the stored one is still that. Anyone else moving it (a rebuild
 * in another process reset it, a second runner got ahead) makes the batch fail with CheckpointMovedError, and the
 * writer starts over from what is stored — never from its own idea of where it was, which could leave a gap.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type Position, type RecordedEvent, formatPosition, parsePosition } from '../event-store/eventStore';
import { openSqliteFile } from '../shared/sqliteFile';

export type ReadModelDb = Database.Database;

export interface Projection {
  /** Also the checkpoint's name: unique per read-model file. */
  readonly name: string;
  /** Bump when the tables or the folding change: a runner finding another version stored rebuilds from zero. */
  readonly version: number;
  /** Only events of streams starting with one of these reach `apply`. */
  readonly streamPrefixes: readonly string[];
  /**
   * The event types `apply` folds, where it ignores all others: a catch-up then reads only these (a rebuild of
   * retention skips the reminders and mails, half a store). Omitted: every event of its streams.
   */
  readonly eventTypes?: ReadonlySet<string>;
  /** Everything `setup` creates; a rebuild drops these. */
  readonly tables: readonly string[];
  /** Creates the tables and indexes if they do not exist. */
  setup(db: ReadModelDb): void;
  /** Folds one event into the tables. Runs inside the batch's transaction: synchronous, no I/O but `db`. */
  apply(db: ReadModelDb, event: RecordedEvent): void;
  /** Optional write-behind: called before a batch's first `apply` (forget anything a failed batch left)... */
  beginBatch?(db: ReadModelDb): void;
  /** ...and after its last, still inside the transaction, to write what `apply` kept back. */
  endBatch?(db: ReadModelDb): void;
}

export interface StoredCheckpoint {
  readonly position: Position;
  readonly version: number;
  readonly updatedAt: string;
}

/** The stored checkpoint is not the one this writer last saw: someone else wrote or reset it. Start over. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: Position | undefined,
    readonly actual: Position | undefined,
  ) {
    super(
      `Projection ${projection}: checkpoint moved (expected ${expected ? formatPosition(expected) : 'none'}, ` +
        `found ${actual ? formatPosition(actual) : 'none'})`,
    );
    this.name = 'CheckpointMovedError';
  }
}

const CHECKPOINT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS projection_checkpoints (
    projection TEXT PRIMARY KEY,
    position   TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
  );
  CREATE TABLE IF NOT EXISTS read_model_caught_up (finished_at TEXT NOT NULL);
`;

/** Opens (creating if needed) the read-model file: WAL, so API reads never wait for the projector's writes. */
export function openReadModels(path: string): ReadModelDb {
  const db = openSqliteFile(path);
  db.pragma('synchronous = NORMAL');
  db.exec(CHECKPOINT_SCHEMA);
  return db;
}

/**
 * The read-model file's own id, made with the file: the processes that share this file (API replicas on one
 * volume) take turns projecting into it under one lease named after it (services/api/readModels.ts), while a
 * replica with a file of its own (another host's data folder) holds a lease of its own and projects too.
 */
export function readModelFileId(db: ReadModelDb): string {
  return db
    .transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS read_model_file (id TEXT NOT NULL)');
      const row = db.prepare<[], { id: string }>('SELECT id FROM read_model_file').get();
      if (row) return row.id;
      const id = randomUUID();
      db.prepare('INSERT INTO read_model_file (id) VALUES (?)').run(id);
      return id;
    })
    .immediate();
}

/**
 * Whether the file has been brought up to the store's end at least once (a catch-up finished and marked it): a
 * new file, a pod's empty one, answers nothing right until then. Kept in the file, so a replica sharing it with
 * the one that caught up knows too.
 */
export function hasCaughtUpOnce(db: ReadModelDb): boolean {
  return db.prepare<[], { finished_at: string }>('SELECT finished_at FROM read_model_caught_up').get() !== undefined;
}

export function markCaughtUp(db: ReadModelDb, at: Date = new Date()): void {
  db.transaction(() => {
    db.prepare('DELETE FROM read_model_caught_up').run();
    db.prepare('INSERT INTO read_model_caught_up (finished_at) VALUES (?)').run(at.toISOString());
  }).immediate();
}

const checkpointStatements = new WeakMap<ReadModelDb, ReturnType<typeof prepareCheckpointStatements>>();

function prepareCheckpointStatements(db: ReadModelDb) {
  return {
    load: db.prepare<[string], { position: string; version: number; updated_at: string }>(
      `SELECT position, version, updated_at FROM projection_checkpoints WHERE projection = ?`,
    ),
    save: db.prepare<[string, string, number, string]>(
      `INSERT INTO projection_checkpoints (projection, position, version, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version, updated_at = excluded.updated_at`,
    ),
  };
}

export function loadCheckpoint(db: ReadModelDb, projection: string): StoredCheckpoint | undefined {
  const row = statementsFor(checkpointStatements, db, prepareCheckpointStatements).load.get(projection);
  return row ? { position: parsePosition(row.position), version: row.version, updatedAt: row.updated_at } : undefined;
}

/** Every projection's checkpoint, for health and lag reporting. */
export function projectionStatus(
  db: ReadModelDb,
): { projection: string; position: string; version: number; updatedAt: string }[] {
  return db
    .prepare<[], { projection: string; position: string; version: number; updated_at: string }>(
      `SELECT projection, position, version, updated_at FROM projection_checkpoints ORDER BY projection`,
    )
    .all()
    .map((row) => ({
      projection: row.projection,
      position: row.position,
      version: row.version,
      updatedAt: row.updated_at,
    }));
}

function saveCheckpoint(db: ReadModelDb, projection: Projection, position: Position): void {
  statementsFor(checkpointStatements, db, prepareCheckpointStatements).save.run(
    projection.name,
    formatPosition(position),
    projection.version,
    new Date().toISOString(),
  );
}

export function comparePositions(a: Position, b: Position): number {
  return a.commit < b.commit
    ? -1
    : a.commit > b.commit
      ? 1
      : a.prepare < b.prepare
        ? -1
        : a.prepare > b.prepare
          ? 1
          : 0;
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a === undefined || b === undefined ? a === b : comparePositions(a, b) === 0;
}

export function matchesPrefixes(projection: Projection, streamName: string): boolean {
  return projection.streamPrefixes.some((prefix) => streamName.startsWith(prefix));
}

/**
 * Folds `events` (in global order, already filtered to the projection's streams) into the read model and moves
 * the checkpoint, in one transaction. `expected` is the checkpoint this writer last saw; the result is the one it
 * now stands at. Events at or before the stored checkpoint are skipped: redelivery is harmless.
 */
export function applyBatch(
  db: ReadModelDb,
  projection: Projection,
  expected: Position | undefined,
  events: readonly RecordedEvent[],
): Position | undefined {
  // IMMEDIATE: the checkpoint is read, then written. A deferred transaction that another process (a second API
  // replica on the same file) wrote past in between fails at once with SQLITE_BUSY; the busy timeout cannot wait
  // that out, but it does wait for the write lock that IMMEDIATE takes first. Every write here does the same.
  return db.transaction(() => applyInTransaction(db, projection, expected, events)).immediate();
}

/** `applyBatch` without its own transaction, for callers that fold several projections in one. */
export function applyInTransaction(
  db: ReadModelDb,
  projection: Projection,
  expected: Position | undefined,
  events: readonly RecordedEvent[],
): Position | undefined {
  const stored = loadCheckpoint(db, projection.name)?.position;
  if (!samePosition(stored, expected)) throw new CheckpointMovedError(projection.name, expected, stored);
  let last = stored;
  projection.beginBatch?.(db);
  for (const event of events) {
    if (last !== undefined && comparePositions(event.position, last) <= 0) continue;
    projection.apply(db, event);
    last = event.position;
  }
  projection.endBatch?.(db);
  if (last !== undefined && !samePosition(last, stored)) saveCheckpoint(db, projection, last);
  return last;
}

/**
 * Moves the checkpoint over events the projection does not read (the store has passed over them), under the same
 * optimistic check as a batch; never backwards. Returns the checkpoint this writer now stands at.
 */
export function advanceCheckpoint(
  db: ReadModelDb,
  projection: Projection,
  expected: Position | undefined,
  position: Position,
): Position {
  return db
    .transaction(() => {
      const stored = loadCheckpoint(db, projection.name)?.position;
      if (!samePosition(stored, expected)) throw new CheckpointMovedError(projection.name, expected, stored);
      if (stored !== undefined && comparePositions(position, stored) <= 0) return stored;
      saveCheckpoint(db, projection, position);
      return position;
    })
    .immediate();
}

/** Drops the projection's tables and its checkpoint and creates the tables afresh, in one transaction. */
export function resetProjection(db: ReadModelDb, projection: Projection): void {
  db.transaction(() => {
    for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS "${table.replace(/"/g, '""')}"`);
    db.prepare(`DELETE FROM projection_checkpoints WHERE projection = ?`).run(projection.name);
    projection.setup(db);
  }).immediate();
}

/** Creates the tables if needed; a checkpoint of another version means the fold changed: start from zero. */
export function prepareProjection(db: ReadModelDb, projection: Projection): 'ready' | 'reset' {
  const stored = loadCheckpoint(db, projection.name);
  if (stored && stored.version !== projection.version) {
    resetProjection(db, projection);
    return 'reset';
  }
  projection.setup(db);
  return 'ready';
}

/** Prepared statements per database, made once: preparing costs more than running (see bench/). */
export function statementsFor<S>(cache: WeakMap<ReadModelDb, S>, db: ReadModelDb, prepare: (db: ReadModelDb) => S): S {
  let statements = cache.get(db);
  if (!statements) {
    statements = prepare(db);
    cache.set(db, statements);
  }
  return statements;
}
