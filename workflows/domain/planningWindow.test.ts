import { PLANNING_WINDOW_YEARS, isWithinPlanningWindow, planningWindow } from './planningWindow';

describe('the planning window', () => {
  it('runs from the same day five years back through the same day five years ahead, both included', () => {
    expect(PLANNING_WINDOW_YEARS).toBe(5);
    expect(planningWindow('2026-12-02')).toEqual({ earliest: '2021-12-02', latest: '2031-12-02' });
    for (const inside of ['2021-12-02', '2026-12-02', '2031-12-02'])
      expect(isWithinPlanningWindow(inside, '2026-12-02')).toBe(true);
    for (const outside of ['2021-12-01', '2031-12-03'])
      expect(isWithinPlanningWindow(outside, '2026-12-02')).toBe(false);
  });

  it('takes 28 February for a 29 February that the other year lacks, and keeps it where that year has one', () => {
    expect(planningWindow('2024-02-29')).toEqual({ earliest: '2019-02-28', latest: '2029-02-28' });
    expect(planningWindow('2023-02-28')).toEqual({ earliest: '2018-02-28', latest: '2028-02-28' });
    // 2000 and 2010: only 2000 (divisible by 400) has a leap day.
    expect(planningWindow('2005-02-28').earliest).toBe('2000-02-28');
    expect(planningWindow('1995-03-31')).toEqual({ earliest: '1990-03-31', latest: '2000-03-31' });
  });

  it('stops at the ends of the calendar instead of running off it', () => {
    expect(planningWindow('0003-06-15')).toEqual({ earliest: '0000-06-15', latest: '0008-06-15' });
    expect(planningWindow('9997-01-09')).toEqual({ earliest: '9992-01-09', latest: '9999-01-09' });
    expect(isWithinPlanningWindow('9999-12-31', '2026-12-02')).toBe(false);
    expect(isWithinPlanningWindow('0000-01-01', '2026-12-02')).toBe(false);
  });

  it('holds no value that is not a real date, and refuses a today that is not one, in Dutch', () => {
    for (const wrong of ['2026-02-30', '2026-12-2', 20261202, null, undefined])
      expect(isWithinPlanningWindow(wrong, '2026-12-02')).toBe(false);
    expect(() => planningWindow('2026-02-30')).toThrow(new RangeError('Geen geldige datum (JJJJ-MM-DD): "2026-02-30"'));
  });
});
