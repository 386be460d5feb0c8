import type { RecordedEvent } from '../event-store/eventStore';
import { toCloudEventMessage } from '../relay/cloudEventMessage';
import type { WebhookSubscription } from './webhookSubscriptions';

/**
 * A hire event as a structured-mode CloudEvent 1.0 over HTTP: attributes and data in one JSON body. Structured,
 * not binary (`ce-*` headers), because a Standard Webhooks signature covers the body only: this way `type`,
 * `source`, `subject`, `id`… are signed along with the data, and a receiver that verified the signature can
 * trust all of it.
 */
export function webhookRequest(
  subscription: WebhookSubscription,
  event: RecordedEvent,
): { headers: Record<string, string>; body: string } {
  // The same attributes as on Kafka; the topic does not matter here.
  const message = toCloudEventMessage(event, { topics: [], topicOf: () => 'webhook' });
  const attributes = Object.fromEntries(
    Object.entries(message.headers)
      .filter(([key]) => key.startsWith('ce_'))
      .map(([key, value]) => [key.slice(3), value]),
  );
  return {
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'user-agent': 'soft-landing-webhooks/2',
      'soft-landing-subscription': subscription.subscriptionId,
    },
    body: JSON.stringify({ ...attributes, datacontenttype: 'application/json', data: event.data }),
  };
}
