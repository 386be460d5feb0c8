import {
  type CipherGCM,
  type DecipherGCM,
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

/**
 * AES-256-GCM as the personal-data stores use it: the per-person keys of the vault and of the people directory on
 * PostgreSQL, and the wrapping of those keys under the key-encryption key of VAULT_KEK_PATH. A value is
 * iv ‖ ciphertext ‖ tag, bound (associated data) to where it belongs, so one copied elsewhere does not open.
 */
export const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** iv ‖ ciphertext ‖ tag of `plaintext` under `key`, bound to `aad`; a fresh random iv every time. */
export function sealAesGcm(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }) as CipherGCM;
  cipher.setAAD(aad);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The plaintext of a sealAesGcm value; throws on an altered value, another key or other associated data. */
export function openAesGcm(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  }) as DecipherGCM;
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

/** The key-encryption key's short id, stored beside each wrapped key so a process with another KEK says so. */
export function kekIdOf(kek: Buffer): string {
  return createHash('sha256').update(kek).digest('hex').slice(0, 16);
}
