import { runDeployable } from '../shared/runDeployable';
import { runWhileLeased } from '../operations/leasedService';
import { eventStoreCheck } from '../operations/readinessChecks';
import { openEventStore } from '../event-store/openEventStore';
import { openWebhookSettings } from './openWebhookSettings';
import { startWebhookDispatcher } from './webhookDispatcher';

/**
 * The webhook dispatcher as its own deployable (docker compose, infra/helm): delivers every organisation's hire
 * events to its subscriptions. Deliveries are checkpointed per subscription in the event store, so only one
 * instance may deliver: the holder of the lease `webhooks`; others stand by and take over when it stops renewing.
 */
const LEASE = 'webhooks';

runDeployable('webhooks', async (config, logger) => {
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
