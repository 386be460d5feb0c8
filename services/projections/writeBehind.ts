import type { Projection, ReadModelDb } from './projection';

/**
 * Write-behind for a projection that keeps one entry per hire (its rows): an entry is read on a batch's first
 * event of its hire, changed in memory by each event, and written once when the batch ends, inside its
 * transaction. Outside a batch an event's entry is written at once. Whatever a failed batch left behind was rolled
 * back with it, so `begin` forgets it.
 */
export class WriteBehind<T> {
  private readonly batches = new WeakMap<ReadModelDb, Map<string, T>>();

  constructor(private readonly flush: (db: ReadModelDb, entry: T) => void) {}

  /** The projection's `beginBatch` and `endBatch`, spread into it: every batch begins and ends this write-behind. */
  readonly batchHooks: Required<Pick<Projection, 'beginBatch' | 'endBatch'>> = {
    beginBatch: (db) => this.begin(db),
    endBatch: (db) => this.end(db),
  };

  begin(db: ReadModelDb): void {
    this.batches.set(db, new Map());
  }

  end(db: ReadModelDb): void {
    const entries = this.batches.get(db);
    this.batches.delete(db);
    for (const entry of entries?.values() ?? []) this.flush(db, entry);
  }

  /** The hire's entry (one per organisation and hire id), opened if the batch has none yet, changed by `change`. */
  change(
    db: ReadModelDb,
    hire: { readonly organisationId: string; readonly hireId: string },
    open: () => T,
    change: (entry: T) => void,
  ): void {
    const key = `${hire.organisationId}\u0000${hire.hireId}`;
    const batch = this.batches.get(db);
    let entry = batch?.get(key);
    if (entry === undefined) {
      entry = open();
      batch?.set(key, entry);
    }
    change(entry);
    if (!batch) this.flush(db, entry);
  }
}
