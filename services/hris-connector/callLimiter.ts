import type { Clock } from './clock';

export interface CallLimits {
  /** Calls in flight at once (YouForce: 3 per app). */
  readonly maxConcurrent: number;
  /**
   * Least time between the starts of two calls. YouForce allows 100 a minute "smoothed to 1 call per 0.6 s"
   * (guides_usage_limits.html); spacing the starts keeps us under the limit instead of bouncing off it.
   */
  readonly minIntervalMs: number;
}

/**
 * Keeps an adapter inside its vendor's limits: a semaphore for concurrency, evenly spaced starts for the rate,
 * and a shared pause after a 429 so that every waiting call honours the server's Retry-After, not just the one
 * that got it.
 */
export class CallLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private nextStartAt = 0;
  private pausedUntil = 0;

  constructor(
    private readonly limits: CallLimits,
    private readonly clock: Clock,
  ) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.waitForTurn();
      return await call();
    } finally {
      this.release();
    }
  }

  /** Nothing starts before `epochMs` (a Retry-After). */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  private async waitForTurn(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now);
        continue;
      }
      // Reserve the slot before sleeping, so calls queued behind keep their order and their spacing.
      const startAt = Math.max(now, this.nextStartAt);
      this.nextStartAt = startAt + this.limits.minIntervalMs;
      if (startAt > now) await this.clock.sleep(startAt - now);
      // A 429 that arrived while this call waited holds it back as well.
      if (this.clock.now() >= this.pausedUntil) return;
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limits.maxConcurrent) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3); unreadable or absent: `fallbackMs`. */
export function retryAfterMs(header: string | null, nowMs: number, fallbackMs: number): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - nowMs);
}
