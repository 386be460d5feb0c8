import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type RecordedEvent as EsdbRecordedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import {
  type AppendResult,
  type BatchHandler,
  type CheckpointStore,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type Position,
  type ReadAllBatchesOptions,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
  formatPosition,
  parsePosition,
  readBatchSizeOf,
} from './eventStore';

/**
 * Checkpoints live in ordinary streams (a `$` name would be a system stream, hidden by every filter and
 * needing admin rights). readAll/subscribeToAll hide them, as the SQLite adapter keeps them in a separate
 * table: a subscriber to everything must not be woken by its own checkpoint writes.
 */
const CHECKPOINT_STREAM_PREFIX = 'checkpoint-';
const CHECKPOINT_EVENT_TYPE = 'CheckpointSaved';
const SUBSCRIPTION_BATCH_SIZE = 500;

const noop = (): void => undefined;

/** The EventStoreDB / KurrentDB adapter. Needs server ≥ 22.6, the first to report positions on stream reads. */
export class EsdbEventStore implements EventStore, CheckpointStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  constructor(connectionString: string) {
    // @eventstore/db-client 6.2.1 predates the KurrentDB rebrand: its parser accepts only esdb:// and
    // esdb+discover://. The rest of the string (hosts, tls, credentials, options) kept its meaning.
    const normalised = connectionString.trim().replace(/^kurrent(?:db)?(\+discover)?:\/\//i, 'esdb$1://');
    this.client = EventStoreDBClient.connectionString(normalised);
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const proposed = events.map((event) =>
      jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata }),
    );
    let result;
    try {
      result = await this.client.appendToStream(streamName, proposed, {
        expectedRevision: toEsdbExpectedRevision(expectedRevision),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamName, expectedRevision, error.actualVersion);
      }
      throw error;
    }
    // Only reachable if the connection string turned throwOnAppendFailure off.
    if (!result.success) {
      const actual = result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision;
      throw new WrongExpectedRevisionError(streamName, expectedRevision, actual);
    }
    // The server answers "no position" to an idempotent repeat, and for a batch its position is the write's,
    // not necessarily the last event's. The port promises the last event's $all position (a valid `after`),
    // so look it up unless the write was a single fresh event.
    const position =
      events.length === 1 && result.position
        ? result.position
        : await this.positionOf(streamName, result.nextExpectedRevision);
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  }

  private async positionOf(streamName: string, revision: bigint): Promise<Position> {
    for await (const event of this.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
      return event.position;
    }
    throw new Error(`Stream ${streamName} has no event at revision ${revision}`);
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    if (options.maxCount === 0) return;
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamName, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      maxCount: options.maxCount,
    });
    try {
      for await (const resolved of cancelOnExit(read)) {
        if (resolved.event) yield toRecordedEvent(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    // readAll in this client has no server-side filter, and its fromPosition is inclusive: both are done
    // here, so maxCount counts only the events we return.
    const read = this.client.readAll({ fromPosition: options.after ?? START });
    for await (const { event } of cancelOnExit(read)) {
      if (!event || !isVisible(event, options.streamPrefixes)) continue;
      if (options.after && !isAfter(event.position, options.after)) continue;
      yield toRecordedEvent(event);
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }

  async *readAllBatches(options: ReadAllBatchesOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const batchSize = readBatchSizeOf(options);
    // The client streams $all one event at a time; gathering them here is what the port promises.
    let batch: RecordedEvent[] = [];
    for await (const event of this.readAll(options)) {
      batch.push(event);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const prefixes = options.streamPrefixes;
    // Unlike readAll, a subscription's fromPosition is exclusive: the client passes it through untouched
    // (streams/subscribeToAll.js) and the client's own tests subscribe from an append's position and do not
    // get that event back. The isAfter check below only guards against a server that disagrees.
    const esdb = this.client.subscribeToAll(
      {
        fromPosition: options.after ?? START,
        filter: prefixes?.length ? streamNameFilter({ prefixes: [...prefixes] }) : excludeSystemEvents(),
      },
      { highWaterMark: SUBSCRIPTION_BATCH_SIZE },
    );
    // The iterator has its own error listener while it runs; this one keeps a late error (after the loop
    // has exited) from becoming an uncaught 'error' event that would crash the process.
    esdb.on('error', noop);
    let stopped = false;

    const run = async (): Promise<void> => {
      try {
        for await (const first of esdb) {
          if (stopped) return;
          // Take whatever else is already buffered, without waiting, so a catch-up arrives in big batches
          // and a live trickle in small ones. read() is what the iterator itself calls, so mixing is safe.
          const batch: AllStreamResolvedEvent[] = [first];
          let next: AllStreamResolvedEvent | null;
          while (batch.length < SUBSCRIPTION_BATCH_SIZE && (next = esdb.read() as AllStreamResolvedEvent | null)) {
            batch.push(next);
          }
          const events = batch.flatMap(({ event }) =>
            event && isVisible(event, prefixes) && (!options.after || isAfter(event.position, options.after))
              ? [toRecordedEvent(event)]
              : [],
          );
          if (events.length > 0) await handler(events);
        }
        if (!stopped) throw new Error('EventStoreDB ended the subscription');
      } finally {
        await esdb.unsubscribe().catch(noop);
      }
    };

    const loop = run();
    const never = new Promise<Error>(noop);
    const subscription: Subscription = {
      failed: loop.then(
        () => never,
        (error: unknown) => (stopped ? never : error instanceof Error ? error : new Error(String(error))),
      ),
      stop: async () => {
        stopped = true;
        this.subscriptions.delete(subscription);
        // Cancelling makes the client end the stream, which ends the loop if it is waiting for events.
        await esdb.unsubscribe().catch(noop);
        await loop.catch(noop);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async load(subscriberName: string): Promise<Position | undefined> {
    const streamName = checkpointStreamName(subscriberName);
    for await (const event of this.readStream(streamName, { direction: 'backwards', maxCount: 1 })) {
      const { position } = event.data;
      if (typeof position !== 'string') throw new Error(`Malformed checkpoint in ${streamName}`);
      return parsePosition(position);
    }
    return undefined;
  }

  async save(subscriberName: string, position: Position): Promise<void> {
    const streamName = checkpointStreamName(subscriberName);
    const result = await this.client.appendToStream(
      streamName,
      jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: formatPosition(position) } }),
      { expectedRevision: ANY },
    );
    // Only the latest checkpoint matters; maxCount lets scavenging drop the rest.
    if (result.nextExpectedRevision === 0n) await this.client.setStreamMetadata(streamName, { maxCount: 1 });
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

function checkpointStreamName(subscriberName: string): string {
  return `${CHECKPOINT_STREAM_PREFIX}${subscriberName}`;
}

function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
}

/**
 * Leaving a for-await early destroys the client's Readable but not the gRPC call feeding it, so cancel
 * the call then. A read that ran to the end needs no cancel.
 */
async function* cancelOnExit<T>(read: StreamingRead<T>): AsyncIterable<T> {
  read.on('error', noop);
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } finally {
    if (!finished) await read.cancel().catch(noop);
  }
}

function isVisible(event: { streamId: string; type: string }, prefixes: readonly string[] | undefined): boolean {
  if (event.streamId.startsWith('$') || event.type.startsWith('$')) return false;
  if (event.streamId.startsWith(CHECKPOINT_STREAM_PREFIX)) return false;
  return !prefixes?.length || prefixes.some((prefix) => event.streamId.startsWith(prefix));
}

/** $all is ordered by commit position, then prepare position. */
function isAfter(position: Position, bound: Position): boolean {
  return position.commit > bound.commit || (position.commit === bound.commit && position.prepare > bound.prepare);
}

function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) throw new Error(`Event ${event.id} came without a position: EventStoreDB ≥ 22.6 is required`);
  const data = asJsonObject(event.data);
  if (!data) throw new Error(`Event ${event.id} in ${event.streamId} does not hold a JSON object`);
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    recordedAt: event.created,
    data,
    metadata: asJsonObject(event.metadata) ?? {},
  };
}

/** The client parses JSON events itself but hands back bytes for anything not flagged as JSON. */
function asJsonObject(value: unknown): JsonObject | undefined {
  let parsed = value;
  if (value instanceof Uint8Array) {
    try {
      parsed = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      return undefined;
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
}
