import type { Pool } from 'pg';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { type Migration, migrate } from '../shared/postgres/migrations';
import { DEFAULT_FAILED_AUTHENTICATION_LIMITS, type FailedAuthenticationLimits } from '../shared/config';

/** Thrown when a client has to wait: the API answers 429 with Retry-After. */
export class TooManyFailedAuthentications extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many refused credentials; retry after ${retryAfterSeconds} s`);
    this.name = 'TooManyFailedAuthentications';
  }
}

/**
 * Where the counts live: in this process's memory (one API process), or in a PostgreSQL table that every API replica
 * shares (DATABASE_URL), so that a client spreading its guesses over the replicas behind a load balancer still
 * meets one limit, not one per replica.
 */
export type FailureCounts = { readonly kind: 'memory' } | { readonly kind: 'postgres'; readonly pool: Pool };

/** The table, in the shape rate-limiter-flexible's RateLimiterPostgres reads and writes (key, points, expire). */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'auth_failures: refused credentials per client address and API key id, shared by the replicas',
    sql: `CREATE TABLE auth_failures (
      key    VARCHAR(255) PRIMARY KEY,
      points INTEGER NOT NULL DEFAULT 0,
      expire BIGINT
    )`,
  },
];

/** The shared counts of DATABASE_URL's database, its table migrated first. */
export async function postgresFailureCounts(pool: Pool): Promise<FailureCounts> {
  await migrate(pool, 'auth-failures', MIGRATIONS);
  return { kind: 'postgres', pool };
}

/**
 * Counts refused credentials (every 401) per client address and per API key id (FailureCounts says where). In
 * memory a restart forgives, which is fine for slowing guessing down. In PostgreSQL a database that does not
 * answer falls back to this process's own count (rate-limiter-flexible's insurance limiter) rather than failing
 * the request or letting guesses through uncounted.
 *
 * An address over its limit is refused before its credentials are even looked at, for the rest of the window.
 * A key id over its limit only turns its wrong secrets into 429s: key ids are not secret (they are in the audit
 * trail as `api-key:<id>`), so refusing the right secret too would let anyone lock an integration out.
 */
export class FailedAuthentications {
  private readonly byAddress: RateLimiterAbstract;
  private readonly byKeyId: RateLimiterAbstract;

  constructor(
    private readonly limits: FailedAuthenticationLimits = DEFAULT_FAILED_AUTHENTICATION_LIMITS,
    counts: FailureCounts = { kind: 'memory' },
  ) {
    const options = { points: limits.failures, duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
    const limiter = (keyPrefix: string): RateLimiterAbstract => {
      const inMemory = new RateLimiterMemory({ ...options, keyPrefix });
      if (counts.kind === 'memory') return inMemory;
      return new RateLimiterPostgres({
        ...options,
        keyPrefix,
        storeClient: counts.pool,
        tableName: 'auth_failures',
        tableCreated: true,
        insuranceLimiter: inMemory,
      });
    };
    this.byAddress = limiter('address');
    this.byKeyId = limiter('key');
  }

  /** Before credentials are checked: throws when this address has been refused too often. */
  async refuseWhileBlocked(address: string): Promise<void> {
    const state = await this.byAddress.get(address);
    if (state && state.consumedPoints > this.limits.failures)
      throw new TooManyFailedAuthentications(secondsUntil(state));
  }

  /**
   * After credentials were refused: counts the refusal for the address and the key id (when the credential named
   * one) and throws when either is now over its limit, so the client hears 429 instead of 401.
   */
  async recordRefusal(address: string, keyId?: string): Promise<void> {
    const waits = await Promise.all([
      consume(this.byAddress, address),
      keyId === undefined ? undefined : consume(this.byKeyId, keyId),
    ]);
    const wait = Math.max(...waits.map((seconds) => seconds ?? 0));
    if (wait > 0) throw new TooManyFailedAuthentications(wait);
  }
}

/** Seconds to wait when this refusal went over the limit; undefined while within it. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return secondsUntil(rejection);
    throw rejection;
  }
}

function secondsUntil(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
