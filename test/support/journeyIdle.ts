import type { WorkflowHandle } from '@temporalio/client';
import { waitFor } from './waitFor';

/**
 * Waits until a journey stands still: no activity and no workflow task pending, and its history no longer than at
 * the poll before. A new journey goes on working for a moment after its start (its plan, the team's welcome request,
 * the mentor search), each step appending to its stream; its next step of its own is then a timer days away.
 */
export async function journeyIdle(handle: WorkflowHandle, timeoutMs = 30_000): Promise<void> {
  let previousLength = -1;
  await waitFor(
    async () => {
      const { historyLength, raw } = await handle.describe();
      const standing =
        historyLength === previousLength && (raw.pendingActivities ?? []).length === 0 && !raw.pendingWorkflowTask;
      previousLength = historyLength;
      return standing;
    },
    (idle) => idle,
    timeoutMs,
  );
}
