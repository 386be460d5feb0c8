import { addDays, isoWeekday } from './calendar';
import {
  dutchHolidayOn,
  dutchPublicHolidays,
  easterSunday,
  isDutchWorkingDay,
  nextDutchWorkingDay,
  previousDutchWorkingDay,
} from './dutchHolidays';

describe('Dutch public holidays', () => {
  it('finds Easter Sunday for known years, including its earliest and latest dates', () => {
    // Published Easter dates (e.g. the tables of the Koninklijke Nederlandse Akademie / timeanddate).
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
    for (const year of [2000, 2019, 2024, 2026, 2100]) expect(isoWeekday(easterSunday(year))).toBe(7);
  });

  it('lists the holidays of 2026 as the Algemene termijnenwet has them', () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', holiday: 'nieuwjaarsdag' },
      { date: '2026-04-06', holiday: 'tweede-paasdag' },
      { date: '2026-04-27', holiday: 'koningsdag' },
      { date: '2026-05-05', holiday: 'bevrijdingsdag' },
      { date: '2026-05-14', holiday: 'hemelvaartsdag' },
      { date: '2026-05-25', holiday: 'tweede-pinksterdag' },
      { date: '2026-12-25', holiday: 'eerste-kerstdag' },
      { date: '2026-12-26', holiday: 'tweede-kerstdag' },
    ]);
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday, never to the 28th', () => {
    expect(isoWeekday('2025-04-27')).toBe(7);
    expect(dutchHolidayOn('2025-04-26')).toBe('koningsdag');
    expect(dutchHolidayOn('2025-04-27')).toBeUndefined();
    expect(dutchHolidayOn('2025-04-28')).toBeUndefined();
    expect(dutchHolidayOn('2024-04-27')).toBe('koningsdag'); // a Saturday: stays
  });

  it('keeps Bevrijdingsdag every year and lists a day that is two holidays once', () => {
    for (const year of [2023, 2024, 2025, 2026]) expect(dutchHolidayOn(`${year}-05-05`)).toBe('bevrijdingsdag');
    const may5th2016 = dutchPublicHolidays(2016).filter((entry) => entry.date === '2016-05-05');
    expect(may5th2016).toHaveLength(1);
    expect(dutchPublicHolidays(2016)).toHaveLength(7);
  });

  it('does not count Goede Vrijdag or an ordinary weekday as a holiday', () => {
    expect(dutchHolidayOn(addDays(easterSunday(2026), -2))).toBeUndefined();
    expect(isDutchWorkingDay('2026-04-03')).toBe(true);
    expect(isDutchWorkingDay('2026-12-02')).toBe(true);
  });

  it('knows working days: no weekends, no holidays', () => {
    expect(isDutchWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(isDutchWorkingDay('2026-12-06')).toBe(false); // Sunday
    expect(isDutchWorkingDay('2026-12-25')).toBe(false); // Friday, Christmas
    expect(nextDutchWorkingDay('2026-12-24')).toBe('2026-12-24');
    expect(nextDutchWorkingDay('2026-12-25')).toBe('2026-12-28');
    expect(previousDutchWorkingDay('2026-12-28')).toBe('2026-12-24');
    expect(previousDutchWorkingDay('2026-04-07')).toBe('2026-04-03'); // past Easter Monday and the weekend
    expect(nextDutchWorkingDay('2026-12-31')).toBe('2026-12-31');
    expect(nextDutchWorkingDay('2027-01-01')).toBe('2027-01-04');
  });
});
