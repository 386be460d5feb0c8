import { NativeConnection, Worker } from '@temporalio/worker';
import type { EventStore } from '../event-store/eventStore';
import type { Logger } from '../shared/logger';
import { createJourneyActivities } from './journeyActivities';

export interface WorkerDeps {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly store: EventStore;
  readonly logger: Logger;
}

/** The worker runs the workflows in `workflows/` (bundled from source) and the activities that do the I/O. */
export async function createWorker({ connection, namespace, taskQueue, store, logger }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createJourneyActivities({ store, logger }),
  });
}
