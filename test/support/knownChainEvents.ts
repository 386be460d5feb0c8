import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../services/event-store/eventStore';
import type { ChainedContent } from '../../services/event-store/hireStreamChain';

/**
 * The two events the chain's known vectors are computed over (services/event-store/hireStreamChain*.test.ts).
 * Keys deliberately out of order: the canonical form sorts them.
 */
export function knownStageEvent(index: 1 | 2): ChainedContent {
  return {
    type: 'StageReached',
    metadata: { schemaVersion: 1, occurredAt: '2026-09-01T08:00:00.000Z', actor: 'system:journey' },
    data: { stage: `stage-${index - 1}`, dueDate: '2026-09-01' },
    id: `00000000-0000-4000-8000-00000000000${index}`,
  };
}

/** A journey event of the shape the chain tests append, as many as a test needs: stage `index`, a fresh id by default. */
export function stageEvent(index: number, id: string = randomUUID()): NewEvent {
  return {
    id,
    type: 'StageReached',
    data: { stage: `stage-${index}`, dueDate: '2026-09-01' },
    metadata: { actor: 'system:journey', occurredAt: '2026-09-01T08:00:00.000Z', schemaVersion: 1 },
  };
}
