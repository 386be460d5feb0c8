import { openEventStore } from '../event-store/openEventStore';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { connectTemporal } from '../shared/temporalConnection';
import { runWorker } from './createWorker';
import { openJourneyDeps } from './journeyDeps';

/**
 * The journey worker's start, shared by the worker deployable and the all-in-one (`npm start`): the event store,
 * Temporal, the activities' dependencies, and the worker polling the task queue. `stop` lets running activities
 * finish, then closes the Temporal connection, the activities' dependencies and last the store (both deployables
 * closed them in that order before).
 */
export async function startJourneyWorker(config: Config, logger: Logger) {
  const store = openEventStore(config, logger);
  const temporal = await connectTemporal(config, logger);
  const journeyDeps = await openJourneyDeps(config, store, logger);
  const worker = await runWorker({
    connection: temporal.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: journeyDeps,
  });
  return {
    store,
    temporal,
    journeyDeps,
    stop: async () => {
      await worker.stop();
      await temporal.close();
      await journeyDeps.close();
      await store.close();
    },
  };
}
