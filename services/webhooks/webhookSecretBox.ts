import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readOrCreateRandomKey } from '../shared/keyFile';

const FORMAT = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1:([0-9a-f]{16}):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/** Whose secret it is: bound into the ciphertext, so a sealed secret cannot be copied to another subscription. */
export interface SecretOwner {
  readonly organisationId: string;
  readonly subscriptionId: string;
}

/**
 * Webhook signing secrets at rest: sealed with AES-256-GCM under a key kept in its own file
 * (WEBHOOK_SECRET_KEY_PATH, beside the personal-data keys, never in the event store), so the store, its
 * backups and anyone reading the SQLite file see `v1:<key id>:<iv>:<ciphertext>` and not a secret that would
 * let them forge deliveries. The key id says which key sealed a value, so a wrong key file is an error that
 * says so rather than garbage.
 */
export class WebhookSecretBox {
  private readonly keyId: string;

  private constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`A webhook secret key is ${KEY_BYTES} bytes, got ${key.length}`);
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  /** Reads the key, or creates it (readable by this user only) on first use. */
  static fromKeyFile(path: string): WebhookSecretBox {
    return new WebhookSecretBox(readOrCreateRandomKey(path, KEY_BYTES).key);
  }

  /** A key that lives as long as the process: for an API that is never asked to deliver (some tests). */
  static ephemeral(): WebhookSecretBox {
    return new WebhookSecretBox(randomBytes(KEY_BYTES));
  }

  seal(secret: string, owner: SecretOwner): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(aad(owner));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}:${this.keyId}:${iv.toString('base64')}:${body.toString('base64')}`;
  }

  /** Throws on a value sealed under another key, for another subscription, or altered. */
  open(sealed: string, owner: SecretOwner): string {
    const match = SEALED.exec(sealed);
    if (!match) throw new Error('Not a sealed webhook secret');
    const [, keyId, iv, body] = match as unknown as [string, string, string, string];
    if (keyId !== this.keyId)
      throw new Error(`Webhook secret sealed with key ${keyId}, but WEBHOOK_SECRET_KEY_PATH holds key ${this.keyId}`);
    const bytes = Buffer.from(body, 'base64');
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(aad(owner));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }
}

function aad({ organisationId, subscriptionId }: SecretOwner): Buffer {
  return Buffer.from(`${FORMAT}:webhook-secret:${organisationId}.${subscriptionId}`, 'utf8');
}
