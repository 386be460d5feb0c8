import { type NativeConnection, Worker } from '@temporalio/worker';
import { activeTracing } from '../shared/tracing';
import { type JourneyActivityDeps, createJourneyActivities } from './journeyActivities';

export interface WorkerDeps {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly activities: JourneyActivityDeps;
}

/**
 * Journeys sleep for weeks between steps, so most of them need not stay in memory: each cached run costs about
 * 280 KiB of RSS (bench/journeyStart.bench.ts), and one evicted is rebuilt from its short history when it wakes.
 * The cache is bounded so that 10,000 open journeys fit a small worker.
 */
const MAX_CACHED_JOURNEYS = 1_000;

/** The worker runs the workflows in `workflows/` (bundled from source) and the activities that do the I/O. */
export async function createWorker({ connection, namespace, taskQueue, activities }: WorkerDeps): Promise<Worker> {
  const tracing = activeTracing();
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createJourneyActivities(activities),
    maxCachedWorkflows: MAX_CACHED_JOURNEYS,
    // Workflow and activity spans continue the trace of the request that started or updated the journey.
    ...(tracing ? { plugins: [tracing.temporalPlugin] } : {}),
  });
}

/** Creates the worker and runs it until `stop`, which lets running activities finish first. */
export async function runWorker(deps: WorkerDeps): Promise<{ stop(): Promise<void> }> {
  const worker = await createWorker(deps);
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
    },
  };
}
