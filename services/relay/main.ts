import { startTracing } from '../shared/tracing';
import { eventStoreCheck, kafkaCheck } from '../operations/readinessChecks';
import { startServiceOperations } from '../operations/serviceOperations';
import { loadConfig } from '../shared/config';
import { kafkaClient } from '../shared/kafkaClient';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../event-store/openEventStore';
import { runService } from '../shared/runService';
import { startKafkaRelay } from './kafkaRelay';

/** The event-store-to-Kafka relay as its own deployable (docker compose, infra/helm); ops endpoints on OPS_PORT. */
const config = loadConfig();
const logger = createLogger('relay', config.logLevel);
// Traces by the OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT); off without them.
startTracing('soft-landing-relay');

runService(logger, async () => {
  if (!config.kafka) throw new Error('KAFKA_BROKERS is niet gezet: de relay heeft niets te doen');
  const store = openEventStore(config, logger);
  const kafka = kafkaCheck(kafkaClient({ ...config.kafka, clientId: `${config.kafka.clientId}-readiness` }, logger));
  // The relay's lag goes into this registry, so /metrics shows how far behind the topics are.
  const { metrics, ops } = await startServiceOperations(config, logger, { eventStore: eventStoreCheck(store), kafka });
  const relay = await startKafkaRelay(config.kafka, store, logger, { metrics });
  return async () => {
    await ops.close();
    await relay.stop();
    await kafka.close();
    await store.close();
  };
});
