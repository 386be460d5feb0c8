import type { CheckpointStore, EventStore } from '../event-store/eventStore';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import type { RelayMetrics } from '../shared/metrics';
import { KafkaPublisher } from './kafkaPublisher';
import { startRelay } from './relay';
import { topicRouting } from './topics';

/** The relay as every process runs it: topics from the AsyncAPI document, published through Kafka. */
export async function startKafkaRelay(
  kafka: NonNullable<Config['kafka']>,
  store: EventStore & CheckpointStore,
  logger: Logger,
  options: { retryDelayMs?: number; metrics?: RelayMetrics } = {},
): Promise<{ stop(): Promise<void> }> {
  const routing = topicRouting(kafka.topicPrefix);
  const publisher = new KafkaPublisher({ ...kafka, topics: routing.topics }, logger);
  const relay = await startRelay({ store, checkpoints: store, publisher, routing, logger, ...options });
  return {
    stop: async () => {
      await relay.stop();
      await publisher.close();
    },
  };
}
