import {
  type KeyObject,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { readOrCreateKeyFile } from '../shared/keyFile';

/** Which key signed: the first 16 hex digits of sha256 over the public key's DER (SPKI), as the export prints it. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Checks an Ed25519 signature (base64) over `text` with a public key alone: all an inspectorate needs. */
export function verifiesWith(publicKey: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`A chain key is Ed25519, got ${key.asymmetricKeyType}`);
  return key;
}

/**
 * The Ed25519 key that signs chain heads (CHAIN_SIGNING_KEY_PATH, PKCS#8 PEM). Kept out of the event store, so
 * someone who can write the store can still not sign a head for what they wrote; its public half (`<path>.pub`,
 * written beside it when the key is made) is what verifies an export, anywhere, offline.
 */
export class ChainSigningKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  private constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error(`A chain signing key is Ed25519, got ${privateKey.asymmetricKeyType}`);
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /**
   * Reads the key, or makes it (readable by this user only) on first use, with its public half beside it (`.pub`);
   * `onCreated` is told, so a deployment that expected its own key hears that a new one was made.
   */
  static fromKeyFile(path: string, onCreated?: (path: string) => void): ChainSigningKey {
    const { text, created } = readOrCreateKeyFile(path, () =>
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    const key = new ChainSigningKey(createPrivateKey(text));
    if (created) onCreated?.(path);
    if (!existsSync(`${path}.pub`)) {
      // A key a deployment brought (a read-only secret mount, say) may have no public half beside it; the export
      // carries the public key and its fingerprint anyway.
      try {
        writeFileSync(`${path}.pub`, key.publicKeyPem(), { mode: 0o644, flag: 'wx' });
      } catch {
        // Not writable there: nothing is lost.
      }
    }
    return key;
  }

  /** A key that lives as long as the process (tests). */
  static ephemeral(): ChainSigningKey {
    return new ChainSigningKey(generateKeyPairSync('ed25519').privateKey);
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }
}
