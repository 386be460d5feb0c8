import type { AnswerSet, Questionnaire } from './questionnaire';
import { SCALES } from './questionnaire';
import { itemFigures } from './surveyReport';

/**
 * Trends per item across a questionnaire's waves and years, for the organisation as a whole.
 *
 * A year is the union of its waves (each hire is invited once per questionnaire, so waves do not overlap). A wave is
 * shown when it has at least k released answers — exactly when its own report shows it, so the two never disagree.
 * A year minus its shown waves is its hidden waves, so a year is shown only when it has at least k answers and its
 * waves under k hold none or at least k together; else the year is hidden ('complementary'). Hiding the year rather
 * than a wave matters: the wave's own report would still show the wave. An item's figure in a period needs k answers
 * to that item as well (an item added in a later version has fewer answers than its period).
 */

export interface TrendItem {
  readonly itemId: string;
  readonly kind: 'likert' | 'enps';
  readonly responses: number;
  readonly mean: number;
  readonly enps?: number;
}

export interface TrendPeriod {
  /** A wave id, or a year (`2026`). */
  readonly period: string;
  /** Absent when the period is not shown. */
  readonly responses?: number;
  readonly items?: readonly TrendItem[];
  readonly suppressed?: 'below-minimum' | 'complementary';
}

/** A trend wave by wave and year by year. */
export interface TrendSeries {
  readonly waves: readonly TrendPeriod[];
  readonly years: readonly TrendPeriod[];
}

export interface SurveyTrends extends TrendSeries {
  readonly questionnaireId: string;
  readonly minimumGroupSize: number;
}

export interface WaveAnswers {
  readonly waveId: string;
  readonly answers: readonly AnswerSet[];
}

/** The year of a wave id `<questionnaire>-<year>-Q<quarter>`. */
export const waveYear = (waveId: string): string => /-(\d{4})-Q[1-4]$/.exec(waveId)?.[1] ?? '';

export function surveyTrends(questionnaire: Questionnaire, waves: readonly WaveAnswers[]): SurveyTrends {
  const k = questionnaire.minimumGroupSize;
  const ordered = [...waves].sort((a, b) => (a.waveId < b.waveId ? -1 : a.waveId > b.waveId ? 1 : 0));
  const years = [...new Set(ordered.map((wave) => waveYear(wave.waveId)))].sort();
  return {
    questionnaireId: questionnaire.id,
    minimumGroupSize: k,
    waves: ordered.map((wave) =>
      wave.answers.length < k
        ? { period: wave.waveId, suppressed: 'below-minimum' }
        : trendPeriod(questionnaire, wave.waveId, wave.answers),
    ),
    years: years.map((year) => {
      const inYear = ordered.filter((wave) => waveYear(wave.waveId) === year);
      const answers = inYear.flatMap((wave) => wave.answers);
      const hiddenAnswers = inYear
        .filter((wave) => wave.answers.length < k)
        .reduce((sum, wave) => sum + wave.answers.length, 0);
      if (answers.length < k) return { period: year, suppressed: 'below-minimum' };
      if (hiddenAnswers > 0 && hiddenAnswers < k) return { period: year, suppressed: 'complementary' };
      return trendPeriod(questionnaire, year, answers);
    }),
  };
}

/** A period's figures per item, each only from k answers to it. */
export function trendPeriod(questionnaire: Questionnaire, name: string, answers: readonly AnswerSet[]): TrendPeriod {
  const k = questionnaire.minimumGroupSize;
  const items = questionnaire.items.flatMap((item): TrendItem[] => {
    if (item.kind === 'open') return [];
    const { min, max } = SCALES[item.kind];
    const counts = new Array<number>(max - min + 1).fill(0);
    for (const answer of answers) {
      const value = answer[item.id];
      if (typeof value === 'number') counts[value - min]! += 1;
    }
    const figures = itemFigures({ id: item.id, kind: item.kind }, [counts]);
    if (figures.responses < k) return [];
    return [
      {
        itemId: item.id,
        kind: item.kind,
        responses: figures.responses,
        mean: figures.mean,
        ...(figures.enps === undefined ? {} : { enps: figures.enps }),
      },
    ];
  });
  return { period: name, responses: answers.length, items };
}
