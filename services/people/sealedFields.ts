import { randomBytes } from 'node:crypto';
import { KEY_BYTES, IV_BYTES, TAG_BYTES, kekIdOf, openAesGcm, sealAesGcm } from '../privacy/aesGcm';

/**
 * AES-256-GCM for the people directory on PostgreSQL (postgresPeopleDirectory.ts): a person's fields are sealed under
 * that person's own key, and that key is kept wrapped under the key-encryption key of VAULT_KEK_PATH, which never
 * enters the database. Every value is iv ‖ ciphertext ‖ tag, bound (associated data) to where it belongs, so a value
 * copied to another person's row, or another table, does not open. The cipher itself is services/privacy/aesGcm.ts,
 * the vault's too; the key size and the KEK's id are passed on from there, so the directory's adapters need only this.
 */
export { KEY_BYTES, kekIdOf };

/** A new person key: random, never derived from anything a reader of the database could know. */
export function newPersonKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function seal(key: Buffer, plaintext: string, place: string): Buffer {
  return sealAesGcm(key, Buffer.from(plaintext, 'utf8'), Buffer.from(place, 'utf8'));
}

/** Throws on an altered value, a wrong key or another place: corruption is an error, never "not found". */
export function open(key: Buffer, sealed: Buffer, place: string): string {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short to hold its iv and tag');
  return openAesGcm(key, sealed, Buffer.from(place, 'utf8')).toString('utf8');
}

/** The place of a person's key: its organisation and reference, NUL-separated (neither can hold a NUL). */
export function personPlace(...parts: readonly string[]): string {
  return parts.join('\0');
}
