import type { EventStore } from '../event-store/eventStore';
import { hireStreamName } from '../event-store/streamNames';
import { Problem } from '../problems/problem';

/** A hire with no history (no journey, or one of another organisation) is not found, as on every hire operation. */
export async function refuseHireWithoutHistory(
  store: EventStore,
  hire: { organisationId: string; hireId: string },
): Promise<void> {
  for await (const _event of store.readStream(hireStreamName(hire), { maxCount: 1 })) return;
  throw new Problem(404, 'hire-not-found', { hireId: hire.hireId });
}
