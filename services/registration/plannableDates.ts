import { isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { isWithinPlanningWindow, planningWindow } from '../../workflows/domain/planningWindow';
import { type FieldError, Problem } from '../problems/problem';

/**
 * Refuses a request whose dates a journey cannot plan with (workflows/domain/planningWindow.ts): 400
 * `/problems/date-outside-planning-window`, before anything is stored. The keys are JSON pointers into the body
 * (`/startDate`); dates the contract has already checked for their format, absent ones are skipped.
 */
export function refuseUnplannableDates(
  dates: Readonly<Record<string, string | undefined>>,
  now: Date = new Date(),
): void {
  const today = isoDateOfEpochMs(now.getTime());
  const { earliest, latest } = planningWindow(today);
  const errors: FieldError[] = Object.entries(dates)
    .filter(([, date]) => date !== undefined && !isWithinPlanningWindow(date, today))
    // Dates and symbols only: this error is read in Dutch and in English alike.
    .map(([pointer, date]) => ({ pointer, detail: `${date} ∉ [${earliest}, ${latest}]` }));
  if (errors.length > 0) throw new Problem(400, 'date-outside-planning-window', { earliest, latest }, errors);
}
