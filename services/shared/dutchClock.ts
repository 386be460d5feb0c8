import { type IsoDate, isoDateOfEpochMs } from '../../workflows/domain/calendar';

/**
 * The calendar date and wall-clock time in the Netherlands at an instant. Dutch HR dates are Dutch dates, and what
 * is "today" for a reminder or a reconciliation is Dutch too: 00:30 in Amsterdam is still yesterday in UTC.
 * From the platform's time-zone data, so a change of the summer-time rule needs no change here.
 */
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DUTCH_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function dutchDate(epochMs: number): IsoDate {
  const parts = DUTCH_DATE.format(new Date(epochMs));
  return /^\d{4}-\d{2}-\d{2}$/.test(parts) ? parts : isoDateOfEpochMs(epochMs);
}

/** HH:MM, so that two times compare as text. */
export function dutchTime(epochMs: number): string {
  return DUTCH_TIME.format(new Date(epochMs));
}
