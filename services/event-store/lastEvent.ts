import type { EventStore, RecordedEvent } from './eventStore';

/** The newest event of a stream, or undefined when it has none: what every "newest version" store reads. */
export async function lastEvent(store: EventStore, streamName: string): Promise<RecordedEvent | undefined> {
  for await (const event of store.readStream(streamName, { direction: 'backwards', maxCount: 1 })) return event;
  return undefined;
}
