import { type IsoDate, epochMsOfDate, isIsoDate } from '../../../workflows/domain/calendar';

const AMSTERDAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * Dutch wall-clock time to a UTC instant, from the platform's time-zone data (as services/hris-connector/clock.ts
 * reads Dutch dates), so a change of the summer-time rule needs no change here. A time that happens twice (the
 * hour the clocks go back) is the first, in summer time; one that does not exist (the hour they go forward) is
 * read in winter time, so 02:30 on that day is 03:30 summer time.
 */
export function amsterdamTimeToUtc(date: IsoDate, time: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a time (HH:MM): "${time}"`);
  const wallClockMs = epochMsOfDate(date) + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  // The offsets in force a day before and a day after: a transition happens at most once in between.
  const before = offsetMs(wallClockMs - 86_400_000);
  const after = offsetMs(wallClockMs + 86_400_000);
  const fits = [before, after].filter((offset) => offsetMs(wallClockMs - offset) === offset);
  return new Date(wallClockMs - (fits.length > 0 ? Math.max(...fits) : Math.min(before, after)));
}

/** How far Amsterdam's clocks are ahead of UTC at `epochMs`. */
function offsetMs(epochMs: number): number {
  const part = Object.fromEntries(
    AMSTERDAM.formatToParts(new Date(epochMs)).map(({ type, value }) => [type, Number(value)]),
  );
  const wallClockMs = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wallClockMs - Math.floor(epochMs / 1000) * 1000;
}
