/**
 * An object to hand out before a hook has made what it stands for: each of its fields reads that field of
 * `current()` when read, so `current` can say clearly that it is too early (or that the start failed). `fields`
 * names every field of T (the compiler checks that none is missing).
 */
export function readThrough<T extends object>(current: () => T, fields: { readonly [K in keyof T]-?: true }): T {
  const view = {} as T;
  for (const field of Object.keys(fields) as (keyof T & string)[]) {
    Object.defineProperty(view, field, { get: () => current()[field], enumerable: true });
  }
  return view;
}
