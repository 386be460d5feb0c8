import { type AnswerSet, DEFAULT_QUESTIONNAIRE, type Questionnaire } from './questionnaire';
import { recurringWeakItems } from './surveyRecurringWeakItems';
import { surveyTrends, type WaveAnswers } from './surveyTrends';

const questionnaire: Questionnaire = { ...DEFAULT_QUESTIONNAIRE, organisationId: 'o1' };
const K = questionnaire.minimumGroupSize;

/** `n` answers: 4 on every Likert item, 9 for eNPS, except the items given lower. */
function answers(n: number, low: Readonly<Record<string, number>> = {}): AnswerSet[] {
  return Array.from({ length: n }, () => {
    const set: Record<string, number> = {};
    for (const item of questionnaire.items)
      if (item.kind !== 'open') set[item.id] = low[item.id] ?? (item.kind === 'enps' ? 9 : 4);
    return set;
  });
}

const wave = (waveId: string, set: AnswerSet[]): WaveAnswers => ({ waveId, answers: set });
const given = (...waves: WaveAnswers[]) => surveyTrends(questionnaire, waves);
const ids = (result: ReturnType<typeof recurringWeakItems>) => result.items.map((item) => item.itemId);

describe('the items that score worst repeatedly in a year', () => {
  it('given two shown waves, when an item is among the worst three in both, then it recurs with its means', () => {
    const trends = given(
      wave('ninety-days-2026-Q1', answers(K, { 'ingredient-workload': 2, 'first-days-practicalities': 2 })),
      wave('ninety-days-2026-Q2', answers(K, { 'ingredient-workload': 1, 'guidance-mentor': 3 })),
    );

    const result = recurringWeakItems(questionnaire, trends, '2026');

    expect(result.basis).toBe('waves');
    expect(result.periods).toEqual(['ninety-days-2026-Q1', 'ninety-days-2026-Q2']);
    // Q1: workload and practicalities at 2, then the first of the 4s by id; Q2: workload, mentor, then the first 4.
    expect(result.items).toEqual([
      {
        itemId: 'first-days-caseload',
        topic: 'first-ninety-days',
        periods: [
          { period: 'ninety-days-2026-Q1', mean: 4 },
          { period: 'ninety-days-2026-Q2', mean: 4 },
        ],
      },
      {
        itemId: 'ingredient-workload',
        topic: 'attractive-organisation',
        periods: [
          { period: 'ninety-days-2026-Q1', mean: 2 },
          { period: 'ninety-days-2026-Q2', mean: 1 },
        ],
      },
    ]);
    expect(result.topics).toEqual(['first-ninety-days', 'attractive-organisation']);
  });

  it('given equal means, when the worst three are chosen, then the lowest item ids win, the same every time', () => {
    const trends = given(wave('ninety-days-2026-Q1', answers(K)), wave('ninety-days-2026-Q3', answers(K)));

    const first = recurringWeakItems(questionnaire, trends, '2026');

    const likertIds = questionnaire.items.filter((item) => item.kind === 'likert').map((item) => item.id);
    expect(ids(first)).toEqual([...likertIds].sort().slice(0, 3));
    expect(recurringWeakItems(questionnaire, trends, '2026')).toEqual(first);
  });

  it('given three shown waves, when an item is among the worst in only one, then it does not recur', () => {
    const trends = given(
      wave('ninety-days-2026-Q1', answers(K, { 'need-belonging': 1, 'ingredient-trust': 2, 'selection-fair': 2 })),
      wave('ninety-days-2026-Q2', answers(K, { 'need-belonging': 1, 'ingredient-trust': 2, 'guidance-manager': 2 })),
      wave('ninety-days-2026-Q3', answers(K, { 'need-belonging': 2, 'recruitment-one-contact': 1, enps: 0 })),
    );

    const result = recurringWeakItems(questionnaire, trends, '2026');

    expect(ids(result)).toEqual(['need-belonging', 'ingredient-trust']);
    expect(result.items[0]!.periods).toHaveLength(3);
    expect(result.topics).toEqual(['basic-needs', 'attractive-organisation']);
  });

  it('given a wave under k, when the year is analysed, then that wave does not count', () => {
    const trends = given(
      wave('ninety-days-2026-Q1', answers(K, { 'ingredient-trust': 1 })),
      wave('ninety-days-2026-Q2', answers(K - 1, { 'ingredient-trust': 1 })),
      wave('ninety-days-2026-Q3', answers(K, { 'need-belonging': 1 })),
    );

    const result = recurringWeakItems(questionnaire, trends, '2026');

    expect(result.periods).toEqual(['ninety-days-2026-Q1', 'ninety-days-2026-Q3']);
    expect(ids(result)).not.toContain('ingredient-trust');
    expect(ids(result)).not.toContain('need-belonging');
  });

  it('given one shown wave, when the year is analysed, then it is compared with the year before, as years', () => {
    const trends = given(
      wave('ninety-days-2025-Q2', answers(K, { 'ingredient-development': 2, 'need-seen-heard': 1 })),
      wave('ninety-days-2025-Q4', answers(K, { 'ingredient-development': 2 })),
      wave('ninety-days-2026-Q1', answers(K, { 'ingredient-development': 1, 'selection-fair': 2 })),
    );

    const result = recurringWeakItems(questionnaire, trends, '2026');

    expect(result.basis).toBe('years');
    expect(result.periods).toEqual(['2025', '2026']);
    expect(result.items.find((item) => item.itemId === 'ingredient-development')).toEqual({
      itemId: 'ingredient-development',
      topic: 'attractive-organisation',
      periods: [
        { period: '2025', mean: 2 },
        { period: '2026', mean: 1 },
      ],
    });
    // Seen-and-heard was worst only in 2025 (as a year), selection only in 2026.
    expect(ids(result)).not.toContain('need-seen-heard');
    expect(ids(result)).not.toContain('selection-fair');
  });

  it('given one shown wave and no shown year before it, when the year is analysed, then nothing recurs', () => {
    const trends = given(
      wave('ninety-days-2025-Q4', answers(K - 1, { 'ingredient-development': 1 })),
      wave('ninety-days-2026-Q1', answers(K, { 'ingredient-development': 1 })),
    );

    const result = recurringWeakItems(questionnaire, trends, '2026');

    expect(result).toMatchObject({ basis: 'years', periods: [], items: [], topics: [] });
  });

  it('given a year without answers, when it is analysed, then nothing recurs', () => {
    expect(recurringWeakItems(questionnaire, given(), '2026')).toEqual({
      questionnaireId: 'ninety-days',
      year: '2026',
      basis: 'years',
      periods: [],
      items: [],
      topics: [],
    });
  });

  it('given eNPS scores lowest, when the worst are chosen, then eNPS never counts (another scale)', () => {
    const trends = given(
      wave('ninety-days-2026-Q1', answers(K, { enps: 0 })),
      wave('ninety-days-2026-Q2', answers(K, { enps: 0 })),
    );

    expect(ids(recurringWeakItems(questionnaire, trends, '2026'))).not.toContain('enps');
  });
});
