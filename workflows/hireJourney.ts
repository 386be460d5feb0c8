import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { JourneyActivities } from '../services/worker/journeyActivities';
import { type HireJourneyInput, type JourneyView, journeyViewQuery } from './hireJourneyContract';

const { recordHireEvents } = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: an event store that is down must delay the journey, never lose a step of it.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A hire's onboarding journey. This walking skeleton records the registration; the stages follow later. */
export async function hireJourney(input: HireJourneyInput): Promise<void> {
  let view: JourneyView = {
    organisationId: input.organisationId,
    hireId: input.hireId,
    workflowId: workflowInfo().workflowId,
    stage: 'registered',
    startDate: input.startDate,
    role: input.role,
    ...(input.team === undefined ? {} : { team: input.team }),
  };
  setHandler(journeyViewQuery, () => view);

  const occurredAt = new Date().toISOString(); // workflow time: identical on replay and retry
  await recordHireEvents({
    organisationId: input.organisationId,
    hireId: input.hireId,
    expectedRevision: 'no_stream',
    actor: input.actor,
    occurredAt,
    events: [
      {
        key: 'hire-registered',
        type: 'HireRegistered',
        data: {
          organisationId: input.organisationId,
          hireId: input.hireId,
          startDate: input.startDate,
          role: input.role,
          ...(input.team === undefined ? {} : { team: input.team }),
        },
      },
      {
        key: 'journey-started',
        type: 'JourneyStarted',
        data: { organisationId: input.organisationId, hireId: input.hireId, startDate: input.startDate },
      },
    ],
  });
  view = { ...view, stage: 'preboarding' };

  // The journey stays open for what comes next; the stages that fill this wait arrive with the journey issue.
  await condition(() => false);
}
