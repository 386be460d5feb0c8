import { type CoffeeMomentChoice, WORKING_HOURS, isWithinWorkingHours } from '../../workflows/domain/coffeeMoment';
import { amsterdamTimeToUtc } from '../worker/mail/amsterdamTime';
import { refuseUnplannableDates } from '../registration/plannableDates';
import { Problem } from '../problems/problem';

/**
 * Refuses a coffee moment a mentor cannot plan, before anything is stored: one that has begun already (422
 * `/problems/coffee-moment-in-the-past`) or lies outside working hours (422
 * `/problems/coffee-moment-outside-working-hours`, workflows/domain/coffeeMoment.ts).
 */
export function refuseUnplannableCoffeeMoment(choice: CoffeeMomentChoice, now: Date = new Date()): void {
  refuseUnplannableDates({ '/coffeeMoment/date': choice.date }, now);
  const startsAt = amsterdamTimeToUtc(choice.date, choice.time);
  // Dates and times only: this error is read in Dutch and in English alike.
  const at = `${choice.date} ${choice.time}`;
  if (startsAt.getTime() <= now.getTime())
    throw new Problem(422, 'coffee-moment-in-the-past', { at }, [{ pointer: '/coffeeMoment', detail: at }]);
  if (!isWithinWorkingHours(choice))
    throw new Problem(
      422,
      'coffee-moment-outside-working-hours',
      { at, from: WORKING_HOURS.from, until: WORKING_HOURS.until },
      [{ pointer: '/coffeeMoment', detail: `${at} +${choice.durationMinutes}′` }],
    );
}
