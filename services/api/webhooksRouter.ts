import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { type WebhookAddressPolicy, WebhookAddressRefused } from '../webhooks/webhookAddressPolicy';
import type { WebhookSecretBox } from '../webhooks/webhookSecretBox';
import { type WebhookSubscription, WebhookSubscriptions } from '../webhooks/webhookSubscriptions';
import type { EventStore } from '../event-store/eventStore';
import { organisationOf } from '../auth/principal';
import { actorOf } from './actor';
import { Problem } from '../problems/problem';
import type { OperationGuard } from './operationGuard';

type Schemas = components['schemas'];

/** Webhook subscriptions of an organisation; the dispatcher (services/webhooks) delivers to them. */
export function webhooksRouter(deps: {
  guard: OperationGuard;
  store: EventStore;
  secrets: WebhookSecretBox;
  addressPolicy: WebhookAddressPolicy;
}): Router {
  const router = Router();
  const { guard, addressPolicy } = deps;
  const subscriptions = new WebhookSubscriptions(deps.store, deps.secrets);

  const found = async (organisationId: string, subscriptionId: string): Promise<WebhookSubscription> => {
    const subscription = await subscriptions.get(organisationId, subscriptionId);
    if (!subscription) throw new Problem(404, 'webhook-not-found', { subscriptionId });
    return subscription;
  };

  router.get('/webhooks', guard.middleware('listWebhookSubscriptions'), async (req, res) => {
    const live = [...(await subscriptions.all(organisationOf(req))).values()].sort((a, b) =>
      a.subscriptionId.localeCompare(b.subscriptionId),
    );
    res.json({ subscriptions: live.map(view) });
  });

  router.put('/webhooks/:subscriptionId', guard.middleware('saveWebhookSubscription'), async (req, res) => {
    const { subscriptionId } = req.params as { subscriptionId: string };
    const body = req.body as Schemas['WebhookSubscriptionRequest'];
    // The server's own network is off limits unless the operator listed it; the dispatcher checks again at
    // every connection, since what a name resolves to can change after this.
    await addressPolicy.check(body.url).catch((error: unknown) => {
      if (!(error instanceof WebhookAddressRefused)) throw error;
      const params = { url: body.url, host: error.host, address: error.address ?? '' };
      throw new Problem(
        422,
        error.reason === 'unresolvable' ? 'webhook-url-unresolvable' : 'webhook-url-not-allowed',
        params,
      );
    });
    res.json(
      view(
        await subscriptions.save(
          organisationOf(req),
          subscriptionId,
          { url: body.url, eventTypes: body.eventTypes, secret: body.secret },
          actorOf(req),
        ),
      ),
    );
  });

  router.get('/webhooks/:subscriptionId', guard.middleware('getWebhookSubscription'), async (req, res) => {
    const { subscriptionId } = req.params as { subscriptionId: string };
    res.json(view(await found(organisationOf(req), subscriptionId)));
  });

  router.delete('/webhooks/:subscriptionId', guard.middleware('deleteWebhookSubscription'), async (req, res) => {
    const { subscriptionId } = req.params as { subscriptionId: string };
    if (!(await subscriptions.delete(organisationOf(req), subscriptionId, actorOf(req)))) {
      throw new Problem(404, 'webhook-not-found', { subscriptionId });
    }
    res.status(204).end();
  });

  router.get('/webhooks/:subscriptionId/deliveries', guard.middleware('listWebhookDeliveries'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { subscriptionId } = req.params as { subscriptionId: string };
    await found(organisationId, subscriptionId);
    const limit = Number(req.query.limit ?? 50);
    const deliveries: Schemas['WebhookDelivery'][] = (
      await subscriptions.deliveries(organisationId, subscriptionId, limit)
    ).map((record) => ({
      eventId: record.eventId,
      eventType: record.eventType,
      ...(record.hireId === undefined ? {} : { hireId: record.hireId }),
      ...(record.waveId === undefined ? {} : { waveId: record.waveId }),
      status: record.status,
      attempts: record.attempts.map((attempt) => ({ ...attempt })),
    }));
    res.json({ deliveries });
  });

  return router;
}

/** The secret is write-only. */
function view(subscription: WebhookSubscription): Schemas['WebhookSubscription'] {
  return {
    id: subscription.subscriptionId,
    organisationId: subscription.organisationId,
    url: subscription.url,
    eventTypes: [...subscription.eventTypes],
    contentMode: 'structured',
  };
}
