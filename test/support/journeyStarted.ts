import { type Client, WorkflowNotFoundError, type WorkflowExecutionDescription } from '@temporalio/client';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import { waitFor } from './waitFor';

/**
 * Waits until the hire's journey exists in Temporal (started by something the test does not await: a Kafka message,
 * an HR system's poll) and returns its description; fails with waitFor's message when it never does.
 */
export async function journeyStarted(
  client: Client,
  organisationId: string,
  hireId: string,
  timeoutMs = 30_000,
): Promise<WorkflowExecutionDescription> {
  const handle = client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId));
  const description = await waitFor(
    () =>
      handle
        .describe()
        .catch((error: unknown) => (error instanceof WorkflowNotFoundError ? undefined : Promise.reject(error))),
    (found) => found !== undefined,
    timeoutMs,
  );
  return description!;
}
