import { PassThrough } from 'node:stream';
import {
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type StreamingRead,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { Empty, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { Subscription } from '@eventstore/db-client/dist/streams/utils/Subscription';
import { convertGrpcEvent, createUUID } from '@eventstore/db-client/dist/utils';
import type { EsdbClient } from '../../services/event-store/esdbEventStore';

/**
 * An in-process stand-in for an EventStoreDB server behind @eventstore/db-client 6.2.1: the reads and
 * subscriptions it returns are the client's own ReadStream and Subscription, fed the protobuf ReadResp messages a
 * server sends, so the client's conversion (convertGrpcEvent.js), its not-found handling (ReadStream.js) and its
 * checkpoint and caught-up handling (Subscription.js) all run as they do against a real server. Only what the
 * server decides is played here, at its weakest documented: an append at `any` is never deduplicated.
 */
export interface FakeServerOptions {
  /** Servers before 22.6 send no positions on stream reads: the record's position fields stay unset. */
  readonly positionsOnStreamReads?: boolean;
  /** As the connection string's throwOnAppendFailure=false; the result then says what batchAppend.js says. */
  readonly throwOnAppendFailure?: boolean;
  /** Events the filter passes over before a checkpoint (the client's checkpointInterval × the server's window of 32). */
  readonly checkpointWindow?: number;
}

interface Stored {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

type GrpcStream = PassThrough & { cancel(): void };

export class FakeEsdbClient implements EsdbClient {
  readonly log: Stored[] = [];
  readonly calls: { method: string; options: unknown }[] = [];
  private readonly live = new Set<(event: Stored) => void>();
  private readonly metadata = new Map<string, { revision: bigint; value: Record<string, unknown> }>();
  private nextPosition = 0n;

  constructor(private readonly options: FakeServerOptions = {}) {
    // $all opens with the server's own records.
    this.store('$epoch-information', '$epoch-information', 'application/json', '{"epoch":0}');
  }

  /** Stores an event as another writer would, bypassing the adapter: for poison data. */
  store(
    streamId: string,
    type: string,
    contentType: string,
    data: string | Uint8Array,
    id = createUUID().getString(),
  ): Stored {
    const revision = BigInt(this.log.filter((event) => event.streamId === streamId).length);
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 128n;
    const stored: Stored = {
      streamId,
      id,
      type,
      revision,
      position,
      contentType,
      data: typeof data === 'string' ? Buffer.from(data) : data,
      metadata: new Uint8Array(),
    };
    this.log.push(stored);
    for (const notify of this.live) notify(stored);
    return stored;
  }

  appendToStream: EsdbClient['appendToStream'] = async (streamName, event, options = {}) => {
    this.calls.push({ method: 'appendToStream', options });
    const events = (Array.isArray(event) ? event : [event]) as EventData[];
    const expected: AppendExpectedRevision = options.expectedRevision ?? 'any';
    const stream = this.log.filter((stored) => stored.streamId === streamName);
    const current = stream.length === 0 ? 'no_stream' : stream[stream.length - 1]!.revision;
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!matches) {
      // The server's idempotency check at an exact expected revision: the same ids right after it.
      const from = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : -1;
      const again = from >= 0 && events.every((e, index) => stream[from + index]?.id === e.id);
      if (again) {
        const last = stream[from + events.length - 1]!;
        return { success: true, nextExpectedRevision: last.revision, position: undefined };
      }
      if (this.options.throwOnAppendFailure === false) {
        // batchAppend.js: BigInt(wrongExpectedVersion.hasCurrentStreamRevision()).
        return { success: false, nextExpectedRevision: current === 'no_stream' ? -1n : 1n, position: undefined };
      }
      throw new WrongExpectedVersionError(undefined, { streamName, current, expected });
    }
    let last: Stored | undefined;
    for (const e of events) {
      last = this.store(
        streamName,
        e.type,
        e.contentType,
        e.contentType === 'application/json' ? JSON.stringify(e.data) : (e.data as Uint8Array),
        e.id,
      );
      if (e.metadata) Object.assign(last, { metadata: Buffer.from(JSON.stringify(e.metadata)) });
    }
    return { success: true, nextExpectedRevision: last!.revision, position: last!.position } satisfies AppendResult;
  };

  readStream: EsdbClient['readStream'] = ((streamName: string, options: ReadStreamOptions = {}) => {
    this.calls.push({ method: 'readStream', options });
    const stream = this.log.filter((stored) => stored.streamId === streamName);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    let picked = stream.filter((stored) =>
      from === undefined || from === 'start' || from === 'end'
        ? true
        : backwards
          ? stored.revision <= from
          : stored.revision >= from,
    );
    if (backwards) picked = picked.reverse();
    picked = picked.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    const withPositions = this.options.positionsOnStreamReads ?? true;
    const responses =
      stream.length === 0 ? [streamNotFound(streamName)] : picked.map((stored) => eventResponse(stored, withPositions));
    return new ReadStream(
      creatorOf(grpcStreamOf(responses, true)),
      convertGrpcEvent,
      {},
    ) as unknown as StreamingRead<ResolvedEvent>;
  }) as EsdbClient['readStream'];

  readAll: EsdbClient['readAll'] = (options: ReadAllOptions = {}) => {
    this.calls.push({ method: 'readAll', options });
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    let picked = this.log.filter((stored) =>
      from === 'start' || from === 'end'
        ? true
        : backwards
          ? !isAfter(stored.position, from)
          : !isAfter(from, stored.position),
    );
    if (backwards) picked = picked.reverse();
    picked = picked.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    return new ReadStream(
      creatorOf(
        grpcStreamOf(
          picked.map((stored) => eventResponse(stored, true)),
          true,
        ),
      ),
      convertGrpcEvent,
      {},
    ) as unknown as StreamingRead<AllStreamResolvedEvent>;
  };

  subscribeToAll: EsdbClient['subscribeToAll'] = (options: SubscribeToAllOptions = {}, readableOptions = {}) => {
    this.calls.push({ method: 'subscribeToAll', options });
    const grpc = grpcStreamOf([], false);
    const filter = options.filter;
    const window = this.options.checkpointWindow ?? 32 * (filter?.checkpointInterval ?? 1);
    const from = options.fromPosition ?? 'start';
    let scanned = 0;
    const offer = (stored: Stored) => {
      if (grpc.writableEnded) return;
      if (passes(filter, stored)) {
        grpc.write(eventResponse(stored, true));
        scanned = 0;
      } else if (filter && (scanned += 1) >= window) {
        grpc.write(checkpointResponse(stored.position));
        scanned = 0;
      }
    };
    for (const stored of this.log)
      if (from === 'start' || (from !== 'end' && isAfter(stored.position, from))) offer(stored);
    const caughtUp = new ReadResp();
    caughtUp.setCaughtUp(new ReadResp.CaughtUp());
    grpc.write(caughtUp);
    this.live.add(offer);
    grpc.on('finish', () => this.live.delete(offer));
    return new Subscription(
      creatorOf(grpc),
      convertGrpcEvent,
      readableOptions,
      filter?.checkpointReached,
    ) as unknown as AllStreamSubscription;
  };

  getStreamMetadata: EsdbClient['getStreamMetadata'] = (async (streamName: string, options?: unknown) => {
    this.calls.push({ method: 'getStreamMetadata', options });
    const found = this.metadata.get(streamName);
    return found ? { streamName, metadata: { ...found.value }, metastreamRevision: found.revision } : { streamName };
  }) as EsdbClient['getStreamMetadata'];

  setStreamMetadata: EsdbClient['setStreamMetadata'] = async (streamName, metadata, options = {}) => {
    this.calls.push({ method: 'setStreamMetadata', options });
    const found = this.metadata.get(streamName);
    const current = found ? found.revision : 'no_stream';
    const expected = options.expectedRevision ?? 'any';
    if (expected !== 'any' && expected !== current) {
      throw new WrongExpectedVersionError(undefined, { streamName: `$$${streamName}`, current, expected });
    }
    const revision = found ? found.revision + 1n : 0n;
    this.metadata.set(streamName, { revision, value: { ...metadata } });
    return { success: true, nextExpectedRevision: revision, position: undefined };
  };

  /** As another writer changing the stream's metadata. */
  writeMetadata(streamName: string, value: Record<string, unknown>): void {
    const found = this.metadata.get(streamName);
    this.metadata.set(streamName, { revision: found ? found.revision + 1n : 0n, value });
  }

  metadataOf(streamName: string): Record<string, unknown> | undefined {
    return this.metadata.get(streamName)?.value;
  }

  dispose: EsdbClient['dispose'] = async () => {
    this.live.clear();
  };
}

/** A gRPC response stream as the client's ReadStream and Subscription consume it: piped, cancellable. */
function grpcStreamOf(responses: ReadResp[], end: boolean): GrpcStream {
  const stream = new PassThrough({ objectMode: true }) as GrpcStream;
  stream.cancel = () => stream.end();
  for (const response of responses) stream.write(response);
  if (end) stream.end();
  return stream;
}

/** What the client's stream classes are given: a function that resolves to the gRPC stream (Client GRPCStreamCreator). */
const creatorOf = (stream: GrpcStream) => async () => stream as never;

function passes(filter: Filter | undefined, stored: Stored): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? stored.streamId : stored.type;
  if ('prefixes' in filter) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  return new RegExp(filter.regex).test(subject);
}

function eventResponse(stored: Stored, withPosition: boolean): ReadResp {
  const record = new ReadResp.ReadEvent.RecordedEvent();
  record.setId(createUUID(stored.id));
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(stored.streamId));
  record.setStreamIdentifier(identifier);
  record.setStreamRevision(stored.revision.toString());
  if (withPosition) {
    record.setCommitPosition(stored.position.commit.toString());
    record.setPreparePosition(stored.position.prepare.toString());
  }
  record.getMetadataMap().set('type', stored.type);
  record.getMetadataMap().set('content-type', stored.contentType);
  record.getMetadataMap().set('created', (BigInt(Date.now()) * 10_000n).toString());
  record.setData(stored.data);
  record.setCustomMetadata(stored.metadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(record);
  if (withPosition) read.setCommitPosition(stored.position.commit.toString());
  else read.setNoPosition(new Empty());
  const response = new ReadResp();
  response.setEvent(read);
  return response;
}

function checkpointResponse(position: Position): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(position.commit.toString());
  checkpoint.setPreparePosition(position.prepare.toString());
  const response = new ReadResp();
  response.setCheckpoint(checkpoint);
  return response;
}

function streamNotFound(streamName: string): ReadResp {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(streamName));
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(identifier);
  const response = new ReadResp();
  response.setStreamNotFound(notFound);
  return response;
}

function isAfter(position: Position, bound: Position): boolean {
  return position.commit > bound.commit || (position.commit === bound.commit && position.prepare > bound.prepare);
}
