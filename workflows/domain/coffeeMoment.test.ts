import { isWithinWorkingHours } from './coffeeMoment';

describe('a coffee moment within working hours', () => {
  // 2026-12-07 is a Monday.
  it.each([
    ['2026-12-07', '08:00', 30, true],
    ['2026-12-07', '17:30', 30, true],
    ['2026-12-11', '10:00', 120, true],
    ['2026-12-07', '07:45', 30, false],
    ['2026-12-07', '17:45', 30, false],
    ['2026-12-07', '18:00', 15, false],
    ['2026-12-12', '10:00', 30, false],
    ['2026-12-13', '10:00', 30, false],
  ])('%s %s for %i minutes: %s', (date, time, durationMinutes, expected) => {
    expect(isWithinWorkingHours({ date, time, durationMinutes })).toBe(expected);
  });
});
