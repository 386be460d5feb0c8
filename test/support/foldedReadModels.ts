import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { ALL_PROJECTIONS, type ReadModelDb, openReadModels, rebuild } from '../../services/projections';
import { readThrough } from './readThrough';

export interface FoldedReadModels {
  /** The folder both files are in, for a test that opens another read model beside them. */
  readonly directory: string;
  readonly store: SqliteEventStore;
  readonly db: ReadModelDb;
}

/**
 * For a describe block: an event store in a fresh folder, written once by `write`, and every projection rebuilt
 * from it, before the block's tests; both closed and the folder removed after them. Read through the getters
 * inside tests (they are set once beforeAll has run).
 */
export function useFoldedReadModels(
  folderPrefix: string,
  write: (store: SqliteEventStore) => Promise<void>,
): FoldedReadModels {
  let opened: FoldedReadModels | undefined;
  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), folderPrefix));
    const store = new SqliteEventStore(join(directory, 'events.sqlite'));
    await write(store);
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    await rebuild(store, db, ALL_PROJECTIONS);
    opened = { directory, store, db };
  });
  afterAll(async () => {
    if (!opened) return;
    opened.db.close();
    await opened.store.close();
    rmSync(opened.directory, { recursive: true, force: true });
  });
  const current = (): FoldedReadModels => {
    if (!opened) throw new Error('The read models are folded in beforeAll: read them inside a test');
    return opened;
  };
  return readThrough(current, { directory: true, store: true, db: true });
}
