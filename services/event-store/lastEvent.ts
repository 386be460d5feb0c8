import type { EventStore, RecordedEvent } from './eventStore';

/** The newest event of a stream, or undefined when it has none: what every "newest version" store reads. */
export async function lastEvent(store: EventStore, streamName: string): Promise<RecordedEvent | undefined> {
  for await (const event of store.readStream(streamName, { direction: 'backwards', maxCount: 1 })) return event;
  return undefined;
}

/** The stream's event at `revision`, or undefined when it has none there: how a versioned store reads one version. */
export async function eventAt(
  store: EventStore,
  streamName: string,
  revision: bigint,
): Promise<RecordedEvent | undefined> {
  for await (const event of store.readStream(streamName, { fromRevision: revision, maxCount: 1 })) return event;
  return undefined;
}
