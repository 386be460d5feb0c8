import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
 * 120 KiB of RSS (bench/journeyStart.bench.ts, shared modules below), and one evicted is rebuilt from its short
 * history when it wakes.
 * The cache is bounded so that 10,000 open journeys fit a small worker.
 */
const MAX_CACHED_JOURNEYS = 1_000;

/**
 * How the journey workflows are bundled, for the worker and for every test that runs or replays them.
 * Every module of workflows/ (the journey and its pure domain) is loaded once into the worker's shared V8 context
 * instead of once per journey run: each run would otherwise evaluate these modules again and keep its own copy
 * while it is cached (bench/journeyStart.bench.ts, 1,000 open journeys: about 350 KiB of RSS per open journey
 * with none shared, 245 with the domain, 120 with all). Shared, a module must keep no state of its own, or one
 * journey's run would see another's: workflows/sharedModules.test.ts holds them to that. The SDK freezes what
 * they export.
 */
export function journeyBundlerOptions(): { preloadModules: string[] } {
  const workflows = join(__dirname, '../../workflows');
  const preloadModules = readdirSync(workflows, { recursive: true, encoding: 'utf8' })
    // .ts from source (npm start, tests), .js in the image (compiled to dist/).
    .filter((file) => /\.[jt]s$/.test(file) && !/\.(test|d)\.[jt]s$/.test(file))
    .map((file) => join(workflows, file));
  return { preloadModules };
}

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
    bundlerOptions: journeyBundlerOptions(),
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
