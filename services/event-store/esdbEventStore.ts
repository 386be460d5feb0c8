import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Credentials,
  type EventStoreDBClient,
  type RecordedEvent as EsdbRecordedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { openEsdbClient } from './esdbConnection';
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
  StaleFencingToken,
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
/** How often setting the checkpoint stream's max count is tried again when another writer changed its metadata. */
const METADATA_RETRIES = 5;
/** How often a fenced checkpoint save compares again when another save landed between its read and its append. */
const FENCED_SAVE_RETRIES = 10;

const noop = (): void => undefined;

/** What the adapter uses of the client: its own methods, with their own types, so a test can stand in for the server. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'getStreamMetadata' | 'setStreamMetadata' | 'dispose'
>;

/** An event whose data is not a JSON object: the port cannot hand it out, so it is counted and passed over. */
export interface PoisonEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: Position;
}

export interface EsdbEventStoreOptions {
  /** Sent with every call instead of inside the connection string (see esdbConnection.ts). */
  readonly credentials?: Credentials;
  /** Told of each poison event passed over; it gets no data, so it may log. */
  readonly onPoisonEvent?: (event: PoisonEvent) => void;
}

/**
 * In a subscription's object stream, a place the server told us about between events: a filter checkpoint, or
 * the end of the history. Pushed into the client's own Readable (see markPlaces), so it stays in order with them.
 */
interface Place {
  readonly place: 'checkpoint' | 'caught-up';
  readonly position?: Position;
}
type SubscriptionItem = AllStreamResolvedEvent | Place;

/**
 * The EventStoreDB / KurrentDB adapter. Needs server ≥ 22.6, the first to report positions on stream reads, and
 * ≥ 23.10 for reads by stream prefix (they end where the server says the subscription caught up).
 */
export class EsdbEventStore implements EventStore, CheckpointStore {
  private readonly client: EsdbClient;
  private readonly subscriptions = new Set<Subscription>();
  private readonly call: { credentials?: Credentials };
  private readonly onPoisonEvent: (event: PoisonEvent) => void;
  /** Checkpoint streams whose max count is known to be set: set once per process, tried again until it holds. */
  private readonly maxCountSet = new Set<string>();
  /** Poison events passed over since this store was opened. */
  poisonEvents = 0;
  /** Keys of the connection string that were dropped (esdbConnection.ts); for a warning that names them. */
  readonly ignoredConnectionKeys: readonly string[] = [];

  constructor(connection: string | EsdbClient, options: EsdbEventStoreOptions = {}) {
    if (typeof connection === 'string') {
      const opened = openEsdbClient(connection);
      this.client = opened.client;
      this.call = opened.credentials ? { credentials: opened.credentials } : {};
      this.ignoredConnectionKeys = opened.ignoredKeys;
    } else {
      this.client = connection;
      this.call = options.credentials ? { credentials: options.credentials } : {};
    }
    this.onPoisonEvent = options.onPoisonEvent ?? noop;
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
    let result: Awaited<ReturnType<EsdbClient['appendToStream']>>;
    try {
      result = await this.client.appendToStream(streamName, proposed, {
        ...this.call,
        expectedRevision: toEsdbExpectedRevision(expectedRevision),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamName, expectedRevision, error.actualVersion);
      }
      throw error;
    }
    // Only reachable if the connection string turned throwOnAppendFailure off. Then the result's revision is not
    // the stream's: batchAppend.js (batchAppend) sets it to BigInt(hasCurrentStreamRevision()), 1n for any
    // existing stream. So the stream is asked.
    if (!result.success) {
      throw new WrongExpectedRevisionError(streamName, expectedRevision, await this.currentRevision(streamName));
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

  private async currentRevision(streamName: string): Promise<bigint | 'no_stream'> {
    for await (const event of this.readStream(streamName, { direction: 'backwards', maxCount: 1 }))
      return event.revision;
    return 'no_stream';
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
      ...this.call,
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      maxCount: options.maxCount,
    });
    try {
      for await (const resolved of cancelOnExit(read)) {
        const event = resolved.event && this.recordedOrPoison(resolved.event);
        if (event) yield event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const source = options.streamPrefixes?.length
      ? this.readByPrefixes(options.streamPrefixes, options.after)
      : this.readEverything(options.after);
    for await (const event of source) {
      yield event;
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }

  /**
   * readAll in 6.2.1 sends no filter (streams/readAll.js: options.setNoFilter), so a read by prefix goes through a
   * filtered subscription, which the server filters (streams/subscribeToAll.js: FilterOptions.setStreamIdentifier):
   * from `after` up to the last position at the moment of the call, ending there or where the server says it
   * caught up, whichever comes first.
   */
  private async *readByPrefixes(
    prefixes: readonly string[],
    after: Position | undefined,
  ): AsyncIterable<RecordedEvent> {
    const head = await this.lastPosition();
    if (!head || (after && !isAfter(head, after))) return;
    const esdb = this.subscribe(after, prefixes);
    try {
      for await (const item of esdb as AsyncIterable<SubscriptionItem>) {
        if (isPlace(item)) {
          if (item.place === 'caught-up' || (item.position && !isAfter(head, item.position))) return;
          continue;
        }
        const event = item.event && this.visibleAfter(item.event, prefixes, after);
        if (event && isAfter(event.position, head)) return;
        if (event) yield event;
        if (event && !isAfter(head, event.position)) return;
      }
    } finally {
      await esdb.unsubscribe().catch(noop);
    }
  }

  /** The whole of $all, less system and checkpoint streams. Its fromPosition is inclusive, so `after` is done here. */
  private async *readEverything(after: Position | undefined): AsyncIterable<RecordedEvent> {
    const read = this.client.readAll({ ...this.call, fromPosition: after ?? START });
    for await (const { event } of cancelOnExit(read)) {
      const visible = event && this.visibleAfter(event, undefined, after);
      if (visible) yield visible;
    }
  }

  private async lastPosition(): Promise<Position | undefined> {
    const read = this.client.readAll({ ...this.call, direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    for await (const { event } of cancelOnExit(read)) {
      if (event?.position) return { commit: event.position.commit, prepare: event.position.prepare };
    }
    return undefined;
  }

  /** The event as the port hands it out, if it is visible, lies after `after` and is no poison event. */
  private visibleAfter(
    event: EsdbRecordedEvent,
    prefixes: readonly string[] | undefined,
    after: Position | undefined,
  ): RecordedEvent | undefined {
    if (!isVisible(event, prefixes)) return undefined;
    if (after && event.position && !isAfter(event.position, after)) return undefined;
    return this.recordedOrPoison(event);
  }

  /**
   * A stored event whose data is not a JSON object cannot be handed out; failing on it would fail every
   * subscription that reaches it, on every restart. It is counted, reported without its data, and passed over.
   */
  private recordedOrPoison(event: EsdbRecordedEvent): RecordedEvent | undefined {
    const recorded = toRecordedEvent(event);
    if (recorded) return recorded;
    this.poisonEvents += 1;
    this.onPoisonEvent({
      id: event.id,
      streamName: event.streamId,
      revision: event.revision,
      position: positionOf(event),
    });
    return undefined;
  }

  /**
   * A subscription to $all after `after`, filtered by the server: on the prefixes, else on stream names not
   * starting with `$` (system streams; excludeSystemEvents filters on event types only, utils/filter.js).
   */
  private subscribe(after: Position | undefined, prefixes: readonly string[] | undefined): AllStreamSubscription {
    const filter = prefixes?.length
      ? streamNameFilter({ prefixes: [...prefixes], checkpointReached: markCheckpoint })
      : streamNameFilter({ regex: '^[^$]', checkpointReached: markCheckpoint });
    const esdb = this.client.subscribeToAll(
      { ...this.call, fromPosition: after ?? START, filter },
      { highWaterMark: SUBSCRIPTION_BATCH_SIZE },
    );
    markCaughtUp(esdb);
    // The iterator has its own error listener while it runs; this one keeps a late error (after the loop
    // has exited) from becoming an uncaught 'error' event that would crash the process.
    esdb.on('error', noop);
    return esdb;
  }

  async *readAllBatches(options: ReadAllBatchesOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const batchSize = readBatchSizeOf(options);
    // The client streams $all one event at a time; gathering them here is what the port promises.
    let batch: RecordedEvent[] = [];
    // readAll filters by stream; the types are filtered here as the events come, so maxCount counts only those.
    const types = options.types?.length ? new Set(options.types) : undefined;
    const { maxCount, ...unlimited } = options;
    let remaining = maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    for await (const event of this.readAll(types ? unlimited : options)) {
      if (types && !types.has(event.type)) continue;
      batch.push(event);
      remaining -= 1;
      if (remaining <= 0) break;
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
    // get that event back. The isAfter check in visibleAfter only guards against a server that disagrees.
    const esdb = this.subscribe(options.after, prefixes);
    let stopped = false;
    // The last position the subscriber knows of: the last event handed out, or the last checkpoint offered.
    let told = options.after;

    const deliver = async (events: RecordedEvent[]): Promise<void> => {
      if (events.length === 0 || stopped) return;
      await handler(events);
      told = events[events.length - 1]!.position;
    };

    const run = async (): Promise<void> => {
      try {
        for await (const first of esdb as AsyncIterable<SubscriptionItem>) {
          if (stopped) return;
          // Take whatever else is already buffered, without waiting, so a catch-up arrives in big batches
          // and a live trickle in small ones. read() is what the iterator itself calls, so mixing is safe.
          const items: SubscriptionItem[] = [first];
          let next: SubscriptionItem | null;
          while (items.length < SUBSCRIPTION_BATCH_SIZE && (next = esdb.read() as SubscriptionItem | null))
            items.push(next);
          let events: RecordedEvent[] = [];
          for (const item of items) {
            if (!isPlace(item)) {
              const event = item.event && this.visibleAfter(item.event, prefixes, options.after);
              if (event) events.push(event);
              continue;
            }
            // A server checkpoint lies past the events before it: those go out first, then the checkpoint.
            if (item.place !== 'checkpoint' || !item.position || !options.onCheckpoint) continue;
            await deliver(events);
            events = [];
            if (stopped) return;
            if (!told || isAfter(item.position, told)) {
              await options.onCheckpoint(item.position);
              told = item.position;
            }
          }
          await deliver(events);
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
        // Cancelling makes the client end the stream, which ends the loop if it is waiting for events; a handler
        // that is running is waited for, and nothing is handed out after it.
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

  async save(subscriberName: string, position: Position, fencingToken?: number): Promise<void> {
    const streamName = checkpointStreamName(subscriberName);
    if (fencingToken === undefined) {
      // Latest wins and every save is a fresh event: nothing is promised once, so `any` is right.
      await this.client.appendToStream(
        streamName,
        jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: formatPosition(position) } }),
        { ...this.call, expectedRevision: ANY },
      );
    } else await this.saveFenced(subscriberName, streamName, position, fencingToken);
    if (!this.maxCountSet.has(streamName)) {
      await this.keepOnlyLatest(streamName);
      this.maxCountSet.add(streamName);
    }
  }

  /**
   * Compare and set: the latest checkpoint's token is read, and the new one appended at the revision read, so a
   * holder with a larger token that saved in between makes the append fail and the comparison is made again.
   */
  private async saveFenced(
    subscriberName: string,
    streamName: string,
    position: Position,
    fencingToken: number,
  ): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      let expectedRevision: bigint | typeof NO_STREAM = NO_STREAM;
      for await (const latest of this.readStream(streamName, { direction: 'backwards', maxCount: 1 })) {
        expectedRevision = latest.revision;
        const stored = latest.data.fencingToken;
        if (typeof stored === 'number' && stored > fencingToken)
          throw new StaleFencingToken(subscriberName, fencingToken);
      }
      try {
        await this.client.appendToStream(
          streamName,
          jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: formatPosition(position), fencingToken } }),
          { ...this.call, expectedRevision },
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= FENCED_SAVE_RETRIES) throw error;
      }
    }
  }

  /**
   * Only the latest checkpoint matters; maxCount 1 lets scavenging drop the rest. Set on the metadata as read
   * (other keys kept), at the metadata stream's revision as read (getStreamMetadata's metastreamRevision), so a
   * concurrent change is not overwritten but read again. A failure fails this save, and the next save tries again.
   */
  private async keepOnlyLatest(streamName: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const { metadata, metastreamRevision } = await this.client.getStreamMetadata(streamName, this.call);
      if (metadata?.maxCount === 1) return;
      try {
        await this.client.setStreamMetadata(
          streamName,
          { ...metadata, maxCount: 1 },
          {
            ...this.call,
            expectedRevision: metastreamRevision ?? NO_STREAM,
          },
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= METADATA_RETRIES) throw error;
      }
    }
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

/** The server's checkpoint, pushed into the subscription's own stream (filter.checkpointReached gets it as `this`). */
function markCheckpoint(
  subscription: AllStreamSubscription,
  position: { commit: bigint; prepare: bigint },
): Promise<void> {
  // Subscription.js (_transform) awaits this before it pushes the events that follow, so the mark lands between
  // the events before it and those after.
  subscription.push({
    place: 'checkpoint',
    position: { commit: position.commit, prepare: position.prepare },
  } satisfies Place);
  return Promise.resolve();
}

/** Subscription.js (_transform) emits 'caughtUp' from the same place, when the server sends ReadResp.caught_up. */
function markCaughtUp(subscription: AllStreamSubscription): void {
  subscription.on('caughtUp', () => subscription.push({ place: 'caught-up' } satisfies Place));
}

function isPlace(item: SubscriptionItem): item is Place {
  return 'place' in item;
}

/**
 * convertGrpcEvent.js (extractPosition) never returns undefined: the protobuf getters answer "0" for a position the
 * server did not send, as servers before 22.6 do on stream reads. No user event lies at 0/0 ($all opens with the
 * server's own epoch records), so 0/0 means "no position".
 */
function positionOf(event: EsdbRecordedEvent): Position {
  const position = event.position;
  if (!position || (position.commit === 0n && position.prepare === 0n)) {
    throw new Error(`Event ${event.id} came without a position: EventStoreDB ≥ 22.6 is required`);
  }
  return { commit: position.commit, prepare: position.prepare };
}

/** The event as the port hands it out; undefined when its data is not a JSON object. */
function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent | undefined {
  const position = positionOf(event);
  const data = asJsonObject(event.data);
  if (!data) return undefined;
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: event.revision,
    position,
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
