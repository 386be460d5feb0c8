import fc from 'fast-check';
import { canonicalJson } from './canonicalJson';

/** Rebuilds a parsed JSON value with every object's keys in a shuffled order, `__proto__` included as a key. */
function withKeysReordered(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => withKeysReordered(item, order));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of order(Object.keys(value))) {
    Object.defineProperty(copy, key, {
      value: withKeysReordered((value as Record<string, unknown>)[key], order),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** JSON values whose objects may carry a `__proto__` key, the way JSON.parse creates them from a request body. */
const jsonWithProtoKeys = fc
  .jsonValue()
  .chain((value) => fc.tuple(fc.constant(value), fc.jsonValue(), fc.boolean()))
  .map(([value, proto, wrap]) =>
    wrap ? JSON.parse(`{"__proto__":${JSON.stringify(proto)},"v":${JSON.stringify(value)}}`) : value,
  );

describe('canonical JSON', () => {
  it('keeps a __proto__ key as data: an object with one differs from the same object without it', () => {
    const withProto = JSON.parse('{"__proto__":{"role":"admin"},"a":1}');
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"role":"admin"},"a":1}');
    expect(canonicalJson(withProto)).not.toBe(canonicalJson({ a: 1 }));
  });

  it('is JSON that parses back to the same value, whatever the value (property)', () => {
    fc.assert(
      fc.property(jsonWithProtoKeys, (value) => {
        expect(JSON.parse(canonicalJson(value))).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('gives the same text for any order of keys and different text for different values (property)', () => {
    fc.assert(
      fc.property(jsonWithProtoKeys, jsonWithProtoKeys, (a, b) => {
        const reversed = withKeysReordered(a, (keys) => [...keys].reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(a));
        const sameValue = JSON.stringify(JSON.parse(canonicalJson(a))) === JSON.stringify(JSON.parse(canonicalJson(b)));
        expect(canonicalJson(a) === canonicalJson(b)).toBe(sameValue);
      }),
    );
  });
});
