import { deterministicEventId } from '../event-store/deterministicEventId';
import type { EventStore, Position, RecordedEvent } from '../event-store/eventStore';

export const webhookStreamName = (organisationId: string): string => `webhooks-${organisationId}`;
export const WEBHOOK_STREAM_PREFIX = 'webhooks-';
export const deliveryLogStreamName = (organisationId: string, subscriptionId: string): string =>
  `webhookdeliveries-${organisationId}.${subscriptionId}`;

export type ContentMode = 'binary' | 'structured';

export interface WebhookSubscriptionRequest {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly secret: string;
  readonly contentMode?: ContentMode;
}

export interface WebhookSubscription {
  readonly subscriptionId: string;
  readonly organisationId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly secret: string;
  readonly contentMode: ContentMode;
  /** Where in $all it was first saved: only hire events recorded after this are delivered to it (no replay of history). */
  readonly since: Position;
}

export interface DeliveryAttempt {
  readonly at: string;
  readonly statusCode?: number;
  readonly error?: string;
}

export interface DeliveryRecord {
  readonly subscriptionId: string;
  readonly organisationId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly hireId: string;
  readonly status: 'delivered' | 'failed';
  readonly attempts: readonly DeliveryAttempt[];
}

export function matches(subscription: WebhookSubscription, eventType: string): boolean {
  return subscription.eventTypes.includes('*') || subscription.eventTypes.includes(eventType);
}

/** Subscriptions are events in `webhooks-<organisation>`; the current set is that stream folded. */
export class WebhookSubscriptions {
  constructor(private readonly store: EventStore) {}

  /** Saving the same content again is a retry: the deterministic event id makes it a no-op. */
  async save(organisationId: string, subscriptionId: string, request: WebhookSubscriptionRequest, actor: string): Promise<WebhookSubscription> {
    const stream = webhookStreamName(organisationId);
    const data = {
      subscriptionId,
      organisationId,
      url: request.url,
      eventTypes: [...request.eventTypes],
      secret: request.secret,
      contentMode: request.contentMode ?? 'binary',
    };
    const current = (await this.all(organisationId)).get(subscriptionId);
    const unchanged = current && JSON.stringify(withoutSince(current)) === JSON.stringify(data);
    if (!unchanged) {
      const revision = await this.revision(stream);
      await this.store.appendToStream(
        stream,
        [{ id: deterministicEventId(stream, `saved-${revision}:${JSON.stringify(data)}`), type: 'WebhookSubscriptionSaved', data, metadata: { organisationId, actor } }],
        { expectedRevision: 'any' },
      );
    }
    return (await this.all(organisationId)).get(subscriptionId)!;
  }

  /** False when there was nothing to delete. */
  async delete(organisationId: string, subscriptionId: string, actor: string): Promise<boolean> {
    if (!(await this.all(organisationId)).has(subscriptionId)) return false;
    const stream = webhookStreamName(organisationId);
    const revision = await this.revision(stream);
    await this.store.appendToStream(
      stream,
      [{ id: deterministicEventId(stream, `deleted-${revision}:${subscriptionId}`), type: 'WebhookSubscriptionDeleted', data: { subscriptionId, organisationId }, metadata: { organisationId, actor } }],
      { expectedRevision: 'any' },
    );
    return true;
  }

  async get(organisationId: string, subscriptionId: string): Promise<WebhookSubscription | undefined> {
    return (await this.all(organisationId)).get(subscriptionId);
  }

  /** The organisation's live subscriptions, by id. */
  async all(organisationId: string): Promise<Map<string, WebhookSubscription>> {
    const live = new Map<string, WebhookSubscription>();
    for await (const event of this.store.readStream(webhookStreamName(organisationId))) apply(live, event);
    return live;
  }

  /** Newest first. */
  async deliveries(organisationId: string, subscriptionId: string, limit: number): Promise<DeliveryRecord[]> {
    const records: DeliveryRecord[] = [];
    for await (const event of this.store.readStream(deliveryLogStreamName(organisationId, subscriptionId), { direction: 'backwards', maxCount: limit })) {
      records.push({ ...(event.data as unknown as DeliveryRecord) });
    }
    return records;
  }

  /** One record per (subscription, event): a redelivery after a restart does not log twice. */
  async record(delivery: DeliveryRecord): Promise<void> {
    const stream = deliveryLogStreamName(delivery.organisationId, delivery.subscriptionId);
    await this.store.appendToStream(
      stream,
      [{ id: deterministicEventId(stream, delivery.eventId), type: 'WebhookDeliveryRecorded', data: { ...delivery, attempts: delivery.attempts.map((a) => ({ ...a })) }, metadata: { organisationId: delivery.organisationId, actor: 'webhook-dispatcher' } }],
      { expectedRevision: 'any' },
    );
  }

  private async revision(stream: string): Promise<string> {
    for await (const event of this.store.readStream(stream, { direction: 'backwards', maxCount: 1 })) return event.revision.toString();
    return 'none';
  }
}

function apply(live: Map<string, WebhookSubscription>, event: RecordedEvent): void {
  const id = event.data.subscriptionId as string;
  if (event.type === 'WebhookSubscriptionDeleted') {
    live.delete(id);
  } else if (event.type === 'WebhookSubscriptionSaved') {
    const since = live.get(id)?.since ?? event.position;
    live.set(id, { ...(event.data as unknown as Omit<WebhookSubscription, 'since'>), since });
  }
}

function withoutSince(subscription: WebhookSubscription): Omit<WebhookSubscription, 'since'> {
  const { since: _since, ...rest } = subscription;
  return { subscriptionId: rest.subscriptionId, organisationId: rest.organisationId, url: rest.url, eventTypes: rest.eventTypes, secret: rest.secret, contentMode: rest.contentMode };
}
