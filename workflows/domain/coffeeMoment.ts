/**
 * When a mentor may plan the first coffee with a new hire: on a working day, within working hours, and it must end
 * by the time working hours do. Both are people at work, and the research's "soft landing" is not an evening
 * appointment (domain.md stage 4). Pure; the API checks "not in the past" against the clock.
 */
import { type IsoDate, isoWeekday } from './calendar';

export const WORKING_HOURS = { from: '08:00', until: '18:00' } as const;

export interface CoffeeMomentChoice {
  readonly date: IsoDate;
  /** HH:MM, Dutch time. */
  readonly time: string;
  readonly durationMinutes: number;
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function isWithinWorkingHours(choice: CoffeeMomentChoice): boolean {
  const starts = minutesOf(choice.time);
  return (
    isoWeekday(choice.date) <= 5 &&
    starts >= minutesOf(WORKING_HOURS.from) &&
    starts + choice.durationMinutes <= minutesOf(WORKING_HOURS.until)
  );
}
