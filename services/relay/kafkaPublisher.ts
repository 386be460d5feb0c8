import { type Admin, Partitioners, type Producer } from 'kafkajs';
import { kafkaClient, topicDeclaration } from '../shared/kafkaClient';
import type { KafkaConnection, KafkaSettings } from '../shared/kafkaSettings';
import type { Logger } from '../shared/logger';
import type { CloudEventMessage } from './cloudEventMessage';

export interface EventPublisher {
  /** Resolves only when the broker acknowledged every message. */
  publish(messages: readonly CloudEventMessage[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The only file that knows kafkajs (unmaintained since 2023): switching to another client stays a one-file change.
 * Idempotent producer with acks from all in-sync replicas, one request in flight: no reordering on retry.
 */
export class KafkaPublisher implements EventPublisher {
  private readonly producer: Producer;
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(
    private readonly options: KafkaConnection & {
      topics: readonly string[];
      partitions?: number;
      replication?: KafkaSettings['replication'];
    },
    logger: Logger,
  ) {
    const kafka = kafkaClient(options, logger);
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // murmur2 on the key, as Java clients do: a hire's events share a partition whoever produces them.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = kafka.admin();
  }

  /** Declares the topics instead of relying on auto-creation, and waits for their leaders so consumers find them. */
  private async connect(): Promise<void> {
    await this.admin.connect();
    try {
      await this.admin.createTopics({
        topics: this.options.topics.map((topic) =>
          topicDeclaration(topic, this.options.partitions ?? 3, this.options.replication),
        ),
        waitForLeaders: true,
      });
    } finally {
      await this.admin.disconnect();
    }
    await this.producer.connect();
  }

  async publish(messages: readonly CloudEventMessage[]): Promise<void> {
    if (messages.length === 0) return;
    // A failed connection is forgotten, so the relay's next attempt tries again.
    this.connected ??= this.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const byTopic = new Map<string, CloudEventMessage[]>();
    for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic,
        messages: batch.map(({ key, value, headers }) => ({ key, value, headers: { ...headers } })),
      })),
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
