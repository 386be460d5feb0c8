import fc from 'fast-check';
import { DEFAULT_QUESTIONNAIRE, type Questionnaire } from './questionnaire';
import { SURVEY_DIMENSIONS, type SurveyGroup } from './surveyGroups';
import { type GroupCell, discloseGroups, surveyReport } from './surveyReport';

const questionnaire: Questionnaire = { ...DEFAULT_QUESTIONNAIRE, organisationId: 'o1' };
const group = (team: string, location = 'Tiel', extra: Partial<SurveyGroup> = {}): SurveyGroup => ({
  team,
  location,
  startQuarter: '2026-Q3',
  roleFamily: 'client-work',
  templateId: 'rvdk',
  ...extra,
});

function answersFor(seed: number): Record<string, number | string> {
  const answers: Record<string, number | string> = {};
  for (const item of questionnaire.items) {
    if (item.kind === 'likert') answers[item.id] = 1 + (seed % 5);
    if (item.kind === 'enps') answers[item.id] = seed % 11;
  }
  return answers;
}

describe('the survey report', () => {
  it('shows nothing of a wave until k answers are released, then the wave and every group of at least k', () => {
    const responses = (n: number, team: string) =>
      Array.from({ length: n }, (_, i) => ({ group: group(team), answers: answersFor(i) }));
    const invited = [
      { group: group('Noord'), count: 8 },
      { group: group('Zuid'), count: 8 },
    ];
    const early = surveyReport({ waveId: 'w', questionnaire, responses: responses(4, 'Noord'), invited });
    expect(early.overall).toBeUndefined();
    expect(early.dimensions.find((d) => d.dimension === 'team')!.groups.every((g) => g.figures === undefined)).toBe(
      true,
    );

    const later = surveyReport({
      waveId: 'w',
      questionnaire,
      responses: [...responses(5, 'Noord'), ...responses(5, 'Zuid')],
      invited,
    });
    expect(later.overall).toMatchObject({ responses: 10, responseRate: 10 / 16 });
    const teams = later.dimensions.find((d) => d.dimension === 'team')!.groups;
    expect(teams.map((g) => [g.value, g.figures?.responses])).toEqual([
      ['Noord', 5],
      ['Zuid', 5],
    ]);
  });

  it('computes the distribution, mean and eNPS of an item', () => {
    const enps = [10, 9, 9, 8, 7, 6, 0];
    const responses = enps.map((value, i) => ({ group: group('Noord'), answers: { ...answersFor(i), enps: value } }));
    const report = surveyReport({
      waveId: 'w',
      questionnaire,
      responses,
      invited: [{ group: group('Noord'), count: 7 }],
    });
    const item = report.overall!.items.find((figures) => figures.itemId === 'enps')!;
    expect(item.distribution).toEqual([1, 0, 0, 0, 0, 0, 1, 1, 1, 2, 1]);
    expect(item.mean).toBeCloseTo(49 / 7, 2);
    // 3 promoters (9, 9, 10), 2 detractors (6, 0) of 7: 14.
    expect(item.enps).toBe(Math.round((100 * (3 - 2)) / 7));
  });

  it('hides a group that would show the small rest of the wave by subtraction', () => {
    const cells: GroupCell[] = [
      { group: group('Noord'), count: 6 },
      { group: group('Zuid'), count: 3 },
    ];
    const disclosure = discloseGroups(cells, 5);
    expect(disclosure.totalShown).toBe(true);
    expect([...disclosure.shown.team]).toEqual([]);
    expect([...disclosure.complementary.team]).toEqual(['Noord']);
  });

  it('hides a location that lies inside a team with fewer than k others', () => {
    // Location Buren (5) lies wholly inside team Noord (7): Noord minus Buren would be 2 people.
    const cells: GroupCell[] = [
      { group: group('Noord', 'Buren'), count: 5 },
      { group: group('Noord', 'Tiel'), count: 2 },
      { group: group('Zuid', 'Tiel'), count: 10 },
    ];
    const disclosure = discloseGroups(cells, 5);
    expect(disclosure.totalShown).toBe(true);
    expect(disclosure.shown.team.has('Noord') && disclosure.shown.location.has('Buren')).toBe(false);
    expect(disclosure.shown.team.has('Zuid') && disclosure.shown.location.has('Tiel')).toBe(false);
  });

  it('never shows, nor lets anyone derive, a figure of fewer than k people (property)', () => {
    // Teams sit at a home location and most of their people work there: groups overlap and nest as in a real
    // organisation, which is where a subtraction between two dimensions could single someone out.
    const locations = ['L1', 'L2', 'L3'] as const;
    const organisation = fc
      .record({
        homes: fc.array(fc.constantFrom(...locations), { minLength: 3, maxLength: 3 }),
        people: fc.array(
          fc.record({
            team: fc.integer({ min: 0, max: 2 }),
            away: fc.option(fc.constantFrom(...locations), { freq: 4 }),
            startQuarter: fc.constantFrom('2026-Q1', '2026-Q2'),
            roleFamily: fc.constantFrom('client-work', 'support'),
          }),
          { maxLength: 40, size: 'max' },
        ),
      })
      .map(({ homes, people }) =>
        people.map(
          (person): SurveyGroup => ({
            team: `T${person.team}`,
            location: person.away ?? homes[person.team]!,
            startQuarter: person.startQuarter,
            roleFamily: person.roleFamily as SurveyGroup['roleFamily'],
            templateId: 't1',
          }),
        ),
      );
    fc.assert(
      fc.property(organisation, fc.integer({ min: 5, max: 8 }), (people, k) => {
        const cells = new Map<string, GroupCell>();
        for (const person of people) {
          const key = JSON.stringify(person);
          cells.set(key, { group: person, count: (cells.get(key)?.count ?? 0) + 1 });
        }
        const disclosure = discloseGroups([...cells.values()], k);
        // Each person is a bit; a set of people is a bigint.
        const everyone = (1n << BigInt(people.length)) - 1n;
        const members = (dimension: (typeof SURVEY_DIMENSIONS)[number], value: string) =>
          people.reduce((set, person, index) => (person[dimension] === value ? set | (1n << BigInt(index)) : set), 0n);
        const size = (set: bigint) => set.toString(2).replace(/0/g, '').length;
        const small = (n: number) => n > 0 && n < k;
        expect(disclosure.totalShown).toBe(people.length >= k);
        const derivable = SURVEY_DIMENSIONS.map((dimension) => {
          const shown = [...disclosure.shown[dimension]].map((value) => members(dimension, value));
          for (const set of shown) expect(size(set)).toBeGreaterThanOrEqual(k);
          const sets: bigint[] = [];
          for (let mask = 0; mask < 1 << shown.length; mask += 1) {
            const union = shown.reduce((acc, set, index) => ((mask >> index) & 1 ? acc | set : acc), 0n);
            sets.push(union);
            if (disclosure.totalShown) sets.push(everyone & ~union);
          }
          return sets;
        });
        for (const sets of derivable) for (const set of sets) expect(small(size(set))).toBe(false);
        derivable.forEach((outerSets, outer) => {
          derivable.forEach((innerSets, inner) => {
            if (outer === inner) return;
            for (const x of outerSets)
              for (const y of innerSets) if ((y & ~x) === 0n) expect(small(size(x) - size(y))).toBe(false);
          });
        });
      }),
      { numRuns: 200 },
    );
  });
});
