import type { CheckpointStore, EventStore } from '../event-store/eventStore';
import { startResumingSubscription } from '../event-store/resumingSubscription';
import { HIRE_STREAM_PREFIX, SURVEY_WAVE_STREAM_PREFIX } from '../event-store/streamNames';
import type { Logger } from '../shared/logger';
import type { RelayMetrics } from '../shared/metrics';
import { toCloudEventMessage } from './cloudEventMessage';
import type { EventPublisher } from './kafkaPublisher';
import type { TopicRouting } from './topics';

export interface RelayDeps {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly publisher: EventPublisher;
  readonly routing: TopicRouting;
  readonly logger: Logger;
  readonly subscriberName?: string;
  readonly retryDelayMs?: number;
  /** Lag (events behind the checkpoint) and seconds since the last publish, for /metrics. */
  readonly metrics?: RelayMetrics;
}

export interface Relay {
  stop(): Promise<void>;
}

/** Hire streams, and the survey waves' streams, of which only what contracts/asyncapi.yaml names is published. */
const PUBLISHED_STREAMS = [HIRE_STREAM_PREFIX, SURVEY_WAVE_STREAM_PREFIX];

/**
 * The event store is the outbox: a catch-up subscription publishes every hire event (and a survey wave's closing), and the checkpoint moves
 * only after the broker acknowledged. A failure restarts from the checkpoint, so delivery is at-least-once.
 */
export async function startRelay(deps: RelayDeps): Promise<Relay> {
  const name = deps.subscriberName ?? 'kafka-relay';
  const unobserve = deps.metrics?.observeRelay({
    subscriberName: name,
    eventsBehind: (cap) => eventsBehind(deps, name, cap),
  });
  const subscription = startResumingSubscription({
    store: deps.store,
    checkpoints: deps.checkpoints,
    subscriberName: name,
    streamPrefixes: PUBLISHED_STREAMS,
    logger: deps.logger,
    ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
    handler: () => async (events) => {
      const published = events.filter((event) => !isUnpublishedSurveyEvent(event.streamName, event.type, deps.routing));
      await deps.publisher.publish(published.map((event) => toCloudEventMessage(event, deps.routing)));
      await deps.checkpoints.save(name, events[events.length - 1]!.position);
      deps.metrics?.relayPublished(name);
      deps.logger.debug({ count: events.length }, 'gebeurtenissen doorgegeven aan Kafka');
    },
  });
  return {
    stop: async () => {
      await subscription.stop();
      unobserve?.();
    },
  };
}

async function eventsBehind(deps: RelayDeps, subscriberName: string, cap: number): Promise<number> {
  const after = await deps.checkpoints.load(subscriberName);
  let count = 0;
  for await (const _event of deps.store.readAll({
    ...(after ? { after } : {}),
    streamPrefixes: PUBLISHED_STREAMS,
    maxCount: cap,
  })) {
    count += 1;
  }
  return count;
}

/**
 * A survey wave's released batches stay inside: when a batch went out says nothing useful to another system. Only
 * hire events stop the relay when the document lacks them; a survey event without a topic is simply not published.
 */
function isUnpublishedSurveyEvent(streamName: string, type: string, routing: TopicRouting): boolean {
  return streamName.startsWith(SURVEY_WAVE_STREAM_PREFIX) && routing.topicOf(type) === undefined;
}
