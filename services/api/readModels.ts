import type { EventStore } from '../event-store/eventStore';
import { ALL_PROJECTIONS, type ReadModelDb, openReadModels, readModelFileId, startProjections } from '../projections';
import { holdLease } from '../shared/lease/leaseHolding';
import type { LeaseStore } from '../shared/lease/leaseStore';
import type { Logger } from '../shared/logger';

export interface ApiReadModels {
  readonly db: ReadModelDb;
  close(): Promise<void>;
}

/** The lease the API replicas sharing one read-model file take turns on, and its times (LEASE_* settings). */
export interface ProjectionLease {
  readonly store: LeaseStore;
  readonly ttlMs: number;
  readonly renewMs: number;
}

/**
 * The read models the API lists from, kept up to date in the same process: one projection runner per read-model
 * file (see services/projections), and the API is the part that reads them. With `lease`, only the replica that
 * holds the file's lease runs it: every replica on the file would otherwise fold every event and keep moving the
 * checkpoints from under each other (correct, each restart re-reads from the stored checkpoint, but N times the
 * work). Every replica reads the file either way; a standby starts projecting within the lease's time after the
 * holder stopped.
 */
export function openApiReadModels(
  path: string,
  store: EventStore,
  logger: Logger,
  options: { retryDelayMs?: number; lease?: ProjectionLease } = {},
): ApiReadModels {
  const db = openReadModels(path);
  const { lease, ...runnerOptions } = options;
  const start = async () => startProjections({ store, db, projections: ALL_PROJECTIONS, logger, ...runnerOptions });
  const runner = lease
    ? holdLease({
        leases: lease.store,
        name: `projections:${readModelFileId(db)}`,
        ttlMs: lease.ttlMs,
        renewMs: lease.renewMs,
        logger,
        // No fencing needed: a late holder's batch is refused by the checkpoint it expected (CheckpointMovedError).
        start,
      })
    : startProjections({ store, db, projections: ALL_PROJECTIONS, logger, ...runnerOptions });
  return {
    db,
    close: async () => {
      await runner.stop();
      db.close();
    },
  };
}
