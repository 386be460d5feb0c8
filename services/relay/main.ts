import { startTracing } from '../shared/tracing';
import { eventStoreCheck, kafkaCheck, leaseStoreCheck } from '../operations/readinessChecks';
import { startServiceOperations } from '../operations/serviceOperations';
import { fencedCheckpoints } from '../event-store/eventStore';
import { loadConfig } from '../shared/config';
import { kafkaClient } from '../shared/kafkaClient';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { type LeaseHolding, holdLease } from '../shared/lease/leaseHolding';
import { openLeaseStore } from '../shared/lease/openLeaseStore';
import { runService } from '../shared/runService';
import { startKafkaRelay } from './kafkaRelay';

/**
 * The event-store-to-Kafka relay as its own deployable (docker compose, infra/helm); ops endpoints on OPS_PORT.
 * Run as many as you like: one holds the lease `relay:kafka-relay` and publishes, the others stand by and take
 * over when it stops renewing (LEASE_TTL_SECONDS).
 */
const config = loadConfig();
const logger = createLogger('relay', config.logLevel);
// Traces by the OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT); off without them.
startTracing('soft-landing-relay');
const LEASE = 'relay:kafka-relay';

runService(logger, async () => {
  const kafkaConfig = config.kafka;
  if (!kafkaConfig) throw new Error('KAFKA_BROKERS is niet gezet: de relay heeft niets te doen');
  const store = openEventStore(config, logger);
  const leases = await openLeaseStore(config, logger);
  const kafka = kafkaCheck(kafkaClient({ ...kafkaConfig, clientId: `${kafkaConfig.clientId}-readiness` }, logger));
  let holding: LeaseHolding | undefined;
  // The relay's lag goes into this registry, so /metrics shows how far behind the topics are.
  const { metrics, ops } = await startServiceOperations(
    config,
    logger,
    { eventStore: eventStoreCheck(store), kafka, leases: leaseStoreCheck(leases.store, LEASE) },
    { role: () => holding?.role ?? 'standby' },
  );
  holding = holdLease({
    leases: leases.store,
    name: LEASE,
    ttlMs: config.lease.ttlSeconds * 1000,
    renewMs: config.lease.renewSeconds * 1000,
    logger,
    onRole: (role) => metrics.leaseRole(LEASE, role),
    // Nothing is published once the lease may have run out; a save refused for an older token means another
    // relay holds it now: this one stops at once.
    start: (grant, lease) =>
      startKafkaRelay(kafkaConfig, store, logger, {
        metrics,
        mayPublish: lease.isHeld,
        checkpoints: fencedCheckpoints(store, grant.token, () =>
          lease.standDown('checkpoint geweigerd: verouderd token'),
        ),
      }),
  });
  return async () => {
    await ops.close();
    await holding?.stop();
    await kafka.close();
    await leases.close();
    await store.close();
  };
});
