import type { RecordedEvent } from '../event-store/eventStore';
import { parseHireStreamName } from '../event-store/streamNames';
import type { TopicRouting } from './topics';

/** A Kafka record in CloudEvents 1.0 binary content mode: attributes in `ce_*` headers, the data as the value. */
export interface CloudEventMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const CLOUD_EVENT_TYPE_PREFIX = 'nl.softlanding.';

/**
 * The key is `<organisation>.<hire id>`, so every event of one hire lands in one partition, in order, and two
 * organisations' hires with the same id never share a key (which a compacted topic or a keyed consumer would merge).
 * Consumers deduplicate by `ce_id`, which is the event's id in the store, stable across redeliveries.
 */
export function toCloudEventMessage(event: RecordedEvent, routing: TopicRouting): CloudEventMessage {
  const hire = parseHireStreamName(event.streamName);
  if (!hire) throw new Error(`Not a hire stream: ${event.streamName}`);
  // Unpublished types stop the relay (and so keep their place) until contracts/asyncapi.yaml names a topic.
  const topic = routing.topicOf(event.type);
  if (!topic) throw new Error(`contracts/asyncapi.yaml names no topic for ${event.type}`);
  const schemaVersion = typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1;
  const occurredAt =
    typeof event.metadata.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt.toISOString();
  return {
    topic,
    key: `${hire.organisationId}.${hire.hireId}`,
    value: JSON.stringify(event.data),
    headers: {
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: `/soft-landing/organisations/${hire.organisationId}`,
      ce_type: `${CLOUD_EVENT_TYPE_PREFIX}${event.type}.v${schemaVersion}`,
      ce_subject: `hires/${hire.hireId}`,
      ce_time: occurredAt,
      ce_organisationid: hire.organisationId,
      ce_hireid: hire.hireId,
      ce_streamrevision: event.revision.toString(),
      'content-type': 'application/json',
    },
  };
}
