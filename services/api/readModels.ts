import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../event-store/eventStore';
import type { ReadinessCheck } from '../operations/readinessChecks';
import {
  ALL_PROJECTIONS,
  type ReadModelDb,
  catchUp,
  hasCaughtUpOnce,
  markCaughtUp,
  openReadModels,
  readModelFileId,
  startProjections,
} from '../projections';
import { holdLease } from '../shared/lease/leaseHolding';
import type { LeaseStore } from '../shared/lease/leaseStore';
import type { Logger } from '../shared/logger';

export interface ApiReadModels {
  readonly db: ReadModelDb;
  /** For /readyz: up once the file may be answered from (see openApiReadModels). */
  readonly readiness: ReadinessCheck;
  /**
   * True once the readiness check would pass, for the work that reads the file on its own (the mail schedules);
   * false if the read models close or `signal` aborts first.
   */
  whenCaughtUp(signal?: AbortSignal): Promise<boolean>;
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
 * work). A replica with a file of its own (a pod's emptyDir, as the Helm chart gives each API pod) holds that
 * file's lease alone and projects it.
 *
 * The projector first brings the file to the store's end in bulk (catchUp) and marks it, then follows live. Until
 * then the replica is not ready: a new file would answer empty lists and, where the read models decide, refuse a
 * mentor their mentee. A replica standing by on a shared file is ready once the file has been caught up once.
 */
export function openApiReadModels(
  path: string,
  store: EventStore,
  logger: Logger,
  options: { retryDelayMs?: number; lease?: ProjectionLease } = {},
): ApiReadModels {
  const db = openReadModels(path);
  const { lease, ...runnerOptions } = options;
  const retryDelayMs = options.retryDelayMs ?? 2_000;
  const stopping = new AbortController();
  let catchingUp = false;
  // The file's own mark says whether it was caught up once; only this process's own catch-up under way overrides it.
  const isCaughtUp = () => !catchingUp && hasCaughtUpOnce(db);

  /** True once caught up; false when the process stops first. */
  const catchUpUntilDone = async (): Promise<boolean> => {
    catchingUp = true;
    try {
      while (!stopping.signal.aborted) {
        try {
          const { events, seconds } = await catchUp(store, db, ALL_PROJECTIONS);
          markCaughtUp(db);
          logger.info(
            { events, seconds: Number(seconds.toFixed(2)) },
            'leesmodellen bijgewerkt tot het einde van de opslag',
          );
          return true;
        } catch (error) {
          logger.error({ err: error }, 'bijwerken van de leesmodellen mislukt; nieuwe poging');
          await sleep(retryDelayMs, undefined, { signal: stopping.signal }).catch(() => undefined);
        }
      }
      return false;
    } finally {
      catchingUp = false;
    }
  };
  const start = async (): Promise<{ stop(): Promise<void> }> => {
    if (!(await catchUpUntilDone())) return { stop: async () => undefined };
    return startProjections({ store, db, projections: ALL_PROJECTIONS, logger, ...runnerOptions });
  };
  const runner: { stop(): Promise<void> } = lease
    ? holdLease({
        leases: lease.store,
        name: `projections:${readModelFileId(db)}`,
        ttlMs: lease.ttlMs,
        renewMs: lease.renewMs,
        logger,
        // No fencing needed: a late holder's batch is refused by the checkpoint it expected (CheckpointMovedError).
        start,
      })
    : unleased(start);
  return {
    db,
    readiness: {
      label: 'read models (catching up)',
      check: async () => {
        if (!isCaughtUp()) throw new Error('read models not caught up yet');
      },
    },
    whenCaughtUp: async (signal) => {
      const either = signal ? AbortSignal.any([stopping.signal, signal]) : stopping.signal;
      // Asked before the file is: once the read models close, their file may be closed too.
      while (!either.aborted) {
        if (isCaughtUp()) return true;
        await sleep(250, undefined, { signal: either }).catch(() => undefined);
      }
      return false;
    },
    close: async () => {
      stopping.abort();
      await runner.stop();
      db.close();
    },
  };
}

/** The runner started without a lease (one process on the file): stopping waits for a start still under way. */
function unleased(start: () => Promise<{ stop(): Promise<void> }>): { stop(): Promise<void> } {
  const started = start();
  return { stop: async () => (await started).stop() };
}
