import type { Clock } from '../../services/hris-connector/clock';

/**
 * Time the test moves: `sleep` passes the time at once (and remembers it was asked), so waiting out a Retry-After
 * or an hour-long token takes no real time. The fakes read the same clock, so they see the wait as honoured.
 */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private epochMs: number = Date.parse('2026-05-04T08:00:00Z')) {}

  now(): number {
    return this.epochMs;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    // Concurrent sleepers wake at their own time, not at the sum of everyone's sleeps.
    const wakeAt = this.epochMs + Math.max(0, ms);
    await Promise.resolve();
    this.epochMs = Math.max(this.epochMs, wakeAt);
  }

  advance(ms: number): void {
    this.epochMs += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

export const DAY_MS = 86_400_000;

/**
 * Real time, running `factor` times faster: for tests where many calls interleave (rate limits), so that the order
 * in which the fake sees requests is the order in which time passed.
 */
export class ScaledClock implements Clock {
  private readonly realStart = Date.now();

  constructor(
    private readonly factor: number,
    private readonly start: number = Date.parse('2026-05-04T08:00:00Z'),
  ) {}

  now(): number {
    return this.start + (Date.now() - this.realStart) * this.factor;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / this.factor)));
  }
}
