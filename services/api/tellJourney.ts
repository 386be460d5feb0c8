import type { Client } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import { hireJourneyWorkflowId } from '../../workflows/hireJourneyContract';
import type { Logger } from '../shared/logger';

/**
 * Signals a hire's journey about something already stored (a survey answer, a team's welcome message): it is
 * kept whatever happens here, so a journey that cannot be told is logged as a warning (`failure`, in Dutch) and
 * the request still succeeds. Neither hire nor token in the log: only that a journey could not be told, and why.
 */
export async function tellJourney<Args extends unknown[]>(
  deps: { client: Client; logger: Logger },
  hire: { organisationId: string; hireId: string },
  failure: string,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<void> {
  try {
    await deps.client.workflow
      .getHandle(hireJourneyWorkflowId(hire.organisationId, hire.hireId))
      .signal(signal, ...args);
  } catch (error) {
    deps.logger.warn({ reason: error instanceof Error ? error.name : 'unknown' }, failure);
  }
}
