/**
 * The event store port: the system of record for every hire's history.
 * Shaped after EventStoreDB/KurrentDB semantics so that the embedded SQLite adapter and the
 * EventStoreDB adapter are interchangeable behind one contract test suite.
 */

/** A place in the global log ($all). SQLite uses its sequence for both parts. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What the writer believes the stream's last revision to be; `bigint` is a concrete revision. */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

export type JsonObject = { [key: string]: unknown };

export interface NewEvent {
  /** A UUID; deterministic ids make a retried append a no-op instead of a duplicate. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  /** 0-based position of the event in its stream. */
  readonly revision: bigint;
  readonly position: Position;
  readonly recordedAt: Date;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface AppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  readonly after?: Position;
  readonly maxCount?: number;
  /** Only streams whose name starts with one of these. */
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllBatchesOptions extends ReadAllOptions {
  /** The most events in one batch; default 500. */
  readonly batchSize?: number;
  /**
   * Only events of these types (omitted or empty: every type); `maxCount` counts those. A reader that folds a few
   * types (a rebuild) then never pays for reading and parsing the rest, often half a store.
   */
  readonly types?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive: resume after a checkpoint. Omit to catch up from the beginning. */
  readonly after?: Position;
  readonly streamPrefixes?: readonly string[];
  /**
   * Called, between batches and in order with them, with a position the subscription has read up to when many
   * events the filter left out lie past the last one handed to the handler. A subscriber that saves it as its
   * checkpoint resumes there after a restart instead of reading those events again. A store may never call it.
   */
  readonly onCheckpoint?: (position: Position) => Promise<void>;
}

/** Receives events in order, a batch at a time; the next batch waits until this one's promise settles. */
export type BatchHandler = (events: readonly RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** Settles when the subscription fails (the handler threw, or the store broke); never on a clean stop. */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * `readAll` a batch at a time, for bulk readers (a projection rebuild): the same events in the same order, in
   * arrays of at most `batchSize` events, never empty. An array handed out is the reader's: the store keeps no
   * reference to it.
   */
  readAllBatches(options?: ReadAllBatchesOptions): AsyncIterable<readonly RecordedEvent[]>;
  /** A catch-up subscription: first the history after `after`, then live events, in global order. */
  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription;
  close(): Promise<void>;
}

/** Where subscribers (relay, projections) remember how far they got. */
export interface CheckpointStore {
  load(subscriberName: string): Promise<Position | undefined>;
  /**
   * With a `fencingToken` (a lease's, services/shared/lease): refused with StaleFencingToken when the checkpoint
   * was saved with a larger one, by a holder that came after this one. A save without a token is never refused,
   * and the next fenced save compares with nothing: fencing is between holders of a lease, and a subscriber that
   * runs without one (`npm start`'s relay) is the only one of its name.
   */
  save(subscriberName: string, position: Position, fencingToken?: number): Promise<void>;
}

/** A checkpoint save by a lease holder that has been replaced: it must stop, the new holder carries on. */
export class StaleFencingToken extends Error {
  constructor(
    readonly subscriberName: string,
    readonly fencingToken: number,
  ) {
    super(`checkpoint ${subscriberName}: fencing token ${fencingToken} is older than the one it was saved with`);
    this.name = 'StaleFencingToken';
  }
}

/**
 * The same checkpoints, every save carrying `fencingToken`: what a lease holder's subscriptions write through.
 * A refused save tells `onStale` (the holder stands down) and fails, so the subscription does not move on.
 */
export function fencedCheckpoints(
  checkpoints: CheckpointStore,
  fencingToken: number,
  onStale: (error: StaleFencingToken) => void,
): CheckpointStore {
  return {
    load: (subscriberName) => checkpoints.load(subscriberName),
    save: async (subscriberName, position) => {
      try {
        await checkpoints.save(subscriberName, position, fencingToken);
      } catch (error) {
        if (error instanceof StaleFencingToken) onStale(error);
        throw error;
      }
    },
  };
}

/** The batch size `readAllBatches` uses when none is asked for. */
export const DEFAULT_READ_BATCH_SIZE = 500;

/** A positive whole batch size, or the default. */
export function readBatchSizeOf(options: ReadAllBatchesOptions | undefined): number {
  const size = options?.batchSize ?? DEFAULT_READ_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batchSize must be a whole number from 1, got ${size}`);
  return size;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export function formatPosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a position: ${text}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}
