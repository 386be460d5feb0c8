import { type EventStore, type NewEvent, type RecordedEvent, WrongExpectedRevisionError } from './eventStore';

/** How often a writer that lost a race reads the stream and decides again before it gives up. */
const CONFLICT_RETRIES = 5;

/**
 * Reads the stream, lets `decide` choose the event to append on what it holds (or none), and appends it at exactly
 * the revision read: a concurrent writer makes the append fail rather than land on a state it was not decided on,
 * and the decision is taken again on the new state. What the store's deduplication of ids does not promise —
 * with expected revision `any` it is best-effort on EventStoreDB, which looks only at recent writes — this does.
 * Returns whether an event was appended.
 */
export async function appendDecided(
  store: EventStore,
  streamName: string,
  decide: (history: readonly RecordedEvent[]) => NewEvent | undefined,
): Promise<boolean> {
  for (let attempt = 0; ; attempt += 1) {
    const history: RecordedEvent[] = [];
    for await (const recorded of store.readStream(streamName)) history.push(recorded);
    const event = decide(history);
    if (!event) return false;
    const revision = history.length === 0 ? 'no_stream' : history[history.length - 1]!.revision;
    try {
      await store.appendToStream(streamName, [event], { expectedRevision: revision });
      return true;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}

/** Appends `event` unless the stream already holds its id: once, whatever retries (an activity, a redelivery). */
export function appendOnce(store: EventStore, streamName: string, event: NewEvent): Promise<boolean> {
  return appendDecided(store, streamName, (history) =>
    history.some((recorded) => recorded.id === event.id) ? undefined : event,
  );
}
