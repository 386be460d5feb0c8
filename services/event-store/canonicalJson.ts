/**
 * JSON with object keys sorted at every depth, so equal values always give equal text (and equal hashes)
 * whatever order their keys were built in. Values are first passed through JSON itself, so whatever the store
 * would drop or convert on the way to disk (undefined, toJSON) is dropped or converted here too.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return JSON.stringify(sortKeys(plain));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
