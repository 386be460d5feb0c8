import type { JsonObject } from '../../services/event-store/eventStore';

export const TEST_HIRE = { organisationId: 'jeugdzorg-west', hireId: 'h-0042' } as const;

/** The metadata the worker's recordHireEvents writes on a hire event, for tests that append by hand. */
export function workerEnvelope(overrides: JsonObject = {}): JsonObject {
  return {
    ...TEST_HIRE,
    actor: 'hr:anna',
    occurredAt: '2026-08-03T09:15:00.000Z',
    correlationId: 'hire-journey:jeugdzorg-west:h-0042',
    causationId: 'run-1/1',
    schemaVersion: 1,
    ...overrides,
  };
}
