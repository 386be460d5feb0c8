import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { fingerprintOf } from './hireRegistration';
import { canonicalFingerprint } from './idempotencyClaims';
import { loadOpenApiDocument } from '../http/openapiDocument';

/** What earlier versions stored (journey memos, idempotency claims): top-level keys sorted with localeCompare. */
const legacyFingerprintOf = (value: Record<string, unknown>): string =>
  createHash('sha256')
    .update(JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))), 'utf8')
    .digest('hex');

/** The legacy sorted-copy hasher behind canonicalFingerprint before it used the event store's canonical JSON. */
const legacyCanonicalFingerprint = (value: Record<string, unknown>): string => {
  const canonical = (entry: unknown): unknown =>
    Array.isArray(entry)
      ? entry.map(canonical)
      : entry === null || typeof entry !== 'object'
        ? entry
        : Object.fromEntries(
            Object.entries(entry)
              .filter(([, inner]) => inner !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, inner]) => [key, canonical(inner)]),
          );
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)), 'utf8')
    .digest('hex');
};

const hasIntegerLikeName = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(hasIntegerLikeName)
    : value !== null &&
      typeof value === 'object' &&
      Object.entries(value).some(([key, entry]) => /^(0|[1-9]\d*)$/.test(key) || hasIntegerLikeName(entry));

// The fields a registration's fingerprint covers: the contract's, without the personal details kept apart.
type Schema = { type?: string; $ref?: string; properties?: Record<string, Schema> };
const schemas = (loadOpenApiDocument() as unknown as { components: { schemas: Record<string, Schema> } }).components
  .schemas;
const resolved = (entry: Schema): Schema => (entry.$ref ? resolved(schemas[entry.$ref.split('/').pop()!]!) : entry);
const schema = { properties: schemas.HireRegistration!.properties! };
const FINGERPRINTED = [
  'organisationId',
  ...Object.keys(schema.properties).filter((key) => key !== 'newHire' && key !== 'manager'),
];

describe('the registration fingerprint stays what earlier versions stored', () => {
  it('covers flat strings only, so nested key order cannot differ between the two hashers', () => {
    for (const key of FINGERPRINTED.slice(1))
      expect([key, resolved(schema.properties[key]!).type]).toEqual([key, 'string']);
  });

  it('equals the legacy hash for any registration, fields in any order', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(FINGERPRINTED, { minLength: 1 }),
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: FINGERPRINTED.length, maxLength: FINGERPRINTED.length }),
        (keys, values) => {
          const registration = Object.fromEntries(keys.map((key, index) => [key, values[index]!]));
          expect(fingerprintOf(registration)).toBe(legacyFingerprintOf(registration));
        },
      ),
    );
  });

  it('keeps the command fingerprint of nested bodies as the sorted copy computed it', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]*$/), fc.jsonValue()), (body) => {
        // Integer-like names, which objects enumerate first, are the one difference; no contract body has them.
        fc.pre(!hasIntegerLikeName(body));
        expect(canonicalFingerprint(body)).toBe(legacyCanonicalFingerprint(body));
      }),
    );
  });
});
