/**
 * The dates a journey can plan with. Every date the API takes into a journey — the start date of a registration,
 * a new start date, the first and the last day of leave, the last working day — lies within five years of today,
 * either way. A journey dates all its work from such a date (template offsets of up to ten years, leave that moves
 * everything on); a date like 9999-12-31 or 0000-01-01 runs off the calendar (`Datum buiten bereik`), and a
 * journey that fails on its own input fails again on every retry, for good. Refusing the date at the door is the
 * only honest answer. Five years is far more than any hire needs (a start a year or two ahead, a late
 * registration, a leave or termination registered afterwards) and far less than the calendar allows.
 *
 * Pure, like the rest of workflows/domain: the API asks it with its clock, the workflow with its own.
 */
import { type IsoDate, compareDates, daysInMonth, isIsoDate } from './calendar';

/** How far from today, either way, a date may lie. */
export const PLANNING_WINDOW_YEARS = 5;

export interface PlanningWindow {
  /** The first and the last day a journey plans with, both included. */
  readonly earliest: IsoDate;
  readonly latest: IsoDate;
}

/** From the same day five years ago through the same day five years ahead (29 February: the 28th). */
export function planningWindow(today: IsoDate): PlanningWindow {
  return {
    earliest: sameDayYearsFrom(today, -PLANNING_WINDOW_YEARS),
    latest: sameDayYearsFrom(today, PLANNING_WINDOW_YEARS),
  };
}

/** True for a calendar date (`YYYY-MM-DD`) inside the planning window of `today`. */
export function isWithinPlanningWindow(date: unknown, today: IsoDate): date is IsoDate {
  if (!isIsoDate(date)) return false;
  const { earliest, latest } = planningWindow(today);
  return compareDates(date, earliest) >= 0 && compareDates(date, latest) <= 0;
}

function sameDayYearsFrom(date: IsoDate, years: number): IsoDate {
  if (!isIsoDate(date)) throw new RangeError(`Geen geldige datum (JJJJ-MM-DD): "${String(date)}"`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // The calendar ends at 0000 and 9999; a window that would pass an end stops there.
  const shifted = Math.min(9999, Math.max(0, year + years));
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(shifted, 4)}-${pad(month, 2)}-${pad(Math.min(day, daysInMonth(shifted, month)), 2)}`;
}
