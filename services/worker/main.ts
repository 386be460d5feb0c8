import { startServiceOperations } from '../operations/serviceOperations';
import { eventStoreCheck, temporalCheck } from '../operations/readinessChecks';
import { runDeployable } from '../shared/runDeployable';
import { startJourneyWorker } from './startJourneyWorker';

/** The Temporal worker as its own deployable (docker compose, infra/helm); /healthz, /readyz, /metrics on OPS_PORT. */
runDeployable('worker', async (config, logger) => {
  const journey = await startJourneyWorker(config, logger);
  const { ops } = await startServiceOperations(config, logger, {
    temporal: temporalCheck(journey.temporal.client),
    eventStore: eventStoreCheck(journey.store),
  });
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker draait');
  return async () => {
    await ops.close();
    await journey.stop();
  };
});
