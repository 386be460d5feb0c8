/**
 * What a store method answers when one interface has two adapters: the embedded SQLite file answers at once, the
 * PostgreSQL one (shared by replicas) with a promise. Callers `await` either, so neither adapter wraps the other.
 */
export type StoreAnswer<T> = T | Promise<T>;
