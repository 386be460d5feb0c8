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
