import { type IsoDate, addDays, epochMsOfDate, isIsoDate, isoWeekday } from '../../../workflows/domain/calendar';

/**
 * Dutch wall-clock time to a UTC instant, by the EU summer-time rule (last Sunday of March to last Sunday of
 * October, switching at 01:00 UTC). Written out rather than taken from Intl: the calendar invite must say the
 * same UTC time on every worker, with or without time-zone data installed.
 */
export function amsterdamTimeToUtc(date: IsoDate, time: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a time (HH:MM): "${time}"`);
  const wallClockMs = epochMsOfDate(date) + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  const asSummerTime = wallClockMs - 2 * 3_600_000;
  const year = Number(date.slice(0, 4));
  const summerFrom = epochMsOfDate(lastSunday(year, 3)) + 3_600_000;
  const summerUntil = epochMsOfDate(lastSunday(year, 10)) + 3_600_000;
  return new Date(asSummerTime >= summerFrom && asSummerTime < summerUntil ? asSummerTime : wallClockMs - 3_600_000);
}

function lastSunday(year: number, month: number): IsoDate {
  const lastDay = addDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
  return addDays(lastDay, -(isoWeekday(lastDay) % 7));
}
