import { startTracing } from '../shared/tracing';
import { startServiceOperations } from '../operations/serviceOperations';
import { eventStoreCheck, temporalCheck } from '../operations/readinessChecks';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { runService } from '../shared/runService';
import { connectTemporal } from '../shared/temporalConnection';
import { runWorker } from './createWorker';
import { openJourneyDeps } from './journeyDeps';

/** The Temporal worker as its own deployable (docker compose, infra/helm); /healthz, /readyz, /metrics on OPS_PORT. */
const config = loadConfig();
const logger = createLogger('worker', config.logLevel);
// Traces by the OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT); off without them.
startTracing('soft-landing-worker');

runService(logger, async () => {
  const store = openEventStore(config, logger);
  const temporal = await connectTemporal(config, logger);
  const journeyDeps = await openJourneyDeps(config, store, logger);
  const worker = await runWorker({
    connection: temporal.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: journeyDeps,
  });
  const { ops } = await startServiceOperations(config, logger, {
    temporal: temporalCheck(temporal.client),
    eventStore: eventStoreCheck(store),
  });
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker draait');
  return async () => {
    await ops.close();
    await worker.stop();
    await temporal.close();
    await journeyDeps.close();
    await store.close();
  };
});
