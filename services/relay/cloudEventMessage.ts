import type { RecordedEvent } from '../event-store/eventStore';
import { parseHireStreamName, parseSurveyWaveStreamName } from '../event-store/streamNames';
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
  const source = sourceOf(event.streamName);
  if (!source) throw new Error(`Not a published stream: ${event.streamName}`);
  // Unpublished types stop the relay (and so keep their place) until contracts/asyncapi.yaml names a topic.
  const topic = routing.topicOf(event.type);
  if (!topic) throw new Error(`contracts/asyncapi.yaml names no topic for ${event.type}`);
  const schemaVersion = typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1;
  const occurredAt =
    typeof event.metadata.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt.toISOString();
  return {
    topic,
    key: source.key,
    value: JSON.stringify(event.data),
    headers: {
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: `/soft-landing/organisations/${source.organisationId}`,
      ce_type: `${CLOUD_EVENT_TYPE_PREFIX}${event.type}.v${schemaVersion}`,
      ce_subject: source.subject,
      ce_time: occurredAt,
      ce_organisationid: source.organisationId,
      ...source.headers,
      ce_streamrevision: event.revision.toString(),
      'content-type': 'application/json',
    },
  };
}

/**
 * Hire streams and survey wave streams are published: a hire's events keyed by hire, a wave's (aggregates only,
 * never an answer) by wave, so each is ordered within its topic.
 */
function sourceOf(
  streamName: string,
): { organisationId: string; key: string; subject: string; headers: Record<string, string> } | undefined {
  const hire = parseHireStreamName(streamName);
  if (hire)
    return {
      organisationId: hire.organisationId,
      key: `${hire.organisationId}.${hire.hireId}`,
      subject: `hires/${hire.hireId}`,
      headers: { ce_hireid: hire.hireId },
    };
  const wave = parseSurveyWaveStreamName(streamName);
  if (wave)
    return {
      organisationId: wave.organisationId,
      key: `${wave.organisationId}.${wave.waveId}`,
      subject: `survey-waves/${wave.waveId}`,
      headers: { ce_waveid: wave.waveId },
    };
  return undefined;
}
