import { startTracing } from '../shared/tracing';
import { eventStoreCheck, leaseStoreCheck } from '../operations/readinessChecks';
import { startServiceOperations } from '../operations/serviceOperations';
import { fencedCheckpoints } from '../event-store/eventStore';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { type LeaseHolding, holdLease } from '../shared/lease/leaseHolding';
import { openLeaseStore } from '../shared/lease/openLeaseStore';
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
  const leases = await openLeaseStore(config, logger);
  const settings = openWebhookSettings(config.webhooks);
  let holding: LeaseHolding | undefined;
  const { metrics, ops } = await startServiceOperations(
    config,
    logger,
    { eventStore: eventStoreCheck(store), leases: leaseStoreCheck(leases.store, LEASE) },
    { role: () => holding?.role ?? 'standby' },
  );
  holding = holdLease({
    leases: leases.store,
    name: LEASE,
    ttlMs: config.lease.ttlSeconds * 1000,
    renewMs: config.lease.renewSeconds * 1000,
    logger,
    onRole: (role) => metrics.leaseRole(LEASE, role),
    start: (grant, lease) =>
      startWebhookDispatcher({
        store,
        // Nothing is delivered once the lease may have run out; a save refused for an older token means another
        // dispatcher holds it now: this one stops at once.
        mayDeliver: lease.isHeld,
        checkpoints: fencedCheckpoints(store, grant.token, () =>
          lease.standDown('checkpoint geweigerd: verouderd token'),
        ),
        logger,
        delivery: config.webhooks,
        ...settings,
      }),
  });
  return async () => {
    await ops.close();
    await holding?.stop();
    await leases.close();
    await store.close();
  };
});
