import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckpointStore, EventStore, Position, RecordedEvent } from '../event-store/eventStore';
import { startResumingSubscription } from '../event-store/resumingSubscription';
import {
  hireStreamName,
  parseHireStreamName,
  parseSurveyWaveStreamName,
  surveyWaveStreamName,
} from '../event-store/streamNames';
import { PUBLISHED_STREAM_PREFIXES, type TopicRouting, isPublished, topicRouting } from '../relay/topics';
import { LeaseNoLongerHeld } from '../shared/lease/leaseHolding';
import type { Logger } from '../shared/logger';
import { OutboundEventFeed } from './outboundEventFeed';
import { type WebhookAddressPolicy, WebhookAddressRefused } from './webhookAddressPolicy';
import { webhookRequest } from './webhookRequest';
import { retryDelayMs } from './retryDelay';
import type { WebhookSecretBox } from './webhookSecretBox';
import { standardWebhookHeaders } from './webhookSignature';
import {
  type DeliveryAttempt,
  WEBHOOK_STREAM_PREFIX,
  type WebhookSubscription,
  WebhookSubscriptions,
  applySubscriptionEvent,
  matches,
  secretOf,
} from './webhookSubscriptions';
import { postWebhook } from './webhookTransport';
import { deliverTraced } from './deliverySpans';

export interface WebhookDeliveryOptions {
  /** Attempts per delivery, the first included, before it is logged as failed. */
  readonly maxAttempts: number;
  /** Wait before the second attempt; doubled before each next one, plus up to half again at random. */
  readonly backoffMs: number;
  /** Per attempt. */
  readonly timeoutMs: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = { maxAttempts: 6, backoffMs: 1_000, timeoutMs: 10_000 };

export interface WebhookDispatcherDeps {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly logger: Logger;
  /** Opens the sealed signing secrets (the same key the API sealed them with). */
  readonly secrets: WebhookSecretBox;
  /** Which addresses deliveries may connect to (WEBHOOK_ALLOWED_HOSTS). */
  readonly addressPolicy: WebhookAddressPolicy;
  readonly delivery?: Partial<WebhookDeliveryOptions>;
  /** Names the checkpoints: `<name>:feed`, and `<name>:<organisation>.<subscription>` per subscription. */
  readonly subscriberName?: string;
  readonly retryDelayMs?: number;
  /** Which survey-wave events leave the system: contracts/asyncapi.yaml's, as on Kafka, unless a test says otherwise. */
  readonly routing?: Pick<TopicRouting, 'topicOf'>;
  /** Asked before every attempt: false once this instance may no longer hold its lease (services/shared/lease). */
  readonly mayDeliver?: () => boolean;
}

/** Hire events read per page by a subscription that is behind. */
const PAGE_SIZE = 100;
/** A subscription with nothing to deliver moves its checkpoint along at most this often. */
const IDLE_CHECKPOINT_MS = 10_000;

/**
 * Every subscription is delivered to on its own: a receiver that is down or slow holds up its own subscription's
 * deliveries only, never another subscription's, let alone another organisation's.
 *
 * - The feed, a checkpointed catch-up subscription on the hire streams, only follows how far the store goes
 *   (its head, and each organisation's latest event) and wakes the subscriptions; it never waits for a receiver.
 * - Each subscription has its own loop and its own checkpoint. It reads its organisation's hire events after
 *   its checkpoint from the store, in order, one at a time: deliver (with retries), record the outcome in its
 *   delivery log, move its checkpoint. Order per subscription is the store's order; a crash between a delivery
 *   and its checkpoint delivers that event again (at-least-once: receivers deduplicate by `webhook-id`, the
 *   CloudEvent id). A subscription that is behind, because its receiver was down, catches up from the store,
 *   so nothing waits in memory and nothing is lost across a restart.
 * - The set of subscriptions is the `webhooks-<organisation>` streams, followed live: a new subscription gets a
 *   loop, a changed one uses its new URL, types and secret from the next attempt on, a deleted one stops.
 */
export async function startWebhookDispatcher(deps: WebhookDispatcherDeps): Promise<{ stop(): Promise<void> }> {
  const name = deps.subscriberName ?? 'webhook-dispatcher';
  const options = { ...DEFAULT_WEBHOOK_DELIVERY, ...deps.delivery };
  const retryDelay = deps.retryDelayMs ?? 2_000;
  const feed = new OutboundEventFeed();
  const workers = new Map<string, SubscriptionWorker>();
  const retiring = new Set<Promise<void>>();
  const context: WorkerContext = {
    ...deps,
    name,
    options,
    retryDelay,
    feed,
    log: new WebhookSubscriptions(deps.store, deps.secrets),
    published: deps.routing ?? topicRouting(),
  };

  // Before the dispatcher had a checkpoint per subscription it had one for all of them, under `name`; it still
  // says how far every subscription that existed then was served.
  const legacy = await deps.checkpoints.load(name);
  const feedName = `${name}:feed`;
  feed.startAt((await deps.checkpoints.load(feedName)) ?? legacy);
  const feedSubscription = startResumingSubscription({
    store: deps.store,
    checkpoints: {
      load: async (subscriber) => (await deps.checkpoints.load(subscriber)) ?? legacy,
      save: (subscriber, position) => deps.checkpoints.save(subscriber, position),
    },
    subscriberName: feedName,
    streamPrefixes: PUBLISHED_STREAM_PREFIXES,
    logger: deps.logger,
    retryDelayMs: retryDelay,
    handler: () => async (events) => {
      feed.saw(events);
      await deps.checkpoints.save(feedName, events[events.length - 1]!.position);
    },
  });

  // The subscriptions: read whole first, so no loop starts for one that a later event deletes; then followed.
  const live = new Map<string, Map<string, WebhookSubscription>>();
  let followed: Position | undefined;
  const fold = (event: RecordedEvent) => {
    const organisationId = event.data.organisationId as string;
    if (!live.has(organisationId)) live.set(organisationId, new Map());
    applySubscriptionEvent(live.get(organisationId)!, event);
    followed = event.position;
  };
  const reconcile = () => {
    const wanted = new Map<string, WebhookSubscription>();
    for (const subscriptions of live.values()) for (const s of subscriptions.values()) wanted.set(keyOf(s), s);
    for (const [key, worker] of workers) {
      const subscription = wanted.get(key);
      // Deleted, or deleted and saved anew (a new `since`): this loop is done.
      if (!subscription || subscription.since.commit !== worker.subscription.since.commit) {
        workers.delete(key);
        const stopped = worker.stop().finally(() => retiring.delete(stopped));
        retiring.add(stopped);
      } else {
        worker.subscription = subscription;
      }
    }
    for (const [key, subscription] of wanted)
      if (!workers.has(key)) workers.set(key, new SubscriptionWorker(subscription, context, legacy));
  };
  for await (const event of deps.store.readAll({ streamPrefixes: [WEBHOOK_STREAM_PREFIX] })) fold(event);
  reconcile();
  const subscriptionsFollowed = startResumingSubscription({
    store: deps.store,
    // Held in memory (the set is read whole at start); a checkpoint past other events only spares a resume rereading them.
    checkpoints: { load: async () => followed, save: async (_subscriber, position) => void (followed = position) },
    subscriberName: `${name}:subscriptions`,
    streamPrefixes: [WEBHOOK_STREAM_PREFIX],
    logger: deps.logger,
    retryDelayMs: retryDelay,
    handler: () => async (events) => {
      for (const event of events) fold(event);
      reconcile();
    },
  });

  return {
    stop: async () => {
      await subscriptionsFollowed.stop();
      await feedSubscription.stop();
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      workers.clear();
      await Promise.all([...retiring]);
    },
  };
}

interface WorkerContext extends WebhookDispatcherDeps {
  readonly name: string;
  readonly options: WebhookDeliveryOptions;
  readonly retryDelay: number;
  readonly feed: OutboundEventFeed;
  readonly log: WebhookSubscriptions;
  readonly published: Pick<TopicRouting, 'topicOf'>;
}

const keyOf = (subscription: WebhookSubscription) => `${subscription.organisationId}.${subscription.subscriptionId}`;

/** One subscription's deliveries, in the store's order, after its own checkpoint. */
class SubscriptionWorker {
  private readonly stopping = new AbortController();
  private readonly checkpointName: string;
  private readonly done: Promise<void>;

  constructor(
    /** The newest version of the subscription: each attempt uses its URL, types and secret. */
    public subscription: WebhookSubscription,
    private readonly context: WorkerContext,
    private readonly legacy: Position | undefined,
  ) {
    this.checkpointName = `${context.name}:${keyOf(subscription)}`;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done;
  }

  private async run(): Promise<void> {
    const { feed, checkpoints, store, logger } = this.context;
    const signal = this.stopping.signal;
    const organisationId = this.subscription.organisationId;
    let cursor: Position | undefined;
    let saved: Position | undefined;
    let savedAt = 0;
    // Until a read has reached the feed's head, the subscription may have events of its own to deliver that
    // happened before this process saw them (a restart): only then does "nothing new for my organisation" hold.
    let caughtUp = false;
    const save = async (force: boolean) => {
      if (!cursor || (saved && cursor.commit === saved.commit)) return;
      if (!force && Date.now() - savedAt < IDLE_CHECKPOINT_MS) return;
      await checkpoints.save(this.checkpointName, cursor);
      saved = cursor;
      savedAt = Date.now();
    };

    while (!signal.aborted) {
      try {
        if (!cursor) {
          saved = await checkpoints.load(this.checkpointName);
          cursor = latest(saved ?? this.legacy, this.subscription.since);
        }
        const head = feed.head;
        const newest = feed.latestOf(organisationId);
        if (!head || head.commit <= cursor.commit || (caughtUp && (!newest || newest.commit <= cursor.commit))) {
          if (head && head.commit > cursor.commit) cursor = head;
          if (head) caughtUp = true;
          await save(false);
          await feed.next(signal);
          continue;
        }
        const page: RecordedEvent[] = [];
        const streamPrefixes = [
          hireStreamName({ organisationId, hireId: '' }),
          surveyWaveStreamName({ organisationId, waveId: '' }),
        ];
        for await (const event of store.readAll({ after: cursor, streamPrefixes, maxCount: PAGE_SIZE }))
          page.push(event);
        const inReach = page.filter((event) => event.position.commit <= head.commit);
        for (const event of inReach) {
          if (signal.aborted) return;
          const handled = await this.handle(event, signal);
          cursor = event.position;
          if (handled) await save(true);
        }
        // A short page, or one that reaches past the head: everything of this organisation up to the head is done.
        if (page.length < PAGE_SIZE || inReach.length < page.length) {
          cursor = head;
          caughtUp = true;
        }
        await save(true);
      } catch (error) {
        if (signal.aborted) break;
        logger.error(
          { err: error, subscriptionId: this.subscription.subscriptionId, organisationId },
          'webhook-abonnement onderbroken; hervat na een pauze',
        );
        // Start again from the checkpoint: what was delivered but not checkpointed is delivered again.
        cursor = undefined;
        caughtUp = false;
        await sleep(this.context.retryDelay, undefined, { signal }).catch(() => undefined);
      }
    }
    await save(true).catch(() => undefined);
  }

  /** False when the event is not for this subscription (another type, or from before it existed). */
  private async handle(event: RecordedEvent, signal: AbortSignal): Promise<boolean> {
    const subscription = this.subscription;
    const about = subjectOf(event);
    if (!about || !isPublished(event.streamName, event.type, this.context.published)) return false;
    if (!matches(subscription, event.type) || event.position.commit <= subscription.since.commit) return false;
    const attempts = await deliver(this, event, this.context, signal);
    const delivered = attempts[attempts.length - 1]!.error === undefined;
    await this.context.log.record({
      subscriptionId: subscription.subscriptionId,
      eventId: event.id,
      eventType: event.type,
      ...about,
      status: delivered ? 'delivered' : 'failed',
      attempts,
    });
    if (!delivered) {
      this.context.logger.warn(
        { subscriptionId: subscription.subscriptionId, eventId: event.id, attempts: attempts.length },
        'webhook opgegeven',
      );
    }
    return true;
  }
}

/**
 * Bounded attempts with jittered exponential back-off; the last attempt has no `error` exactly when it succeeded.
 * An address the policy refuses is not retried: no waiting makes it allowed.
 */
async function deliver(
  worker: SubscriptionWorker,
  event: RecordedEvent,
  context: WorkerContext,
  stopping: AbortSignal,
): Promise<DeliveryAttempt[]> {
  const { options } = context;
  const attempts: DeliveryAttempt[] = [];
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(retryDelayMs(attempt - 1, options.backoffMs), undefined, { signal: stopping });
    // Not a failed attempt: the subscription stops here, its checkpoint before this event, for the next holder.
    if (context.mayDeliver && !context.mayDeliver()) throw new LeaseNoLongerHeld();
    // The subscription as it is now: a URL or secret changed during the retries applies to the next attempt.
    const subscription = worker.subscription;
    const { headers, body } = webhookRequest(subscription, event);
    // A secret that does not open (another WEBHOOK_SECRET_KEY_PATH) is the operator's to fix, not the receiver's
    // failure: it stops this subscription, which starts again from its checkpoint, and gives up on nothing.
    const secret = secretOf(subscription, context.secrets);
    const at = new Date();
    try {
      const signed = { ...headers, ...standardWebhookHeaders(secret, event.id, body, at) };
      const status = await deliverTraced(event, subscription.url, (traceHeaders) =>
        postWebhook(subscription.url, { ...signed, ...traceHeaders }, body, {
          policy: context.addressPolicy,
          signal: AbortSignal.any([stopping, AbortSignal.timeout(options.timeoutMs)]),
        }),
      );
      if (status >= 200 && status < 300) {
        attempts.push({ at: at.toISOString(), statusCode: status });
        return attempts;
      }
      attempts.push({ at: at.toISOString(), statusCode: status, error: `HTTP ${status}` });
    } catch (error) {
      // Stopping is not the receiver's fault: give up without logging, the checkpoint stays before this event.
      if (stopping.aborted) throw error;
      attempts.push({ at: at.toISOString(), error: String((error as Error).message ?? error).slice(0, 500) });
      if (error instanceof WebhookAddressRefused) return attempts;
    }
  }
  return attempts;
}

/** The hire or the survey wave an event is about, as its delivery log names it. */
function subjectOf(
  event: RecordedEvent,
): { organisationId: string; hireId: string } | { organisationId: string; waveId: string } | undefined {
  return parseHireStreamName(event.streamName) ?? parseSurveyWaveStreamName(event.streamName);
}

function latest(a: Position | undefined, b: Position): Position {
  return a && a.commit > b.commit ? a : b;
}
