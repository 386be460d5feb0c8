import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckpointStore, EventStore, RecordedEvent } from '../event-store/eventStore';
import { startResumingSubscription } from '../event-store/resumingSubscription';
import { HIRE_STREAM_PREFIX, parseHireStreamName } from '../event-store/streamNames';
import { toCloudEventMessage } from '../relay/cloudEventMessage';
import type { Logger } from '../shared/logger';
import { SIGNATURE_HEADER, signatureHeader } from './webhookSignature';
import { type DeliveryAttempt, type WebhookSubscription, WebhookSubscriptions, matches } from './webhookSubscriptions';

export interface WebhookDeliveryOptions {
  /** Attempts per delivery, the first included, before it is logged as failed. */
  readonly maxAttempts: number;
  /** Wait before the second attempt; doubled before each next one. */
  readonly backoffMs: number;
  /** Per attempt. */
  readonly timeoutMs: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = { maxAttempts: 6, backoffMs: 1_000, timeoutMs: 10_000 };

export interface WebhookDispatcherDeps {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly logger: Logger;
  readonly delivery?: Partial<WebhookDeliveryOptions>;
  readonly subscriberName?: string;
  readonly retryDelayMs?: number;
}

/**
 * A checkpointed catch-up subscription on the hire streams, like the relay. Each event goes to every matching
 * subscription of its organisation (in parallel); the checkpoint moves past an event only once every one of them
 * was delivered or given up on (and so logged), so nothing is skipped silently. Events are handled one at a time,
 * in order: a receiver that is down slows the organisation's webhooks by at most its back-off schedule.
 * At-least-once: a crash between a delivery and the checkpoint delivers again; receivers deduplicate by `ce-id`.
 */
export async function startWebhookDispatcher(deps: WebhookDispatcherDeps): Promise<{ stop(): Promise<void> }> {
  const name = deps.subscriberName ?? 'webhook-dispatcher';
  const options = { ...DEFAULT_WEBHOOK_DELIVERY, ...deps.delivery };
  const subscriptions = new WebhookSubscriptions(deps.store);

  const handle = async (
    event: RecordedEvent,
    subscriptionsOf: (organisationId: string) => Promise<Map<string, WebhookSubscription>>,
    stopping: AbortSignal,
  ) => {
    const hire = parseHireStreamName(event.streamName);
    if (!hire) return;
    const targets = [...(await subscriptionsOf(hire.organisationId)).values()].filter(
      (subscription) => matches(subscription, event.type) && event.position.commit > subscription.since.commit,
    );
    await Promise.all(
      targets.map(async (subscription) => {
        const attempts = await deliver(subscription, event, options, stopping);
        const delivered = attempts[attempts.length - 1]!.error === undefined;
        await subscriptions.record({
          subscriptionId: subscription.subscriptionId,
          organisationId: hire.organisationId,
          eventId: event.id,
          eventType: event.type,
          hireId: hire.hireId,
          status: delivered ? 'delivered' : 'failed',
          attempts,
        });
        if (!delivered) deps.logger.warn({ subscriptionId: subscription.subscriptionId, eventId: event.id, attempts: attempts.length }, 'webhook opgegeven');
      }),
    );
  };

  const subscription = startResumingSubscription({
    store: deps.store,
    checkpoints: deps.checkpoints,
    subscriberName: name,
    streamPrefixes: [HIRE_STREAM_PREFIX],
    logger: deps.logger,
    ...(deps.retryDelayMs === undefined ? {} : { retryDelayMs: deps.retryDelayMs }),
    handler: (signal) => async (events) => {
      // Subscriptions are read once per organisation per batch: a catch-up over a long history stays cheap.
      const perOrganisation = new Map<string, Promise<Map<string, WebhookSubscription>>>();
      const subscriptionsOf = (organisationId: string) => {
        if (!perOrganisation.has(organisationId)) perOrganisation.set(organisationId, subscriptions.all(organisationId));
        return perOrganisation.get(organisationId)!;
      };
      for (const event of events) {
        if (signal.aborted) throw new Error('gestopt');
        await handle(event, subscriptionsOf, signal);
        await deps.checkpoints.save(name, event.position);
      }
    },
  });
  return { stop: () => subscription.stop() };
}

/** Bounded attempts with exponential back-off; the last attempt has no `error` exactly when it succeeded. */
async function deliver(subscription: WebhookSubscription, event: RecordedEvent, options: WebhookDeliveryOptions, stopping: AbortSignal): Promise<DeliveryAttempt[]> {
  const { headers, body } = webhookRequest(subscription, event);
  const attempts: DeliveryAttempt[] = [];
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(options.backoffMs * 2 ** (attempt - 2), undefined, { signal: stopping });
    const at = new Date();
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: { ...headers, [SIGNATURE_HEADER]: signatureHeader(subscription.secret, body, at) },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([stopping, AbortSignal.timeout(options.timeoutMs)]),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        attempts.push({ at: at.toISOString(), statusCode: response.status });
        return attempts;
      }
      attempts.push({ at: at.toISOString(), statusCode: response.status, error: `HTTP ${response.status}` });
    } catch (error) {
      // Stopping is not the receiver's fault: give up without logging, the checkpoint stays before this event.
      if (stopping.aborted) throw error;
      attempts.push({ at: at.toISOString(), error: String((error as Error).message ?? error).slice(0, 500) });
    }
  }
  return attempts;
}

/** CloudEvents 1.0 over HTTP: binary mode puts the attributes in `ce-*` headers, structured mode in the JSON body. */
export function webhookRequest(subscription: WebhookSubscription, event: RecordedEvent): { headers: Record<string, string>; body: string } {
  // The same attributes as on Kafka; the topic does not matter here.
  const message = toCloudEventMessage(event, { topics: [], topicOf: () => 'webhook' });
  const attributes = Object.fromEntries(
    Object.entries(message.headers)
      .filter(([key]) => key.startsWith('ce_'))
      .map(([key, value]) => [key.slice(3), value]),
  );
  const common = { 'user-agent': 'soft-landing-webhooks/1', 'soft-landing-subscription': subscription.subscriptionId };
  if (subscription.contentMode === 'structured') {
    return {
      headers: { ...common, 'content-type': 'application/cloudevents+json; charset=utf-8' },
      body: JSON.stringify({ ...attributes, datacontenttype: 'application/json', data: event.data }),
    };
  }
  return {
    headers: { ...common, 'content-type': 'application/json', ...Object.fromEntries(Object.entries(attributes).map(([key, value]) => [`ce-${key}`, value])) },
    body: message.value,
  };
}
