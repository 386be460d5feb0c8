import { deterministicEventId } from '../../services/event-store/deterministicEventId';
import type { EventStore } from '../../services/event-store/eventStore';
import { hireStreamName } from '../../services/event-store/streamNames';

export interface Hire {
  readonly organisationId: string;
  readonly hireId: string;
}

/**
 * A steady stream of hire events for tests of what publishes them: each call appends one TaskCompleted to every
 * hire, at the next revision of its stream (revision n is `task:n`), so a receiver can check each hire's order.
 */
export function taskCompletions(store: EventStore, hires: readonly Hire[]): { appendRound(): Promise<void> } {
  const revisions = new Map<string, number>();
  return {
    appendRound: async () => {
      for (const hire of hires) {
        const stream = hireStreamName(hire);
        const revision = revisions.get(stream) ?? 0;
        await store.appendToStream(
          stream,
          [
            {
              id: deterministicEventId(stream, `e${revision}`),
              type: 'TaskCompleted',
              data: { ...hire, itemId: `task:${revision}` },
            },
          ],
          { expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1) },
        );
        revisions.set(stream, revision + 1);
      }
    },
  };
}
