import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { completeItemUpdate, journeyViewQuery, withdrawCandidateUpdate } from '../../workflows/hireJourneyContract';
import { bundleJourneyWorkflows } from '../support/journeyBundle';
import { describeWithServices } from '../support/serviceAvailability';
import { JourneyHarness, mentor } from './journeyHarness';

/**
 * A command that races a journey's start, while the start's steps are slow, must leave a history the journey's code
 * replays. Seen in CI: the worker heartbeats the workflow task while a slow local activity runs, the code after it
 * ran in the next task, and a patched() call there answered differently on replay (workflows/journeyPatches.ts).
 * Here the template loads slower than the task's heartbeat (1.6 s of a 2 s task timeout), and the command is sent
 * the moment the journey can take it; then the finished history is replayed with a fresh worker.
 */
const TASK_TIMEOUT = '2s' as const;
const TEMPLATE_LOAD_DELAY_MS = 2_500;
const actor = 'test:hr-system';

describeWithServices(['temporal-test-server'], 'a command racing a slow journey start', () => {
  let harness: JourneyHarness;
  let workflowBundle: { code: string };

  beforeAll(async () => {
    harness = await JourneyHarness.start({ templateLoadDelayMs: TEMPLATE_LOAD_DELAY_MS });
    await harness.offerMentors([mentor('mentor-anna', { maxMentees: 50, hoursPerWeekAvailable: 400 })]);
    workflowBundle = await bundleJourneyWorkflows();
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  });

  it.each([
    ['completing the first open item', completeFirstOpenItem],
    ['withdrawing the candidate', withdraw],
  ])(
    '%s as the journey starts leaves a history that replays',
    async (name, command) => {
      const handle = await harness.startJourney({ startsInDays: 20, workflowTaskTimeout: TASK_TIMEOUT });
      await untilTaken(() => command(handle));
      if (command !== withdraw) await withdraw(handle);
      await handle.result();

      const history = await handle.fetchHistory();
      // And the slow load outlasted a workflow task: the first task completed (heartbeat) before the template was in.
      expect(tasksCompletedBeforeTheTemplate(history.events ?? [])).toBeGreaterThanOrEqual(2);
      // The race happened: the command was taken while the start's own steps still ran (before its mentor search).
      expect(commandTakenBeforeTheMentorSearch(history.events ?? [])).toBe(true);
      await expect(
        Worker.runReplayHistory({ workflowBundle, replayName: `start race: ${name}` }, history),
      ).resolves.toBeUndefined();
    },
    120_000,
  );
});

async function completeFirstOpenItem(handle: WorkflowHandle): Promise<void> {
  const view = await handle.query(journeyViewQuery);
  const item = (view.items ?? []).find((candidate) => candidate.status === 'open');
  if (!item) throw new NotYet();
  await handle.executeUpdate(completeItemUpdate, { args: [{ itemId: item.id, actor }] });
}

async function withdraw(handle: WorkflowHandle): Promise<void> {
  await handle.executeUpdate(withdrawCandidateUpdate, { args: [{ reason: 'andere baan', actor }] });
}

class NotYet extends Error {}

function commandTakenBeforeTheMentorSearch(events: readonly temporal.api.history.v1.IHistoryEvent[]): boolean {
  const taken = events.findIndex((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
  const searched = events.findIndex((event) => localActivityOf(event) === 'reserveMentor');
  return taken >= 0 && searched >= 0 && taken < searched;
}

/** A local activity's marker names its activity type in its `data` (the SDK's own JSON). */
function localActivityOf(event: temporal.api.history.v1.IHistoryEvent): string | undefined {
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== 'core_local_activity') return undefined;
  const data = marker.details?.data?.payloads?.[0]?.data;
  return data
    ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string }).activity_type
    : undefined;
}

function tasksCompletedBeforeTheTemplate(events: readonly temporal.api.history.v1.IHistoryEvent[]): number {
  const loaded = events.findIndex((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity');
  return events.slice(0, loaded).filter((event) => event.workflowTaskCompletedEventAttributes).length;
}

/** Sends until the journey takes the command (refused while it starts, or nothing open yet). */
async function untilTaken(send: () => Promise<void>): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    try {
      await send();
      return;
    } catch (error) {
      if (!(error instanceof WorkflowUpdateFailedError || error instanceof NotYet)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error('the journey never took the command');
}
