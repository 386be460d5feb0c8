import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckpointStore, EventStore } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
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

/**
 * The event store is the outbox: a catch-up subscription publishes every hire event, and the checkpoint moves
 * only after the broker acknowledged. A failure restarts from the checkpoint, so delivery is at-least-once.
 */
export async function startRelay(deps: RelayDeps): Promise<Relay> {
  const name = deps.subscriberName ?? 'kafka-relay';
  const retryDelayMs = deps.retryDelayMs ?? 2_000;
  const stopping = new AbortController();
  const unobserve = deps.metrics?.observeRelay({ store: deps.store, checkpoints: deps.checkpoints, subscriberName: name, streamPrefixes: [HIRE_STREAM_PREFIX] });

  const runOnce = async () => {
    const after = await deps.checkpoints.load(name);
    deps.logger.info({ subscriber: name, after: after && `${after.commit}` }, 'relay volgt de event store');
    const subscription = deps.store.subscribeToAll({ after, streamPrefixes: [HIRE_STREAM_PREFIX] }, async (events) => {
      await deps.publisher.publish(events.map((event) => toCloudEventMessage(event, deps.routing)));
      await deps.checkpoints.save(name, events[events.length - 1]!.position);
      deps.metrics?.relayPublished(name);
      deps.logger.debug({ count: events.length }, 'gebeurtenissen doorgegeven aan Kafka');
    });
    const aborted = new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve()));
    const failure = await Promise.race([subscription.failed, aborted]);
    await subscription.stop();
    return failure;
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const failure = await runOnce().catch((error: unknown) => error);
      if (failure !== undefined && !stopping.signal.aborted) {
        deps.logger.error({ err: failure }, 'relay onderbroken; hervat vanaf het checkpoint');
        await sleep(retryDelayMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  })();

  return {
    stop: async () => {
      stopping.abort();
      await loop;
      unobserve?.();
    },
  };
}
