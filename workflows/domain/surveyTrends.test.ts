import fc from 'fast-check';
import { type AnswerSet, DEFAULT_QUESTIONNAIRE, type Questionnaire } from './questionnaire';
import { surveyGroupTrends, type WaveResponses } from './surveyGroupTrends';
import { SURVEY_DIMENSIONS, type SurveyGroup } from './surveyGroups';
import { surveyReport } from './surveyReport';
import { surveyTrends, type WaveAnswers, waveYear } from './surveyTrends';

const questionnaire: Questionnaire = { ...DEFAULT_QUESTIONNAIRE, organisationId: 'o1' };
const K = questionnaire.minimumGroupSize;
const scaleItem = questionnaire.items.find((item) => item.kind === 'likert')!;

function answers(n: number, value: number): AnswerSet[] {
  return Array.from({ length: n }, () => {
    const set: Record<string, number> = {};
    for (const item of questionnaire.items)
      if (item.kind !== 'open') set[item.id] = item.kind === 'likert' ? value : 2 * value;
    return set;
  });
}

describe('survey trends across waves and years', () => {
  it('gives every item per wave and per year, the mean of its answers', () => {
    const trends = surveyTrends(questionnaire, [
      { waveId: 'ninety-days-2026-Q1', answers: answers(5, 2) },
      { waveId: 'ninety-days-2025-Q4', answers: answers(6, 4) },
      { waveId: 'ninety-days-2026-Q2', answers: answers(5, 4) },
    ]);
    expect(trends.waves.map((wave) => wave.period)).toEqual([
      'ninety-days-2025-Q4',
      'ninety-days-2026-Q1',
      'ninety-days-2026-Q2',
    ]);
    expect(trends.waves.map((wave) => wave.items?.find((item) => item.itemId === scaleItem.id)?.mean)).toEqual([
      4, 2, 4,
    ]);
    expect(
      trends.years.map((year) => [
        year.period,
        year.responses,
        year.items?.find((item) => item.itemId === scaleItem.id)?.mean,
      ]),
    ).toEqual([
      ['2025', 6, 4],
      ['2026', 10, 3],
    ]);
    expect(trends.waves[0]!.items!.some((item) => item.kind === 'enps' && typeof item.enps === 'number')).toBe(true);
  });

  it('hides a wave under k, and its year when the year minus the shown waves would give that wave away', () => {
    const trends = surveyTrends(questionnaire, [
      { waveId: 'ninety-days-2026-Q1', answers: answers(3, 1) },
      { waveId: 'ninety-days-2026-Q2', answers: answers(10, 5) },
    ]);
    expect(trends.waves.map((wave) => [wave.responses, wave.suppressed])).toEqual([
      [undefined, 'below-minimum'],
      [10, undefined],
    ]);
    expect(trends.years).toEqual([{ period: '2026', suppressed: 'complementary' }]);
  });

  it('property: no shown or derivable figure (wave, year, year minus shown waves) stems from fewer than k people', () => {
    const waves = fc.uniqueArray(
      fc.record({
        year: fc.integer({ min: 2024, max: 2027 }),
        quarter: fc.integer({ min: 1, max: 4 }),
        size: fc.integer({ min: 0, max: 14 }),
      }),
      {
        selector: (wave) => `${wave.year}-${wave.quarter}`,
        maxLength: 10,
      },
    );
    fc.assert(
      fc.property(waves, (drawn) => {
        const input: WaveAnswers[] = drawn.map((wave) => ({
          waveId: `ninety-days-${wave.year}-Q${wave.quarter}`,
          answers: answers(wave.size, 3),
        }));
        const trends = surveyTrends(questionnaire, input);
        for (const wave of trends.waves)
          if (wave.responses !== undefined) expect(wave.responses).toBeGreaterThanOrEqual(K);
        for (const year of trends.years) {
          if (year.responses === undefined) continue;
          expect(year.responses).toBeGreaterThanOrEqual(K);
          const shownInYear = trends.waves
            .filter((wave) => waveYear(wave.period) === year.period)
            .reduce((sum, wave) => sum + (wave.responses ?? 0), 0);
          const derived = year.responses - shownInYear;
          expect(derived === 0 || derived >= K).toBe(true);
        }
        for (const period of [...trends.waves, ...trends.years])
          for (const item of period.items ?? []) expect(item.responses).toBeGreaterThanOrEqual(K);
      }),
      { numRuns: 300 },
    );
  });
});

describe('survey trends per group across waves and years', () => {
  const group = (team: string, location: string, startQuarter = '2026-Q1'): SurveyGroup => ({
    team,
    location,
    startQuarter,
    roleFamily: 'client-work',
    templateId: 'rvdk',
  });
  const responses = (n: number, of: SurveyGroup, value = 3) =>
    answers(n, value).map((set) => ({ group: of, answers: set }));
  const trendsOf = (waves: WaveResponses[], dimension: (typeof SURVEY_DIMENSIONS)[number]) =>
    surveyGroupTrends(
      questionnaire,
      waves,
      surveyTrends(
        questionnaire,
        waves.map((wave) => ({ waveId: wave.waveId, answers: wave.responses.map((response) => response.answers) })),
      ),
      dimension,
    );

  it("shows a team's waves as the wave's report does, and its year as the union of them", () => {
    const waves: WaveResponses[] = [
      {
        waveId: 'ninety-days-2026-Q1',
        responses: [...responses(5, group('Noord', 'Tiel'), 2), ...responses(6, group('Zuid', 'Tiel'))],
      },
      {
        waveId: 'ninety-days-2026-Q2',
        responses: [...responses(5, group('Noord', 'Tiel'), 4), ...responses(5, group('Zuid', 'Tiel'))],
      },
    ];
    const noord = trendsOf(waves, 'team').find((trend) => trend.value === 'Noord')!;
    const mean = (period: { items?: readonly { itemId: string; mean: number }[] }) =>
      period.items?.find((item) => item.itemId === scaleItem.id)?.mean;
    expect(noord.waves.map((wave) => [wave.period, wave.responses, mean(wave)])).toEqual([
      ['ninety-days-2026-Q1', 5, 2],
      ['ninety-days-2026-Q2', 5, 4],
    ]);
    expect(noord.years.map((year) => [year.period, year.responses, mean(year)])).toEqual([['2026', 10, 3]]);
  });

  it("hides a team's year when the year minus its shown wave would give a wave of that team under k away", () => {
    // Q2: Noord has 3 of 10 answers, hidden in the wave; in the year Noord has 8, and 8 minus Q1's 5 is those 3.
    const waves: WaveResponses[] = [
      {
        waveId: 'ninety-days-2026-Q1',
        responses: [...responses(5, group('Noord', 'Tiel')), ...responses(5, group('Zuid', 'Tiel'))],
      },
      {
        waveId: 'ninety-days-2026-Q2',
        responses: [
          ...responses(3, group('Noord', 'Tiel')),
          ...responses(5, group('Zuid', 'Tiel')),
          ...responses(5, group('West', 'Tiel')),
        ],
      },
    ];
    const team = trendsOf(waves, 'team');
    const noord = team.find((trend) => trend.value === 'Noord')!;
    expect(noord.waves.map((wave) => wave.suppressed)).toEqual([undefined, 'below-minimum']);
    expect(noord.years).toEqual([{ period: '2026', suppressed: 'complementary' }]);
    // Zuid's year (10) is shown; its waves are both shown, so nothing is derived from it.
    expect(team.find((trend) => trend.value === 'Zuid')!.years[0]!.responses).toBe(10);
  });

  it('property: no shown figure of any wave or year, nor any difference of two of them, stems from fewer than k', () => {
    const cell = fc.record({
      team: fc.constantFrom('A', 'B', 'C'),
      location: fc.constantFrom('X', 'Y'),
      startQuarter: fc.constantFrom('2025-Q4', '2026-Q1'),
      size: fc.integer({ min: 0, max: 7 }),
    });
    const waves = fc.uniqueArray(
      fc.record({
        year: fc.integer({ min: 2025, max: 2026 }),
        quarter: fc.integer({ min: 1, max: 4 }),
        cells: fc.array(cell, { maxLength: 6 }),
      }),
      { selector: (wave) => `${wave.year}-${wave.quarter}`, maxLength: 5 },
    );
    fc.assert(
      fc.property(waves, (drawn) => {
        const input: WaveResponses[] = drawn.map((wave) => ({
          waveId: `ninety-days-${wave.year}-Q${wave.quarter}`,
          responses: wave.cells.flatMap((entry) =>
            responses(entry.size, group(entry.team, entry.location, entry.startQuarter)),
          ),
        }));
        // Each answer is a bit: a shown figure is the set of answers it is about.
        const people = input.flatMap((wave) => wave.responses.map((response) => ({ wave: wave.waveId, ...response })));
        const setOf = (predicate: (person: (typeof people)[number]) => boolean) =>
          people.reduce((set, person, index) => (predicate(person) ? set | (1n << BigInt(index)) : set), 0n);
        const size = (set: bigint) => set.toString(2).replace(/0/g, '').length;
        const figures: { name: string; set: bigint; responses: number }[] = [];
        const organisation = surveyTrends(
          questionnaire,
          input.map((wave) => ({ waveId: wave.waveId, answers: wave.responses.map((response) => response.answers) })),
        );
        for (const year of organisation.years)
          if (year.responses !== undefined)
            figures.push({
              name: year.period,
              set: setOf((person) => waveYear(person.wave) === year.period),
              responses: year.responses,
            });
        for (const wave of input) {
          const report = surveyReport({ waveId: wave.waveId, questionnaire, responses: wave.responses, invited: [] });
          if (report.overall)
            figures.push({
              name: wave.waveId,
              set: setOf((person) => person.wave === wave.waveId),
              responses: report.overall.responses,
            });
        }
        for (const dimension of SURVEY_DIMENSIONS)
          for (const trend of trendsOf(input, dimension)) {
            for (const wave of trend.waves)
              if (wave.responses !== undefined)
                figures.push({
                  name: `${wave.period} ${dimension}=${trend.value}`,
                  set: setOf((person) => person.wave === wave.period && person.group[dimension] === trend.value),
                  responses: wave.responses,
                });
            for (const year of trend.years)
              if (year.responses !== undefined)
                figures.push({
                  name: `${year.period} ${dimension}=${trend.value}`,
                  set: setOf(
                    (person) => waveYear(person.wave) === year.period && person.group[dimension] === trend.value,
                  ),
                  responses: year.responses,
                });
          }
        for (const figure of figures) {
          expect(figure.responses).toBe(size(figure.set));
          expect(figure.responses).toBeGreaterThanOrEqual(K);
        }
        // This wave minus last wave, a team's year minus its wave, a team minus a location inside it: none under k.
        for (const outer of figures)
          for (const inner of figures) {
            if ((inner.set & ~outer.set) !== 0n) continue;
            const rest = size(outer.set) - size(inner.set);
            if (rest > 0 && rest < K) throw new Error(`${outer.name} minus ${inner.name} leaves ${rest}`);
          }
        // A group's wave in the trends is shown exactly when the wave's report shows it.
        for (const wave of input) {
          const report = surveyReport({ waveId: wave.waveId, questionnaire, responses: wave.responses, invited: [] });
          for (const { dimension, groups } of report.dimensions)
            for (const reported of groups) {
              const trend = trendsOf(input, dimension).find((entry) => entry.value === reported.value)!;
              const inTrend = trend.waves.find((period) => period.period === wave.waveId)!;
              expect(inTrend.responses).toBe(reported.figures?.responses);
            }
        }
      }),
      { numRuns: 200 },
    );
  });
});
