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
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from './eventStore';
import type { ChainHeadReader, ChainHeads } from './chainHeadLog';
import { CHAIN_KEY, CURRENT_CHAIN_SCHEME, chainLinkOf, linkMetadataOf, placedLinkHashOf } from './hireStreamChain';
import { HIRE_STREAM_PREFIX } from './streamNames';

/** A loose expectation (any, stream_exists) is pinned to the revision we chained from; a race with another process is retried. */
const LOOSE_APPEND_ATTEMPTS = 10;

interface Anchor {
  /** What the inner store is asked to expect: the revision the first new event follows. */
  readonly expectedRevision: ExpectedRevision;
  readonly previousHash: string | null;
  readonly pinned: boolean;
}

/**
 * Tamper evidence for hire streams: every event's metadata carries `chain: {scheme, previous, hash}`, so rewriting
 * any stored event breaks the link of every event after it (verifyHireStreamChain finds the first). The hash
 * covers what the caller wrote plus the stream name and revision, so a retry with the same ids and the same
 * expected revision produces the same bytes, and the inner store's idempotence still recognises it.
 *
 * With a head log, every append is then anchored there by a signed head: rewriting the history and every hash
 * after it, cutting off its tail or deleting the stream no longer leaves a chain that holds, because the signed
 * head says how far the stream went and what the event there hashed to.
 */
export class HashChainedEventStore implements EventStore, CheckpointStore {
  /** The last append queued per stream: appends from this process take turns instead of racing for the tail. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly inner: EventStore & CheckpointStore,
    private readonly headLog?: ChainHeads,
  ) {}

  /** Where appends are anchored, for the verifier; undefined when this store signs no heads. */
  get heads(): ChainHeadReader | undefined {
    return this.headLog;
  }

  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (!streamName.startsWith(HIRE_STREAM_PREFIX)) return this.inner.appendToStream(streamName, events, options);
    const queued = this.queues.get(streamName) ?? Promise.resolve();
    const append = queued.catch(() => undefined).then(() => this.appendChained(streamName, events, options));
    this.queues.set(streamName, append);
    const forget = () => {
      if (this.queues.get(streamName) === append) this.queues.delete(streamName);
    };
    append.then(forget, forget);
    return append;
  }

  private async appendChained(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const anchor = await this.anchorFor(streamName, events, options.expectedRevision);
      const first = anchor.expectedRevision === 'no_stream' ? 0n : (anchor.expectedRevision as bigint) + 1n;
      const chained = chain(streamName, first, anchor.previousHash, events);
      let result: AppendResult;
      try {
        result = await this.inner.appendToStream(streamName, chained, { expectedRevision: anchor.expectedRevision });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || anchor.expectedRevision === options.expectedRevision)
          throw error;
        // Someone appended between our read and our write; the caller did not mind where, so chain again.
        if (!anchor.pinned || attempt >= LOOSE_APPEND_ATTEMPTS) {
          throw new WrongExpectedRevisionError(streamName, options.expectedRevision, error.actual);
        }
        continue;
      }
      // A head log that cannot be written fails the append the caller sees; its retry is a repeat, and signs.
      await this.signHead(streamName, result, first + BigInt(events.length) - 1n, chained);
      return result;
    }
  }

  /**
   * After the append, never inside it: a head that is not written (a crash in between) leaves events the next
   * head covers, where a head written for an append that then failed would vouch for events that do not exist.
   * An append the store recognised as a repeat of one chained elsewhere ends at another revision than this
   * one's; its hash is then read back rather than assumed.
   */
  private async signHead(
    streamName: string,
    result: AppendResult,
    last: bigint,
    chained: readonly NewEvent[],
  ): Promise<void> {
    if (!this.headLog) return;
    const revision = result.nextExpectedRevision;
    const hash =
      revision === last
        ? chainLinkOf(chained[chained.length - 1]!.metadata!)?.hash
        : await this.hashAt(streamName, revision);
    if (hash) await this.headLog.record(streamName, revision, hash);
  }

  private async anchorFor(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Anchor> {
    if (expected === 'no_stream') return { expectedRevision: expected, previousHash: null, pinned: false };
    if (typeof expected === 'bigint') {
      return { expectedRevision: expected, previousHash: await this.hashAt(streamName, expected), pinned: false };
    }
    // A loose retry of the latest append must chain from where the original did, or its bytes would differ.
    const indexOf = new Map(events.map((event, index) => [event.id, index]));
    const tail = await collect(this.inner.readStream(streamName, { direction: 'backwards', maxCount: events.length }));
    const repeated = tail.find((event) => indexOf.has(event.id));
    const predecessor = repeated ? repeated.revision - 1n - BigInt(indexOf.get(repeated.id)!) : tail[0]?.revision;
    if (predecessor === undefined || predecessor < 0n) {
      if (expected === 'stream_exists' && tail.length === 0) {
        throw new WrongExpectedRevisionError(streamName, expected, 'no_stream');
      }
      return { expectedRevision: 'no_stream', previousHash: null, pinned: !repeated };
    }
    return {
      expectedRevision: predecessor,
      previousHash: await this.hashAt(streamName, predecessor),
      pinned: !repeated,
    };
  }

  private async hashAt(streamName: string, revision: bigint): Promise<string | null> {
    for await (const event of this.inner.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
      return chainLinkOf(event.metadata)?.hash ?? null;
    }
    // No such event: the inner store will refuse the expected revision, so no link is ever written from here.
    return null;
  }

  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(streamName, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  readAllBatches(options?: ReadAllBatchesOptions): AsyncIterable<readonly RecordedEvent[]> {
    return this.inner.readAllBatches(options);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return this.inner.subscribeToAll(options, handler);
  }

  load(subscriberName: string): Promise<Position | undefined> {
    return this.inner.load(subscriberName);
  }

  save(subscriberName: string, position: Position, fencingToken?: number): Promise<void> {
    return this.inner.save(subscriberName, position, fencingToken);
  }

  async close(): Promise<void> {
    await this.headLog?.close();
    await this.inner.close();
  }
}

function chain(
  streamName: string,
  firstRevision: bigint,
  previousHash: string | null,
  events: readonly NewEvent[],
): NewEvent[] {
  let previous = previousHash;
  return events.map((event, index) => {
    const { [CHAIN_KEY]: _ignored, ...metadata } = event.metadata ?? {};
    const place = { streamName, revision: firstRevision + BigInt(index) };
    const hash = placedLinkHashOf(previous, { id: event.id, type: event.type, data: event.data, metadata }, place);
    const link = linkMetadataOf({ scheme: CURRENT_CHAIN_SCHEME, previous, hash });
    const chained = { ...event, metadata: { ...metadata, [CHAIN_KEY]: link } };
    previous = hash;
    return chained;
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
