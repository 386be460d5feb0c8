/**
 * A named lease (`relay:kafka-relay`, `webhooks`): at most one holder at a time, until its expiry. The expiry is
 * kept by the store's own clock (PostgreSQL's `now()`; on one host, that host's), so the holders' clocks never
 * have to agree; a holder only measures its own time since it last renewed (services/shared/lease/leadership.ts).
 */
export interface LeaseGrant {
  readonly name: string;
  readonly holder: string;
  /**
   * The fencing token: larger for every new holder than for any before it, the same while one holder renews.
   * Whatever a holder writes carries it, so a store that remembers the largest token it has seen can refuse a
   * holder that has already been replaced and does not know it yet (a long pause, a partition). A new token is
   * the last plus one and at least the store's clock in milliseconds: so it still grows when the leases move to
   * another store (SQLite to PostgreSQL) whose own counter starts again, and checkpoints that remember the old
   * store's tokens do not refuse every holder of the new one.
   */
  readonly token: number;
}

export interface LeaseStore {
  /**
   * The lease for `ttlMs` when it is free, expired or already `holder`'s (then it is renewed, same token);
   * undefined while someone else holds it.
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | undefined>;
  /** Extends the holder's unexpired lease by `ttlMs` from now; false when it expired or another holds it. */
  renew(grant: LeaseGrant, ttlMs: number): Promise<boolean>;
  /** Ends the lease at once, so a standby need not wait for the expiry; nothing when it is no longer the holder's. */
  release(grant: LeaseGrant): Promise<void>;
  /** Who holds the lease now, if anyone (for probes and tests). */
  holderOf(name: string): Promise<LeaseGrant | undefined>;
  close(): Promise<void>;
}
