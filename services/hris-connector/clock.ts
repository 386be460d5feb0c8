import { setTimeout as sleepFor } from 'node:timers/promises';
import { type IsoDate, isoDateOfEpochMs } from '../../workflows/domain/calendar';

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

/**
 * The calendar date in the Netherlands at `epochMs`: hire and discharge dates in Dutch HR systems are Dutch dates,
 * so "today" must be too (00:30 in Amsterdam is still yesterday in UTC).
 */
export function dutchDate(epochMs: number): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(epochMs));
  return /^\d{4}-\d{2}-\d{2}$/.test(parts) ? parts : isoDateOfEpochMs(epochMs);
}
