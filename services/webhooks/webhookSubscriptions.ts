import { deterministicEventId } from '../event-store/deterministicEventId';
import { appendDecided, appendOnce } from '../event-store/appendOnce';
import type { EventStore, NewEvent, Position, RecordedEvent } from '../event-store/eventStore';
import type { WebhookSecretBox } from './webhookSecretBox';

export const WEBHOOK_STREAM_PREFIX = 'webhooks-';
export const webhookStreamName = (organisationId: string): string => `${WEBHOOK_STREAM_PREFIX}${organisationId}`;
export const deliveryLogStreamName = (organisationId: string, subscriptionId: string): string =>
  `webhookdeliveries-${organisationId}.${subscriptionId}`;

export interface WebhookSubscriptionRequest {
  readonly url: string;
  readonly eventTypes: readonly string[];
  /** `whsec_…`, in the clear only here: it is sealed before it is stored. */
  readonly secret: string;
}

export interface WebhookSubscription {
  readonly subscriptionId: string;
  readonly organisationId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  /** The secret as WebhookSecretBox sealed it (WebhookSubscriptionSaved v2). */
  readonly sealedSecret?: string;
  /** Only a subscription saved before secrets were sealed (v1, upcast): its secret, as it stands in the store. */
  readonly legacySecret?: string;
  /** Where in $all it was first saved: only hire events recorded after this are delivered to it (no replay of history). */
  readonly since: Position;
}

export interface DeliveryAttempt {
  readonly at: string;
  readonly statusCode?: number;
  readonly error?: string;
}

interface DeliveryOutcome {
  readonly subscriptionId: string;
  readonly organisationId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: 'delivered' | 'failed';
  readonly attempts: readonly DeliveryAttempt[];
}
/** One delivery, of a hire's event or of a survey wave's (its closing, aggregates only). */
export type DeliveryRecord = DeliveryOutcome &
  ({ readonly hireId: string; readonly waveId?: never } | { readonly waveId: string; readonly hireId?: never });

export function matches(subscription: WebhookSubscription, eventType: string): boolean {
  return subscription.eventTypes.includes('*') || subscription.eventTypes.includes(eventType);
}

/** The signing secret in the clear, for the moment of signing. */
export function secretOf(subscription: WebhookSubscription, box: WebhookSecretBox): string {
  if (subscription.sealedSecret !== undefined) return box.open(subscription.sealedSecret, subscription);
  if (subscription.legacySecret !== undefined) return subscription.legacySecret;
  throw new Error(`Webhook subscription ${subscription.subscriptionId} has no secret`);
}

/** Subscriptions are events in `webhooks-<organisation>`; the current set is that stream folded. */
export class WebhookSubscriptions {
  constructor(
    private readonly store: EventStore,
    private readonly box: WebhookSecretBox,
  ) {}

  /** Saving the same content again is a retry and appends nothing. */
  async save(
    organisationId: string,
    subscriptionId: string,
    request: WebhookSubscriptionRequest,
    actor: string,
  ): Promise<WebhookSubscription> {
    const stream = webhookStreamName(organisationId);
    await this.appendAtReadRevision(stream, (live, revision) => {
      const current = live.get(subscriptionId);
      const unchanged =
        current &&
        current.url === request.url &&
        JSON.stringify(current.eventTypes) === JSON.stringify(request.eventTypes) &&
        current.sealedSecret !== undefined &&
        secretOf(current, this.box) === request.secret;
      if (unchanged) return undefined;
      const owner = { organisationId, subscriptionId };
      const data = {
        subscriptionId,
        organisationId,
        url: request.url,
        eventTypes: [...request.eventTypes],
        sealedSecret: this.box.seal(request.secret, owner),
      };
      return {
        id: deterministicEventId(stream, `saved-${revision}:${JSON.stringify(data)}`),
        type: 'WebhookSubscriptionSaved',
        data,
        metadata: { organisationId, actor, schemaVersion: 2 },
      };
    });
    return (await this.all(organisationId)).get(subscriptionId)!;
  }

  /** False when there was nothing to delete. */
  async delete(organisationId: string, subscriptionId: string, actor: string): Promise<boolean> {
    const stream = webhookStreamName(organisationId);
    let existed = false;
    await this.appendAtReadRevision(stream, (live, revision) => {
      existed = live.has(subscriptionId);
      if (!existed) return undefined;
      return {
        id: deterministicEventId(stream, `deleted-${revision}:${subscriptionId}`),
        type: 'WebhookSubscriptionDeleted',
        data: { subscriptionId, organisationId },
        metadata: { organisationId, actor },
      };
    });
    return existed;
  }

  /** `decide` on the folded stream and its revision, appended at exactly that revision (see appendDecided). */
  private async appendAtReadRevision(
    stream: string,
    decide: (live: Map<string, WebhookSubscription>, revision: string) => NewEvent | undefined,
  ): Promise<void> {
    await appendDecided(this.store, stream, (history) => {
      const live = new Map<string, WebhookSubscription>();
      for (const event of history) applySubscriptionEvent(live, event);
      return decide(live, history.length === 0 ? 'none' : history[history.length - 1]!.revision.toString());
    });
  }

  async get(organisationId: string, subscriptionId: string): Promise<WebhookSubscription | undefined> {
    return (await this.all(organisationId)).get(subscriptionId);
  }

  /** The organisation's live subscriptions, by id. */
  async all(organisationId: string): Promise<Map<string, WebhookSubscription>> {
    const live = new Map<string, WebhookSubscription>();
    for await (const event of this.store.readStream(webhookStreamName(organisationId)))
      applySubscriptionEvent(live, event);
    return live;
  }

  /** Newest first. */
  async deliveries(organisationId: string, subscriptionId: string, limit: number): Promise<DeliveryRecord[]> {
    const records: DeliveryRecord[] = [];
    for await (const event of this.store.readStream(deliveryLogStreamName(organisationId, subscriptionId), {
      direction: 'backwards',
      maxCount: limit,
    })) {
      records.push({ ...(event.data as unknown as DeliveryRecord) });
    }
    return records;
  }

  /** One record per (subscription, event): a redelivery after a restart does not log twice. */
  async record(delivery: DeliveryRecord): Promise<void> {
    const stream = deliveryLogStreamName(delivery.organisationId, delivery.subscriptionId);
    await appendOnce(this.store, stream, {
      id: deterministicEventId(stream, delivery.eventId),
      type: 'WebhookDeliveryRecorded',
      data: { ...delivery, attempts: delivery.attempts.map((a) => ({ ...a })) },
      // v2: a delivery names the hire or the survey wave; v1 named a hire always.
      metadata: { organisationId: delivery.organisationId, actor: 'webhook-dispatcher', schemaVersion: 2 },
    });
  }
}

/** Folds one event of a `webhooks-<organisation>` stream into that organisation's live subscriptions. */
export function applySubscriptionEvent(live: Map<string, WebhookSubscription>, event: RecordedEvent): void {
  const id = event.data.subscriptionId as string;
  if (event.type === 'WebhookSubscriptionDeleted') {
    live.delete(id);
  } else if (event.type === 'WebhookSubscriptionSaved') {
    const since = live.get(id)?.since ?? event.position;
    const data = event.data as {
      subscriptionId: string;
      organisationId: string;
      url: string;
      eventTypes: string[];
      sealedSecret?: string;
      legacySecret?: string;
    };
    live.set(id, {
      subscriptionId: data.subscriptionId,
      organisationId: data.organisationId,
      url: data.url,
      eventTypes: data.eventTypes,
      ...(data.sealedSecret === undefined ? {} : { sealedSecret: data.sealedSecret }),
      ...(data.legacySecret === undefined ? {} : { legacySecret: data.legacySecret }),
      since,
    });
  }
}
