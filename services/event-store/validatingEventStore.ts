import type {
  AppendResult,
  BatchHandler,
  CheckpointStore,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllBatchesOptions,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './eventStore';
import type { EventSchemas, SchemaViolation } from './eventSchemas';
import { HIRE_STREAM_PREFIX } from './streamNames';
import { Upcasters } from './upcasters';

/** Data written before schema versions were recorded is version 1. */
const FIRST_VERSION = 1;

/** An append refused because an event does not match its contract; nothing of the batch was written. */
export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number | undefined,
    /** JSON pointer into the event: `/type`, `/data/startDate`, `/metadata/actor`. */
    readonly pointer: string,
    readonly violations: readonly SchemaViolation[],
  ) {
    super(
      `Event ${eventType}${schemaVersion === undefined ? '' : ` v${schemaVersion}`} refused at ${pointer}: ${violations[0]?.message ?? ''}`,
    );
    this.name = 'InvalidEventError';
  }
}

/**
 * Keeps the store to its contracts: appends are checked against contracts/events (the whole envelope in hire
 * streams, where the auditor needs attribution; elsewhere only what of it is there), and reads hand out every
 * event at its newest schema version.
 * Events of types this code does not know pass through unchanged, so an older reader survives newer writers.
 */
export class ValidatingEventStore implements EventStore, CheckpointStore {
  constructor(
    private readonly inner: EventStore & CheckpointStore,
    private readonly schemas: EventSchemas,
    private readonly upcasters: Upcasters = new Upcasters(),
  ) {}

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    for (const event of events) this.assertValid(streamName, event);
    return this.inner.appendToStream(streamName, events, options);
  }

  private assertValid(streamName: string, event: NewEvent): void {
    const metadata = event.metadata ?? {};
    // Hire streams are what auditors replay: every event there is fully attributed. Elsewhere, what is there must be right.
    const envelopeViolations = streamName.startsWith(HIRE_STREAM_PREFIX)
      ? this.schemas.violationsOfEnvelope(metadata)
      : this.schemas.violationsOfPartialEnvelope(metadata);
    if (envelopeViolations.length > 0) {
      throw new InvalidEventError(event.type, undefined, envelopeViolations[0]!.pointer, envelopeViolations);
    }
    const version = schemaVersionOf(metadata);
    if (version === undefined) {
      const violation = { pointer: '/metadata/schemaVersion', message: 'must be a positive integer' };
      throw new InvalidEventError(event.type, undefined, violation.pointer, [violation]);
    }
    if (!this.schemas.knows(event.type, version)) {
      const violation = { pointer: '/type', message: `no schema contracts/events/${event.type}.v${version}.json` };
      throw new InvalidEventError(event.type, version, violation.pointer, [violation]);
    }
    const violations = this.schemas.violationsOfData(event.type, version, event.data);
    if (violations.length > 0) throw new InvalidEventError(event.type, version, violations[0]!.pointer, violations);
  }

  /**
   * The store underneath, reading events exactly as stored (never upcast): what the hash chain was computed
   * over, so what verifyHireStreamChain must be given. For reading; appends belong through this store.
   */
  get stored(): EventStore & CheckpointStore {
    return this.inner;
  }

  async *readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readStream(streamName, options)) yield this.upcast(event);
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readAll(options)) yield this.upcast(event);
  }

  async *readAllBatches(options?: ReadAllBatchesOptions): AsyncIterable<readonly RecordedEvent[]> {
    for await (const events of this.inner.readAllBatches(options)) yield events.map((event) => this.upcast(event));
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    return this.inner.subscribeToAll(options, (events) => handler(events.map((event) => this.upcast(event))));
  }

  private upcast(event: RecordedEvent): RecordedEvent {
    const version = schemaVersionOf(event.metadata) ?? FIRST_VERSION;
    const upcast = this.upcasters.upcast(event.type, version, event.data);
    if (upcast.version === version) return event;
    // upcastFrom tells a reader (and the chain verifier) that these are not the bytes that were stored.
    return {
      ...event,
      data: upcast.data,
      metadata: { ...event.metadata, schemaVersion: upcast.version, upcastFrom: version },
    };
  }

  load(subscriberName: string): Promise<Position | undefined> {
    return this.inner.load(subscriberName);
  }

  save(subscriberName: string, position: Position, fencingToken?: number): Promise<void> {
    return this.inner.save(subscriberName, position, fencingToken);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function schemaVersionOf(metadata: Record<string, unknown>): number | undefined {
  const version = metadata.schemaVersion ?? FIRST_VERSION;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : undefined;
}
