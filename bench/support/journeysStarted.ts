import type { EventStore } from '../../services/event-store/eventStore';

/** Until `count` journeys under the stream prefix have recorded JourneyStarted: the worker has run each one. */
export async function journeysStarted(store: EventStore, streamPrefix: string, count: number): Promise<void> {
  for (;;) {
    let started = 0;
    for await (const event of store.readAll({ streamPrefixes: [streamPrefix] }))
      if (event.type === 'JourneyStarted') started += 1;
    if (started >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
