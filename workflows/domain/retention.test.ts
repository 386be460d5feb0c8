import { type HireTenure, isEarlyLeaver, observationOf, summariseRetention } from './retention';

const today = '2026-12-01';

describe('retention of hires', () => {
  it('leaves out hires who never started and counts notice as employment', () => {
    expect(
      observationOf({ startDate: '2026-11-01', status: 'withdrawn', lastWorkingDay: null }, today),
    ).toBeUndefined();
    expect(observationOf({ startDate: '2027-01-04', status: 'employed', lastWorkingDay: null }, today)).toBeUndefined();
    expect(observationOf({ startDate: '2026-01-01', status: 'left', lastWorkingDay: '2027-01-31' }, today)).toEqual({
      days: 334,
      left: false,
    });
    expect(observationOf({ startDate: '2026-01-01', status: 'left', lastWorkingDay: '2026-04-01' }, today)).toEqual({
      days: 90,
      left: true,
    });
  });

  it('calls a leaver early within the configured bound', () => {
    const leaver: HireTenure = { startDate: '2025-01-01', status: 'left', lastWorkingDay: '2025-10-29' }; // 301 days
    expect(isEarlyLeaver(leaver, today)).toBe(true);
    expect(isEarlyLeaver(leaver, today, 180)).toBe(false);
  });

  it('summarises a cohort with Kaplan–Meier retention per horizon', () => {
    const hires: HireTenure[] = [
      { startDate: '2025-01-06', status: 'left', lastWorkingDay: '2025-03-06' }, // 59 days
      { startDate: '2025-01-06', status: 'employed', lastWorkingDay: null },
      { startDate: '2025-01-06', status: 'employed', lastWorkingDay: null },
      { startDate: '2025-01-06', status: 'left', lastWorkingDay: '2025-09-03' }, // 240 days
      { startDate: '2025-12-01', status: 'employed', lastWorkingDay: null }, // 365 days on `today`: censored
      { startDate: '2025-01-06', status: 'withdrawn', lastWorkingDay: null },
    ];
    const summary = summariseRetention(hires, today);
    expect(summary).toMatchObject({ hires: 6, stillEmployed: 3, left: 2, withdrawn: 1, earlyLeavers: 2 });
    // 5 at risk on day 59 (1 leaves): 4/5; 4 at risk on day 240 (1 leaves): 4/5 × 3/4 = 3/5.
    expect(summary.retention.days90).toBeCloseTo(4 / 5, 12);
    expect(summary.retention.months6).toBeCloseTo(4 / 5, 12);
    expect(summary.retention.year1).toBeCloseTo(3 / 5, 12);
    // Followed for at most 694 days: two years is not yet known.
    expect(summary.retention.years2).toBeNull();
  });
});
