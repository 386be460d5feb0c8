import type { Config } from '../shared/config';
import { WebhookAddressPolicy } from './webhookAddressPolicy';
import { WebhookSecretBox } from './webhookSecretBox';

/** What the API (sealing secrets, checking URLs) and the dispatcher (opening them, checking connections) share. */
export function openWebhookSettings(config: Pick<Config['webhooks'], 'allowedHosts' | 'secretKeyPath'>): {
  secrets: WebhookSecretBox;
  addressPolicy: WebhookAddressPolicy;
} {
  return {
    secrets: WebhookSecretBox.fromKeyFile(config.secretKeyPath),
    addressPolicy: new WebhookAddressPolicy(config.allowedHosts),
  };
}
