import { listQueryOf, totalOf } from '../../web/src/features/hires/hireFilters';

/** What the overview asks of GET /hires for its filters, and the total its table caption names (hireFilters.ts). */
describe('the hires overview filters', () => {
  it('asks the API for every filter set, trimmed, and for a start month only once it is whole', () => {
    expect(listQueryOf({})).toEqual({});
    expect(listQueryOf({ stage: 'ended', team: 'Team Tiel', location: 'Tiel', search: '  h-10 ' })).toEqual({
      stage: 'ended',
      team: 'Team Tiel',
      location: 'Tiel',
      search: 'h-10',
    });
    expect(listQueryOf({ search: '   ', team: '', startMonth: '2027-0' })).toEqual({});
    expect(listQueryOf({ startMonth: '2027-02' })).toEqual({ startMonth: '2027-02' });
    // Whole but no month: the API's refusal is shown, not hidden.
    expect(listQueryOf({ startMonth: '2027-13' })).toEqual({ startMonth: '2027-13' });
  });

  it('totals every stage, or the chosen one', () => {
    const stages = { registered: 1, preboarding: 3, onboarding: 2, 'on-leave': 0, leaving: 1, ended: 2 };
    expect(totalOf(stages, undefined)).toBe(9);
    expect(totalOf(stages, 'onboarding')).toBe(2);
    expect(totalOf(stages, 'on-leave')).toBe(0);
  });
});
