import { type IsoDate, addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';

/** Today's UTC date moved by whole days (negative: the past), as the suites date hires relative to the run. */
export function daysFromToday(days: number): IsoDate {
  return addDays(isoDateOfEpochMs(Date.now()), days);
}
