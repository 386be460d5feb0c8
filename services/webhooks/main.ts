import { startTracing } from '../shared/tracing';
import { runWhileLeased } from '../operations/leasedService';
import { eventStoreCheck } from '../operations/readinessChecks';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { runService } from '../shared/runService';
import { openWebhookSettings } from './openWebhookSettings';
import { startWebhookDispatcher } from './webhookDispatcher';

/**
 * The webhook dispatcher as its own deployable (docker compose, infra/helm): delivers every organisation's hire
 * events to its subscriptions. Deliveries are checkpointed per subscription in the event store, so only one
 * instance may deliver: the holder of the lease `webhooks`; others stand by and take over when it stops renewing.
 */
const config = loadConfig();
const logger = createLogger('webhooks', config.logLevel);
// Traces by the OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT); off without them.
startTracing('soft-landing-webhooks');
const LEASE = 'webhooks';

runService(logger, async () => {
  const store = openEventStore(config, logger);
  const settings = openWebhookSettings(config.webhooks);
  const service = await runWhileLeased({
    config,
    logger,
    lease: LEASE,
    checkpoints: store,
    checks: { eventStore: eventStoreCheck(store) },
    start: ({ mayRun, checkpoints }) =>
      startWebhookDispatcher({
        store,
        mayDeliver: mayRun,
        checkpoints,
        logger,
        delivery: config.webhooks,
        ...settings,
      }),
  });
  return async () => {
    await service.stop();
    await store.close();
  };
});
