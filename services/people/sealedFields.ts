import {
  type CipherGCM,
  type DecipherGCM,
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

/**
 * AES-256-GCM for the people directory on PostgreSQL (postgresPeopleDirectory.ts): a person's fields are sealed under
 * that person's own key, and that key is kept wrapped under the key-encryption key of VAULT_KEK_PATH, which never
 * enters the database. Every value is iv ‖ ciphertext ‖ tag, bound (associated data) to where it belongs, so a value
 * copied to another person's row, or another table, does not open.
 */
const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A new person key: random, never derived from anything a reader of the database could know. */
export function newPersonKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The key-encryption key's short id, stored beside each wrapped key so a process with another KEK says so. */
export function kekIdOf(kek: Buffer): string {
  return createHash('sha256').update(kek).digest('hex').slice(0, 16);
}

export function seal(key: Buffer, plaintext: string, place: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }) as CipherGCM;
  cipher.setAAD(Buffer.from(place, 'utf8'));
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

/** Throws on an altered value, a wrong key or another place: corruption is an error, never "not found". */
export function open(key: Buffer, sealed: Buffer, place: string): string {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short to hold its iv and tag');
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  }) as DecipherGCM;
  decipher.setAAD(Buffer.from(place, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

/** The place of a person's key: its organisation and reference, NUL-separated (neither can hold a NUL). */
export function personPlace(...parts: readonly string[]): string {
  return parts.join('\0');
}
