/**
 * JSON with object keys sorted at every depth, so equal values always give equal text (and equal hashes)
 * whatever order their keys were built in. Values are first passed through JSON itself, so whatever the store
 * would drop or convert on the way to disk (undefined, toJSON) is dropped or converted here too.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return canonicalText(plain);
}

/**
 * Writes the text directly instead of building a sorted copy: assigning a key named `__proto__` to a copy sets
 * its prototype rather than a property, so two values differing only there would hash alike.
 */
function canonicalText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  const members = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalText(record[key])}`);
  return `{${members.join(',')}}`;
}
