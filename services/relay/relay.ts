import type { CheckpointStore, EventStore } from '../event-store/eventStore';
import { startResumingSubscription } from '../event-store/resumingSubscription';
import { LeaseNoLongerHeld } from '../shared/lease/leaseHolding';
import type { Logger } from '../shared/logger';
import type { RelayMetrics } from '../shared/metrics';
import { toCloudEventMessage } from './cloudEventMessage';
import type { EventPublisher } from './kafkaPublisher';
import { publishTraced } from './publishSpans';
import { PUBLISHED_STREAM_PREFIXES, type TopicRouting, isPublished } from './topics';

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
  /** Asked before every publish: false once this instance may no longer hold its lease (services/shared/lease). */
  readonly mayPublish?: () => boolean;
}

export interface Relay {
  stop(): Promise<void>;
}

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
    streamPrefixes: PUBLISHED_STREAM_PREFIXES,
    logger: deps.logger,
    ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
    handler: () => async (events) => {
      if (deps.mayPublish && !deps.mayPublish()) throw new LeaseNoLongerHeld();
      const published = events.filter((event) => isPublished(event.streamName, event.type, deps.routing));
      await publishTraced(
        published.map((event) => ({ event, message: toCloudEventMessage(event, deps.routing) })),
        (messages) => deps.publisher.publish(messages),
      );
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
    streamPrefixes: PUBLISHED_STREAM_PREFIXES,
    maxCount: cap,
  })) {
    count += 1;
  }
  return count;
}
