import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DEFAULT_FAILED_AUTHENTICATION_LIMITS, type FailedAuthenticationLimits } from '../shared/config';

/** Thrown when a client has to wait: the API answers 429 with Retry-After. */
export class TooManyFailedAuthentications extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many refused credentials; retry after ${retryAfterSeconds} s`);
    this.name = 'TooManyFailedAuthentications';
  }
}

/**
 * Counts refused credentials (every 401) per client address and per API key id, in this process's memory: a
 * restart forgives, which is fine for slowing guessing down; several API processes each count their own.
 *
 * An address over its limit is refused before its credentials are even looked at, for the rest of the window.
 * A key id over its limit only turns its wrong secrets into 429s: key ids are not secret (they are in the audit
 * trail as `api-key:<id>`), so refusing the right secret too would let anyone lock an integration out.
 */
export class FailedAuthentications {
  private readonly byAddress: RateLimiterMemory;
  private readonly byKeyId: RateLimiterMemory;

  constructor(private readonly limits: FailedAuthenticationLimits = DEFAULT_FAILED_AUTHENTICATION_LIMITS) {
    const options = { points: limits.failures, duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
    this.byAddress = new RateLimiterMemory({ ...options, keyPrefix: 'address' });
    this.byKeyId = new RateLimiterMemory({ ...options, keyPrefix: 'key' });
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
async function consume(limiter: RateLimiterMemory, key: string): Promise<number | undefined> {
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
