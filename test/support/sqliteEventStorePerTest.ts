import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { type TemporaryDirectory, temporaryDirectory } from './temporaryDirectory';

/**
 * A fresh SQLite event store for every test of the describe block it is called in (events.sqlite in the test's own
 * temporary folder), wrapped the way the block tests it, and closed after each test. `raw` is the SQLite store under
 * the wrapper, for what a test checks behind the wrapper's back; `directory` is the test's folder, for other files.
 *
 * Call it at the top of the `describe`, before hooks that use the store: Jest runs hooks in declaration order.
 */
export function sqliteEventStorePerTest<Store>(
  prefix: string,
  wrap: (raw: SqliteEventStore) => Store,
): SqliteEventStorePerTest<Store> {
  const directory = temporaryDirectory(prefix);
  let current: { readonly raw: SqliteEventStore; readonly store: Store } | undefined;
  beforeEach(() => {
    const raw = new SqliteEventStore(directory.file('events.sqlite'));
    current = { raw, store: wrap(raw) };
  });
  afterEach(async () => {
    const closing = current;
    current = undefined;
    await closing?.raw.close();
  });
  const now = () => {
    if (!current) throw new Error(`sqliteEventStorePerTest('${prefix}') was read outside a test of its describe block`);
    return current;
  };
  return {
    directory,
    get raw() {
      return now().raw;
    },
    get store() {
      return now().store;
    },
  };
}

export interface SqliteEventStorePerTest<Store> {
  readonly directory: TemporaryDirectory;
  /** The SQLite store of the test that runs now. */
  readonly raw: SqliteEventStore;
  /** The same store as the block wraps it. */
  readonly store: Store;
}
