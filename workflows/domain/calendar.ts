/**
 * Whole-day calendar arithmetic on ISO dates (`YYYY-MM-DD`), proleptic Gregorian, UTC.
 * Pure integer maths (no `Date`, no time zone): the Temporal workflow bundle imports this, and a journey's
 * due dates must come out the same on every replay, on every machine.
 */

/** A calendar date `YYYY-MM-DD`; a plain string so it crosses Temporal's JSON payloads unchanged. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date: `2024-02-29` is, `2023-02-29` and `2024-2-1` are not. */
export function isIsoDate(value: unknown): value is IsoDate {
  return fieldsOf(value) !== undefined;
}

/** Year, month and day of a real calendar date; undefined for anything else. One regex run: the journey calls it a lot. */
function fieldsOf(value: unknown): { year: number; month: number; day: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? { year, month, day } : undefined;
}

function parse(date: IsoDate): { year: number; month: number; day: number } {
  const fields = fieldsOf(date);
  if (!fields) throw new RangeError(`Geen geldige datum (JJJJ-MM-DD): "${String(date)}"`);
  return fields;
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil): exact for every Gregorian date, no loops. */
export function toEpochDay(date: IsoDate): number {
  const { year, month, day } = parse(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Geen hele dag: ${epochDay}`);
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`Datum buiten bereik: jaar ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Geen hele dagen: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * Negative, zero or positive as `a` lies before, on or after `b`. Real `YYYY-MM-DD` dates order as their text does,
 * so once both are checked the text decides: the journey compares dates on every step, for every item.
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  parse(a);
  parse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: IsoDate): number {
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** The UTC calendar day of an instant; the workflow passes its deterministic clock here to learn "today". */
export function isoDateOfEpochMs(epochMs: number): IsoDate {
  return fromEpochDay(Math.floor(epochMs / MS_PER_DAY));
}

/** Midnight UTC at the start of `date`, for timers that wait until a planned day. */
export function epochMsOfDate(date: IsoDate): number {
  return toEpochDay(date) * MS_PER_DAY;
}
