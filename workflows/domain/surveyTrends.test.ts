import fc from 'fast-check';
import { type AnswerSet, DEFAULT_QUESTIONNAIRE, type Questionnaire } from './questionnaire';
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
