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
