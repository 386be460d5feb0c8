import { deterministicEventId } from './deterministicEventId';
import type { EventStore } from './eventStore';
import { type HireRef, rehireStreamName } from './streamNames';

/**
 * The earlier journey's side of a rehire: a RehireRegistered in a stream of its own (the hire stream is its
 * journey's to write). Written by whoever registers the rehire — the API, the HRIS connector — so one place.
 * Idempotent: the event's id follows from the two hires, so a retried registration records the link once.
 */
export async function linkRehire(
  store: EventStore,
  link: { organisationId: string; rehireOf: string; rehiredAs: string; actor: string },
): Promise<void> {
  const { organisationId, rehireOf, rehiredAs } = link;
  const stream = rehireStreamName({ organisationId, hireId: rehireOf });
  const id = deterministicEventId(stream, rehiredAs);
  for await (const event of store.readStream(stream)) if (event.id === id) return;
  await store.appendToStream(
    stream,
    [
      {
        id,
        type: 'RehireRegistered',
        data: { organisationId, hireId: rehireOf, rehiredAs },
        metadata: { organisationId, actor: link.actor },
      },
    ],
    { expectedRevision: 'any' },
  );
}

/** The later hires of an earlier one, in the order they were registered. */
export async function rehiredAs(store: EventStore, hire: HireRef): Promise<string[]> {
  const later: string[] = [];
  for await (const event of store.readStream(rehireStreamName(hire))) later.push(String(event.data.rehiredAs));
  return later;
}
