import { type ITopicConfig, Kafka, type KafkaConfig, type SASLOptions, logLevel } from 'kafkajs';
import type { KafkaConnection, KafkaSettings } from './kafkaSettings';
import type { Logger } from './logger';

/**
 * The one rule for reaching the brokers — TLS, SASL — so the relay, the inbound consumer and their readiness
 * checks cannot differ in it. Without KAFKA_SSL and KAFKA_SASL_* the options are what they always were.
 */
export function kafkaClientOptions(connection: KafkaConnection): KafkaConfig {
  const { ssl, sasl } = connection;
  return {
    clientId: connection.clientId,
    brokers: [...connection.brokers],
    // `true`: Node's own CAs; a CA of our own replaces them (as KAFKA_SSL_CA_FILE's PEM).
    ...(ssl ? { ssl: ssl.ca ? { ca: [ssl.ca] } : true } : {}),
    // KafkaJS types the options per mechanism; every mechanism we allow takes a username and a password.
    ...(sasl ? { sasl: { ...sasl } as SASLOptions } : {}),
  };
}

/** A KafkaJS client whose own log lines (warnings and errors only) go through our logger, tagged with its namespace. */
export function kafkaClient(connection: KafkaConnection, logger: Logger): Kafka {
  return new Kafka({
    ...kafkaClientOptions(connection),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...extra } = log;
        logger[level === logLevel.ERROR ? 'error' : 'warn']({ kafka: namespace, ...extra }, message);
      },
  });
}

/**
 * A topic as the relay and the inbound consumer declare it: KAFKA_REPLICATION_FACTOR and KAFKA_MIN_INSYNC_REPLICAS
 * when set, else the broker's defaults. `min.insync.replicas` is what the producers' acks=-1 waits for.
 */
export function topicDeclaration(
  topic: string,
  numPartitions: number,
  replication: KafkaSettings['replication'],
): ITopicConfig {
  return {
    topic,
    numPartitions,
    ...(replication ? { replicationFactor: replication.factor } : {}),
    ...(replication?.minInsyncReplicas === undefined
      ? {}
      : { configEntries: [{ name: 'min.insync.replicas', value: String(replication.minInsyncReplicas) }] }),
  };
}
