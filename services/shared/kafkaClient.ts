import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from './logger';

/** A KafkaJS client whose own log lines (warnings and errors only) go through our logger, tagged with its namespace. */
export function kafkaClient(options: { brokers: readonly string[]; clientId: string }, logger: Logger): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...extra } = log;
        logger[level === logLevel.ERROR ? 'error' : 'warn']({ kafka: namespace, ...extra }, message);
      },
  });
}
