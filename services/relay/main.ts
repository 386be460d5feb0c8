import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/logger';
import { openEventStore } from '../shared/openEventStore';
import { runService } from '../shared/runService';
import { startKafkaRelay } from './kafkaRelay';

/** The event-store-to-Kafka relay as its own deployable (docker compose). */
const config = loadConfig();
const logger = createLogger('relay', config.logLevel);

runService(logger, async () => {
  if (!config.kafka) throw new Error('KAFKA_BROKERS is niet gezet: de relay heeft niets te doen');
  const store = openEventStore(config, logger);
  const relay = await startKafkaRelay(config.kafka, store, logger);
  return async () => {
    await relay.stop();
    await store.close();
  };
});
