import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../shared/logger';
import type { BatchHandler, CheckpointStore, EventStore, Position } from './eventStore';

export interface ResumingSubscriptionOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Names the checkpoint; two subscribers with one name would share (and fight over) it. */
  readonly subscriberName: string;
  readonly streamPrefixes: readonly string[];
  readonly logger: Logger;
  readonly retryDelayMs?: number;
  /** Handles a batch and saves the checkpoint once its effects are safe; `signal` aborts on stop. */
  readonly handler: (signal: AbortSignal) => BatchHandler;
}

/**
 * A catch-up subscription that outlives failures: whenever the handler or the store fails, it waits and starts
 * again from the saved checkpoint, so what was not yet checkpointed is handled again (at-least-once).
 */
export function startResumingSubscription(options: ResumingSubscriptionOptions): { stop(): Promise<void> } {
  const { store, checkpoints, subscriberName, streamPrefixes, logger } = options;
  const stopping = new AbortController();
  const handler = options.handler(stopping.signal);

  const runOnce = async () => {
    const after = await checkpoints.load(subscriberName);
    logger.info({ subscriber: subscriberName, after: after && `${after.commit}` }, 'abonnement volgt de event store');
    // A checkpoint past events the filter left out is saved like one the handler saves: a restart skips them too.
    const onCheckpoint = (position: Position) => checkpoints.save(subscriberName, position);
    const subscription = store.subscribeToAll({ after, streamPrefixes, onCheckpoint }, handler);
    const aborted = new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve()));
    const failure = await Promise.race([subscription.failed, aborted]);
    await subscription.stop();
    return failure;
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const failure = await runOnce().catch((error: unknown) => error);
      if (failure !== undefined && !stopping.signal.aborted) {
        logger.error(
          { err: failure, subscriber: subscriberName },
          'abonnement onderbroken; hervat vanaf het checkpoint',
        );
        await sleep(options.retryDelayMs ?? 2_000, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  })();

  return {
    stop: async () => {
      stopping.abort();
      await loop;
    },
  };
}
