/**
 * Dutch public holidays and working days, for the reminder digest: nobody gets a reminder on a Saturday, a Sunday
 * or a public holiday; what would have been said then is said on the next working day.
 *
 * Which days: the Algemene termijnenwet, art. 3 (https://wetten.overheid.nl/BWBR0002448), the list Dutch law treats
 * as a Sunday: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, the King's birthday as celebrated,
 * 5 mei and both Kerstdagen. Bevrijdingsdag counts every year, as that law and many CAOs have it (not only every
 * fifth year); Goede Vrijdag is not on the law's list and not a day off in most of youth care, so it is no holiday
 * here. Koningsdag is 27 April, or 26 April when the 27th is a Sunday (Besluit van 2013 over de viering van
 * Koningsdag; https://www.rijksoverheid.nl/onderwerpen/koningshuis/vraag-en-antwoord/wanneer-is-het-koningsdag).
 * Easter Sunday and Whit Sunday are Sundays anyway. Pure integer maths: the workflow bundle may import this.
 */
import { type IsoDate, addDays, isoWeekday } from './calendar';

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

export type DutchHoliday =
  | 'nieuwjaarsdag'
  | 'tweede-paasdag'
  | 'koningsdag'
  | 'bevrijdingsdag'
  | 'hemelvaartsdag'
  | 'tweede-pinksterdag'
  | 'eerste-kerstdag'
  | 'tweede-kerstdag';

/** The public holidays of one year, in calendar order. */
export function dutchPublicHolidays(year: number): { readonly date: IsoDate; readonly holiday: DutchHoliday }[] {
  const easter = easterSunday(year);
  const kingsDay = isoDate(year, 4, 27);
  const holidays: { date: IsoDate; holiday: DutchHoliday }[] = [
    { date: isoDate(year, 1, 1), holiday: 'nieuwjaarsdag' },
    { date: addDays(easter, 1), holiday: 'tweede-paasdag' },
    { date: isoWeekday(kingsDay) === 7 ? isoDate(year, 4, 26) : kingsDay, holiday: 'koningsdag' },
    { date: isoDate(year, 5, 5), holiday: 'bevrijdingsdag' },
    { date: addDays(easter, 39), holiday: 'hemelvaartsdag' },
    { date: addDays(easter, 50), holiday: 'tweede-pinksterdag' },
    { date: isoDate(year, 12, 25), holiday: 'eerste-kerstdag' },
    { date: isoDate(year, 12, 26), holiday: 'tweede-kerstdag' },
  ];
  // Hemelvaartsdag can fall on 5 May (as in 2016): one day, listed once, under the first name it has.
  const byDate = new Map<IsoDate, DutchHoliday>();
  for (const entry of holidays) if (!byDate.has(entry.date)) byDate.set(entry.date, entry.holiday);
  return [...byDate].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([date, holiday]) => ({ date, holiday }));
}

export function dutchHolidayOn(date: IsoDate): DutchHoliday | undefined {
  const year = Number(date.slice(0, 4));
  return dutchPublicHolidays(year).find((entry) => entry.date === date)?.holiday;
}

/** Monday to Friday and not a public holiday. */
export function isDutchWorkingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5 && dutchHolidayOn(date) === undefined;
}

/** The working day itself, or the first one after it. */
export function nextDutchWorkingDay(date: IsoDate): IsoDate {
  let day = date;
  while (!isDutchWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The last working day strictly before `date`. */
export function previousDutchWorkingDay(date: IsoDate): IsoDate {
  let day = addDays(date, -1);
  while (!isDutchWorkingDay(day)) day = addDays(day, -1);
  return day;
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
