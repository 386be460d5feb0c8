import type { Questionnaire, SurveyTopic } from './questionnaire';
import { type SurveyTrends, type TrendPeriod, waveYear } from './surveyTrends';

/**
 * The yearly analysis (RvdK "analyses the answers every year and takes recurring criticism to the person
 * responsible"): which Likert items score worst again and again in a year.
 *
 * The rule:
 * - In a period, the worst items are the three Likert items with the lowest mean; equal means are ordered by item id,
 *   so the same figures always give the same three.
 * - With two or more shown waves in the year, an item recurs when it is among the worst in at least two of them.
 * - With fewer shown waves (one, or none), the year cannot repeat itself: an item recurs when it is among the worst
 *   of the year and of the year before, both as years. A year that is not shown gives nothing.
 *
 * Only shown periods count, and only their shown item figures: the analysis reads the trends after the k-anonymity
 * rules (surveyTrends.ts), so it can say nothing the trends do not already show. eNPS (another scale) and open
 * questions never count.
 */

export const WORST_ITEMS_PER_PERIOD = 3;
export const WAVES_TO_RECUR = 2;

export interface PeriodMean {
  readonly period: string;
  readonly mean: number;
}

export interface RecurringWeakItem {
  readonly itemId: string;
  readonly topic: SurveyTopic;
  /** The periods it was among the worst in, oldest first, with its mean there. */
  readonly periods: readonly PeriodMean[];
}

export interface RecurringWeakItems {
  readonly questionnaireId: string;
  readonly year: string;
  /** Whether the year's waves were compared, or the year with the year before. */
  readonly basis: 'waves' | 'years';
  /** The shown periods compared, oldest first. */
  readonly periods: readonly string[];
  /** Most recurring first, then by item id. */
  readonly items: readonly RecurringWeakItem[];
  /** The topics of those items, in the items' order, each once. */
  readonly topics: readonly SurveyTopic[];
}

export function recurringWeakItems(
  questionnaire: Questionnaire,
  trends: SurveyTrends,
  year: string,
): RecurringWeakItems {
  const topicOf = new Map(
    questionnaire.items.filter((item) => item.kind === 'likert').map((item) => [item.id, item.topic]),
  );
  const shownWaves = trends.waves.filter((wave) => waveYear(wave.period) === year && wave.items !== undefined);
  const byWaves = shownWaves.length >= WAVES_TO_RECUR;
  const compared = byWaves ? shownWaves : bothYears(trends, year);
  const needed = byWaves ? WAVES_TO_RECUR : 2;

  const worstIn = new Map<string, PeriodMean[]>();
  for (const period of compared) {
    for (const item of worstOf(period, topicOf)) {
      worstIn.set(item.itemId, [...(worstIn.get(item.itemId) ?? []), { period: period.period, mean: item.mean }]);
    }
  }
  const items = [...worstIn.entries()]
    .filter(([, periods]) => periods.length >= needed)
    .map(([itemId, periods]) => ({ itemId, topic: topicOf.get(itemId)!, periods }))
    .sort((a, b) => b.periods.length - a.periods.length || byId(a.itemId, b.itemId));
  return {
    questionnaireId: questionnaire.id,
    year,
    basis: byWaves ? 'waves' : 'years',
    periods: compared.map((period) => period.period),
    items,
    topics: [...new Set(items.map((item) => item.topic))],
  };
}

/** The year before and the year itself, when both are shown; else nothing to compare. */
function bothYears(trends: SurveyTrends, year: string): TrendPeriod[] {
  const previous = String(Number(year) - 1);
  const shown = (name: string) => trends.years.find((period) => period.period === name && period.items !== undefined);
  const before = shown(previous);
  const current = shown(year);
  return before && current ? [before, current] : [];
}

function worstOf(period: TrendPeriod, topicOf: ReadonlyMap<string, SurveyTopic>): { itemId: string; mean: number }[] {
  return (period.items ?? [])
    .filter((item) => item.kind === 'likert' && topicOf.has(item.itemId))
    .sort((a, b) => a.mean - b.mean || byId(a.itemId, b.itemId))
    .slice(0, WORST_ITEMS_PER_PERIOD);
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
