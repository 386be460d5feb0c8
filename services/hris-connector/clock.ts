import { setTimeout as sleepFor } from 'node:timers/promises';

/**
 * Time as the connector sees it, injectable so tests can pass an hour (token expiry) or 90 days (retention)
 * without waiting. `sleep` is part of it because waiting out a 429 is waiting in the connector's time.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? sleepFor(ms) : Promise.resolve()),
};
