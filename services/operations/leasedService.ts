import { type CheckpointStore, fencedCheckpoints } from '../event-store/eventStore';
import type { Config } from '../shared/config';
import { holdLease, type LeaseHolding } from '../shared/lease/leaseHolding';
import { openLeaseStore } from '../shared/lease/openLeaseStore';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics';
import { leaseStoreCheck, type ReadinessCheck } from './readinessChecks';
import { startServiceOperations } from './serviceOperations';

/** What the guarded work is given: where its checkpoints go, and whether it may still send anything. */
export interface LeasedWork {
  readonly metrics: Metrics;
  /** False once the lease may have run out: nothing is published or delivered then. */
  readonly mayRun: () => boolean;
  /** The store's checkpoints, fenced by this holder's token: a save refused as stale stands this instance down. */
  readonly checkpoints: CheckpointStore;
}

/**
 * A service of which one instance is active at a time (the relay, the webhook dispatcher): its ops server with the
 * checks given plus the lease store's, its role on /readyz and in /metrics, and `start` run only while this instance
 * holds `lease` (services/shared/lease/leaseHolding.ts). The rules of holding live here once for both services.
 */
export async function runWhileLeased(options: {
  readonly config: Pick<Config, 'ops' | 'lease' | 'databaseUrl'>;
  readonly logger: Logger;
  readonly lease: string;
  readonly checkpoints: CheckpointStore;
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  readonly start: (work: LeasedWork) => Promise<{ stop(): Promise<void> }>;
}): Promise<{ stop(): Promise<void> }> {
  const { config, logger, lease } = options;
  const leases = await openLeaseStore(config, logger);
  let holding: LeaseHolding | undefined;
  const { metrics, ops } = await startServiceOperations(
    config,
    logger,
    { ...options.checks, leases: leaseStoreCheck(leases.store, lease) },
    { role: () => holding?.role ?? 'standby' },
  );
  holding = holdLease({
    leases: leases.store,
    name: lease,
    ttlMs: config.lease.ttlSeconds * 1000,
    renewMs: config.lease.renewSeconds * 1000,
    logger,
    onRole: (role) => metrics.leaseRole(lease, role),
    start: (grant, held) =>
      options.start({
        metrics,
        mayRun: held.isHeld,
        checkpoints: fencedCheckpoints(options.checkpoints, grant.token, () =>
          held.standDown('checkpoint geweigerd: verouderd token'),
        ),
      }),
  });
  return {
    stop: async () => {
      await ops.close();
      await holding?.stop();
      await leases.close();
    },
  };
}
