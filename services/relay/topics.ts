import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The AsyncAPI document is the source of truth for which event goes to which topic. */
export const ASYNCAPI_PATH = join(__dirname, '../../contracts/asyncapi.yaml');
/** The prefix the document's addresses carry; deployments may choose another (KAFKA_TOPIC_PREFIX). */
export const DOCUMENTED_TOPIC_PREFIX = 'soft-landing.';

interface AsyncApiDocument {
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
}

/** Channels of the inbound hire requests (services/inbound): not published by the relay. */
export const INBOUND_CHANNELS: ReadonlySet<string> = new Set(['hireRequests', 'hireRequestsDeadLetter']);

export interface TopicRouting {
  readonly topics: readonly string[];
  /** Undefined for an event type the document does not publish. */
  topicOf(eventType: string): string | undefined;
}

export function topicRouting(prefix = DOCUMENTED_TOPIC_PREFIX, path = ASYNCAPI_PATH): TopicRouting {
  const document = parse(readFileSync(path, 'utf8')) as AsyncApiDocument;
  const byType = new Map<string, string>();
  for (const [channelId, channel] of Object.entries(document.channels)) {
    if (INBOUND_CHANNELS.has(channelId)) continue;
    if (!channel.address.startsWith(DOCUMENTED_TOPIC_PREFIX))
      throw new Error(`AsyncAPI: ${channel.address} lacks the prefix`);
    const topic = prefix + channel.address.slice(DOCUMENTED_TOPIC_PREFIX.length);
    for (const type of Object.keys(channel.messages)) {
      if (byType.has(type)) throw new Error(`AsyncAPI: ${type} is published on two channels`);
      byType.set(type, topic);
    }
  }
  return { topics: [...new Set(byType.values())], topicOf: (eventType) => byType.get(eventType) };
}
