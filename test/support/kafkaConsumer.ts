import { randomUUID } from 'node:crypto';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { kafkaClientOptions } from '../../services/shared/kafkaClient';
import type { KafkaConnection } from '../../services/shared/kafkaSettings';
import { serviceAddress } from './serviceAvailability';
import { waitFor } from './waitFor';

/**
 * Every message of the topics, from the beginning, until `enough` holds (or the timeout says what came); from the
 * shared broker, or from the brokers `connection` names, reached as the services reach them (TLS, SASL).
 */
export async function consumeUntil(
  topics: readonly string[],
  enough: (messages: KafkaMessage[]) => boolean,
  timeoutMs = 40_000,
  connection?: Omit<KafkaConnection, 'clientId'>,
): Promise<KafkaMessage[]> {
  const kafka = new Kafka({
    ...kafkaClientOptions({
      ...(connection ?? { brokers: serviceAddress('kafka').split(',') }),
      clientId: 'e2e-consumer',
    }),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `e2e-${randomUUID()}` });
  const received: KafkaMessage[] = [];
  await consumer.connect();
  try {
    // A topic created a moment ago may not be known to every part of a just-started broker yet.
    await retryWhileRetriable(() => consumer.subscribe({ topics: [...topics], fromBeginning: true }));
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
    return await waitFor(() => received, enough, timeoutMs);
  } finally {
    await consumer.disconnect();
  }
}

/**
 * The topics' messages until `total` distinct events (by CloudEvent id) came: redeliveries, which at-least-once
 * allows, are among them.
 */
export function consumeDistinctEvents(
  topics: readonly string[],
  total: number,
  timeoutMs?: number,
  connection?: Omit<KafkaConnection, 'clientId'>,
): Promise<KafkaMessage[]> {
  return consumeUntil(
    topics,
    (received) => new Set(received.map((message) => header(message, 'ce_id'))).size >= total,
    timeoutMs,
    connection,
  );
}

async function retryWhileRetriable(attempt: () => Promise<void>, attempts = 40): Promise<void> {
  for (let left = attempts; ; left -= 1) {
    try {
      return await attempt();
    } catch (error) {
      if (left <= 1 || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A message's header as text (CloudEvents attributes ride in `ce_*` headers). */
export function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}

/**
 * The stream revisions in one hire's messages (keyed `<organisationId>.<hireId>`), each where it first came: a
 * redelivery, which at-least-once allows, is not counted again, so what is left shows the order of publishing.
 */
export function firstSeenRevisions(
  messages: readonly KafkaMessage[],
  hire: { readonly organisationId: string; readonly hireId: string },
): number[] {
  const revisions = messages
    .filter((message) => message.key?.toString() === `${hire.organisationId}.${hire.hireId}`)
    .map((message) => Number(header(message, 'ce_streamrevision')));
  return revisions.filter((revision, index) => revisions.indexOf(revision) === index);
}
