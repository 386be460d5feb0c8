import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HIRE_STREAM_PREFIX, SURVEY_WAVE_STREAM_PREFIX } from '../event-store/streamNames';

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

/** Where what leaves the system (the Kafka relay, the webhooks) comes from: hire streams and the survey waves' streams. */
export const PUBLISHED_STREAM_PREFIXES: readonly string[] = [HIRE_STREAM_PREFIX, SURVEY_WAVE_STREAM_PREFIX];

/**
 * Whether an event of those streams leaves the system. Every hire event does (the relay stops when the document
 * lacks one); of a survey wave only what the document publishes, its closing with aggregates: when a batch of
 * answers was released says nothing useful outside, and must not be matched against who answered when.
 */
export function isPublished(streamName: string, eventType: string, routing: Pick<TopicRouting, 'topicOf'>): boolean {
  if (streamName.startsWith(HIRE_STREAM_PREFIX)) return true;
  return streamName.startsWith(SURVEY_WAVE_STREAM_PREFIX) && routing.topicOf(eventType) !== undefined;
}
