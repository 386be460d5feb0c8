import fc from 'fast-check';
import {
  addDays,
  compareDates,
  daysBetween,
  daysInMonth,
  epochMsOfDate,
  fromEpochDay,
  isIsoDate,
  isLeapYear,
  isoDateOfEpochMs,
  isoWeekday,
  laterOf,
  toEpochDay,
} from './calendar';

describe('calendar', () => {
  it('knows the leap-year rule, including centuries', () => {
    expect([2024, 2000, 1600].map(isLeapYear)).toEqual([true, true, true]);
    expect([2023, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('accepts only real dates in YYYY-MM-DD form', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const wrong of ['2023-02-29', '2024-2-1', '2024-13-01', '2024-04-31', '2024-00-10', '20240101', '', 3]) {
      expect(isIsoDate(wrong)).toBe(false);
    }
  });

  it('crosses month ends, year ends and leap days', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2025-01-01', 730)).toBe('2027-01-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2025-02-01', '2025-03-01')).toBe(28);
    expect(daysBetween('2025-03-01', '2025-02-01')).toBe(-28);
    expect(compareDates('2025-01-02', '2025-01-01')).toBeGreaterThan(0);
    expect(laterOf('2025-01-02', '2025-01-05')).toBe('2025-01-05');
  });

  it('anchors epoch days and weekdays to known dates', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(19_723)).toBe('2024-01-01');
    expect(isoWeekday('2024-01-01')).toBe(1); // a Monday
    expect(isoWeekday('2025-03-02')).toBe(7); // a Sunday
    expect(isoWeekday('1969-12-31')).toBe(3); // before the epoch too
  });

  it('agrees with the platform calendar on instants', () => {
    expect(isoDateOfEpochMs(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe('2024-02-29');
    expect(epochMsOfDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it('rejects what is not a date or not a whole day, in Dutch', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(/Geen geldige datum/);
    expect(() => addDays('2023-02-01', 1.5)).toThrow(/Geen hele dagen/);
  });

  it('pins the 400-year leap day and the days around it to their epoch days', () => {
    // 2000 is divisible by 100 and by 400: a leap year that a rule forgetting the 400 gets wrong.
    expect(toEpochDay('2000-02-28')).toBe(11_015);
    expect(toEpochDay('2000-02-29')).toBe(11_016);
    expect(toEpochDay('2000-03-01')).toBe(11_017);
    expect(fromEpochDay(11_016)).toBe('2000-02-29');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2000-03-01', -1)).toBe('2000-02-29');
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(toEpochDay('2100-03-01')).toBe(47_541);
    expect(daysBetween('1999-03-01', '2000-03-01')).toBe(366);
    expect(daysBetween('1900-03-01', '1901-03-01')).toBe(365);
  });

  it('knows the length of every month', () => {
    const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    expect(months.map((month) => daysInMonth(2025, month))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(months.map((month) => daysInMonth(2000, month))).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([2004, 1996].map(isLeapYear)).toEqual([true, true]);
    expect([2001, 2002, 2003].map(isLeapYear)).toEqual([false, false, false]);
  });

  it('accepts a date only as the whole value, and only the days a month has', () => {
    for (const wrong of [
      ' 2024-02-29',
      '2024-02-29 ',
      'x2024-02-29',
      '2024-02-29T00:00',
      '12024-02-29',
      '2024-02-290',
      '2024-01-32',
      '2024-01-00',
      '2024-11-31',
    ]) {
      expect(isIsoDate(wrong)).toBe(false);
    }
    for (const right of ['2024-01-31', '2024-12-31', '2024-12-01', '2024-11-30', '0000-01-01', '9999-12-31']) {
      expect(isIsoDate(right)).toBe(true);
    }
  });

  it('covers years 0000 to 9999 and refuses a day outside them, naming the year in Dutch', () => {
    expect(toEpochDay('0000-01-01')).toBe(-719_528);
    expect(toEpochDay('9999-12-31')).toBe(2_932_896);
    expect(fromEpochDay(-719_528)).toBe('0000-01-01');
    expect(fromEpochDay(2_932_896)).toBe('9999-12-31');
    expect(() => fromEpochDay(2_932_897)).toThrow(new RangeError('Datum buiten bereik: jaar 10000'));
    expect(() => fromEpochDay(-719_529)).toThrow(new RangeError('Datum buiten bereik: jaar -1'));
    expect(() => addDays('9999-12-31', 1)).toThrow(/jaar 10000/);
  });

  it('orders dates both ways and keeps the first of two equal dates', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(laterOf('2025-01-05', '2025-01-02')).toBe('2025-01-05');
    expect(laterOf('2025-01-02', '2025-01-02')).toBe('2025-01-02');
  });

  it('orders across months and years by the calendar, and refuses to order what is no date', () => {
    expect(compareDates('2024-12-31', '2025-01-01')).toBeLessThan(0);
    expect(compareDates('2025-02-01', '2025-01-31')).toBeGreaterThan(0);
    expect(() => compareDates('2025-02-30', '2025-01-01')).toThrow(
      new RangeError('Geen geldige datum (JJJJ-MM-DD): "2025-02-30"'),
    );
    expect(() => compareDates('2025-01-01', '2025-1-2')).toThrow(
      new RangeError('Geen geldige datum (JJJJ-MM-DD): "2025-1-2"'),
    );
  });

  it('takes the UTC day of an instant before the epoch, and refuses a fraction of a day', () => {
    expect(isoDateOfEpochMs(Date.UTC(1969, 11, 31, 12))).toBe('1969-12-31');
    expect(isoDateOfEpochMs(Date.UTC(2024, 2, 1))).toBe('2024-03-01');
    expect(epochMsOfDate('1969-12-31')).toBe(-86_400_000);
    expect(() => fromEpochDay(1.5)).toThrow(new RangeError('Geen hele dag: 1.5'));
    expect(() => addDays('2023-02-01', 1.5)).toThrow(new RangeError('Geen hele dagen: 1.5'));
    expect(() => toEpochDay('2023-02-29')).toThrow(new RangeError('Geen geldige datum (JJJJ-MM-DD): "2023-02-29"'));
  });

  it('round-trips and matches Date.UTC for any day in four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: -1000, max: 1000 }), (day, shift) => {
        const date = fromEpochDay(day);
        expect(isIsoDate(date)).toBe(true);
        expect(toEpochDay(date)).toBe(day);
        expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(date);
        expect(daysBetween(date, addDays(date, shift))).toBe(shift);
      }),
    );
  });
});
