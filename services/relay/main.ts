import { runDeployable } from '../shared/runDeployable';
import { runWhileLeased } from '../operations/leasedService';
import { eventStoreCheck, kafkaCheck } from '../operations/readinessChecks';
import { kafkaClient } from '../shared/kafkaClient';
import { openEventStore } from '../event-store/openEventStore';
import { startKafkaRelay } from './kafkaRelay';

/**
 * The event-store-to-Kafka relay as its own deployable (docker compose, infra/helm); ops endpoints on OPS_PORT.
 * Run as many as you like: one holds the lease `relay:kafka-relay` and publishes, the others stand by and take
 * over when it stops renewing (LEASE_TTL_SECONDS).
 */
const LEASE = 'relay:kafka-relay';

runDeployable('relay', async (config, logger) => {
  const kafkaConfig = config.kafka;
  if (!kafkaConfig) throw new Error('KAFKA_BROKERS is niet gezet: de relay heeft niets te doen');
  const store = openEventStore(config, logger);
  const kafka = kafkaCheck(kafkaClient({ ...kafkaConfig, clientId: `${kafkaConfig.clientId}-readiness` }, logger));
  // The relay's lag goes into the service's registry, so /metrics shows how far behind the topics are.
  const service = await runWhileLeased({
    config,
    logger,
    lease: LEASE,
    checkpoints: store,
    checks: { eventStore: eventStoreCheck(store), kafka },
    start: ({ metrics, mayRun, checkpoints }) =>
      startKafkaRelay(kafkaConfig, store, logger, { metrics, mayPublish: mayRun, checkpoints }),
  });
  return async () => {
    await service.stop();
    await kafka.close();
    await store.close();
  };
});
