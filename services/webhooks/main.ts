import { startTracing } from '../shared/tracing';
import { eventStoreCheck } from '../operations/readinessChecks';
import { startServiceOperations } from '../operations/serviceOperations';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { runService } from '../shared/runService';
import { openWebhookSettings } from './openWebhookSettings';
import { startWebhookDispatcher } from './webhookDispatcher';

/**
 * The webhook dispatcher as its own deployable (docker compose, infra/helm): delivers every organisation's hire
 * events to its subscriptions. Run one instance: deliveries are checkpointed per subscription in the event store.
 */
const config = loadConfig();
const logger = createLogger('webhooks', config.logLevel);
// Traces by the OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT); off without them.
startTracing('soft-landing-webhooks');

runService(logger, async () => {
  const store = openEventStore(config, logger);
  const webhooks = await startWebhookDispatcher({
    store,
    checkpoints: store,
    logger,
    delivery: config.webhooks,
    ...openWebhookSettings(config.webhooks),
  });
  const { ops } = await startServiceOperations(config, logger, { eventStore: eventStoreCheck(store) });
  return async () => {
    await ops.close();
    await webhooks.stop();
    await store.close();
  };
});
