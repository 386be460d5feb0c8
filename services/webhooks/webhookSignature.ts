import { createHmac } from 'node:crypto';

/** Standard Webhooks (standardwebhooks.com) secrets: `whsec_` and the base64 of the key's random bytes. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export interface StandardWebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * The Standard Webhooks signature: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` with the secret's
 * bytes as key, so a receiver verifies with a ready library (npm `standardwebhooks`, Python `standardwebhooks`,
 * Svix's libraries…) instead of code of its own. The id is the CloudEvent id, the same on every retry, so it is
 * also what receivers deduplicate by; the timestamp is the attempt's, so they can refuse old ones (replays).
 * Only the body is signed, which is why webhooks are delivered as structured CloudEvents: every attribute is
 * in the body.
 */
export function standardWebhookHeaders(
  secret: string,
  id: string,
  body: string,
  at: Date = new Date(),
): StandardWebhookHeaders {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  const signature = createHmac('sha256', signingKeyOf(secret))
    .update(`${id}.${timestamp}.${body}`, 'utf8')
    .digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

/**
 * A `whsec_` secret is its decoded bytes. A secret saved before secrets had that form (WebhookSubscriptionSaved
 * v1) is its own UTF-8 bytes: receivers verify it with `new Webhook(secret, { format: 'raw' })` until the
 * subscription is saved again with a `whsec_` secret.
 */
function signingKeyOf(secret: string): Buffer {
  return secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}
