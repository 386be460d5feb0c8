import type { HireSummary } from '../../web/src/api/schemas';
import { locationsOf, matchesAllButStage, stageCounts, teamsOf } from '../../web/src/features/hires/hireFilters';

/** The overview's filters and the counts its funnel draws (web/src/features/hires/hireFilters.ts). */
describe('the hires overview filters', () => {
  const hire = (hireId: string, fields: Partial<HireSummary>): HireSummary => ({
    hireId,
    stage: 'preboarding',
    startDate: '2027-02-01',
    role: 'Jeugdzorgwerker',
    registeredAt: '2027-01-01T00:00:00Z',
    updatedAt: '2027-01-01T00:00:00Z',
    ...fields,
  });
  const hires = [
    hire('h-1', { team: 'Team Tiel', location: 'Tiel' }),
    hire('h-2', { team: 'Team Tiel', location: 'Culemborg', stage: 'onboarding', startDate: '2026-11-01' }),
    hire('h-3', { team: 'Team Buren', location: 'Tiel', stage: 'ended' }),
    hire('h-4', {}),
  ];

  it('filters by location, with team, start month and search, leaving the stage to the counts', () => {
    const ids = (filter: Parameters<typeof matchesAllButStage>[1]) =>
      hires.filter((h) => matchesAllButStage(h, filter)).map((h) => h.hireId);
    expect(ids({ location: 'Tiel' })).toEqual(['h-1', 'h-3']);
    expect(ids({ location: 'Tiel', team: 'Team Tiel' })).toEqual(['h-1']);
    expect(ids({ location: 'Culemborg', startMonth: '2027-02' })).toEqual([]);
    expect(ids({ search: 'culemborg' })).toEqual(['h-2']);
    expect(ids({ stage: 'ended' })).toEqual(['h-1', 'h-2', 'h-3', 'h-4']);
  });

  it('counts every stage, zero included, and offers each team and location once, sorted', () => {
    expect(stageCounts(hires.filter((h) => matchesAllButStage(h, { location: 'Tiel' })))).toEqual({
      registered: 0,
      preboarding: 1,
      onboarding: 0,
      'on-leave': 0,
      leaving: 0,
      ended: 1,
    });
    expect(locationsOf(hires)).toEqual(['Culemborg', 'Tiel']);
    expect(teamsOf(hires)).toEqual(['Team Buren', 'Team Tiel']);
  });
});
