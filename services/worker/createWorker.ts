import { NativeConnection, Worker } from '@temporalio/worker';
import { type JourneyActivityDeps, createJourneyActivities } from './journeyActivities';

export interface WorkerDeps {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly activities: JourneyActivityDeps;
}

/** The worker runs the workflows in `workflows/` (bundled from source) and the activities that do the I/O. */
export async function createWorker({ connection, namespace, taskQueue, activities }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createJourneyActivities(activities),
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
