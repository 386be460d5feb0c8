import type { Questionnaire } from './questionnaire';
import { SURVEY_DIMENSIONS, type SurveyDimension, type SurveyGroup } from './surveyGroups';
import { discloseGroups, type ReleasedResponse, surveyReport } from './surveyReport';
import { type SurveyTrends, type TrendPeriod, type TrendSeries, trendPeriod, waveYear } from './surveyTrends';

/**
 * Trends per item for each group of one dimension (team, location, start cohort, role family, template), wave by
 * wave and year by year, with no figure of fewer than k people derivable by subtracting one shown figure from
 * another across periods.
 *
 * A group's wave is shown exactly when that wave's report shows the group: the report's disclosure is the rule, so
 * the two never disagree. A group's year is the union of its waves; the year's groups get the report's rule over the
 * year's answers (every dimension at once, so two overlapping filters give nothing away within the year), and on top
 * a shown group-year must leave none or at least k when one takes away (a) its shown waves together ("this year
 * minus its waves") or (b) any one shown figure of a wave in that year that lies inside it, or that it lies inside
 * (a team's year minus the wave's location that is all of that team). A group-year that breaks this is hidden and the
 * year's disclosure runs again with it hidden, until nothing changes. A year the organisation's trend hides
 * hides all of its groups: the year's rule assumes its total is known.
 */

export interface GroupTrend extends TrendSeries {
  readonly value: string;
}

export interface WaveResponses {
  readonly waveId: string;
  readonly responses: readonly ReleasedResponse[];
}

const cellKey = (group: SurveyGroup) => SURVEY_DIMENSIONS.map((dimension) => group[dimension]).join('\u0000');

interface WaveView {
  readonly waveId: string;
  readonly responses: readonly ReleasedResponse[];
  readonly totalShown: boolean;
  readonly shown: Readonly<Record<SurveyDimension, ReadonlySet<string>>>;
  readonly complementary: Readonly<Record<SurveyDimension, ReadonlySet<string>>>;
}

/** A set of answers as counts per (wave, cell): what a shown figure is about. */
type Members = ReadonlyMap<string, number>;

const sizeOf = (members: Members) => [...members.values()].reduce((sum, count) => sum + count, 0);

function membersOf(waveId: string, responses: readonly ReleasedResponse[], predicate: (group: SurveyGroup) => boolean) {
  const members = new Map<string, number>();
  for (const response of responses) {
    if (!predicate(response.group)) continue;
    const key = `${waveId}\u0001${cellKey(response.group)}`;
    members.set(key, (members.get(key) ?? 0) + 1);
  }
  return members;
}

const isInside = (inner: Members, outer: Members) => [...inner.keys()].every((key) => outer.has(key));

export function surveyGroupTrends(
  questionnaire: Questionnaire,
  waves: readonly WaveResponses[],
  organisationTrends: SurveyTrends,
  dimension: SurveyDimension,
): GroupTrend[] {
  const k = questionnaire.minimumGroupSize;
  const views: WaveView[] = [...waves]
    .sort((a, b) => (a.waveId < b.waveId ? -1 : a.waveId > b.waveId ? 1 : 0))
    .map((wave) => {
      const report = surveyReport({ waveId: wave.waveId, questionnaire, responses: wave.responses, invited: [] });
      const pick = (wanted: (suppressed: string | undefined, shown: boolean) => boolean) =>
        Object.fromEntries(
          report.dimensions.map((entry) => [
            entry.dimension,
            new Set(
              entry.groups
                .filter((group) => wanted(group.suppressed, group.figures !== undefined))
                .map((group) => group.value),
            ),
          ]),
        ) as Record<SurveyDimension, Set<string>>;
      return {
        waveId: wave.waveId,
        responses: wave.responses,
        totalShown: report.overall !== undefined,
        shown: pick((_, shown) => shown),
        complementary: pick((suppressed) => suppressed === 'complementary'),
      };
    });

  const years = [...new Set(views.map((view) => waveYear(view.waveId)))].sort();
  const yearDisclosure = new Map(
    years.map((year) => {
      const inYear = views.filter((view) => waveYear(view.waveId) === year);
      const organisationShown =
        organisationTrends.years.find((period) => period.period === year)?.responses !== undefined;
      return [year, organisationShown ? discloseYear(inYear, k) : undefined] as const;
    }),
  );

  const values = [...new Set(views.flatMap((view) => view.responses.map((response) => response.group[dimension])))];
  return values.sort().map((value) => {
    const inGroup = (group: SurveyGroup) => group[dimension] === value;
    return {
      value,
      waves: views.map((view): TrendPeriod => {
        if (view.shown[dimension].has(value))
          return trendPeriod(
            questionnaire,
            view.waveId,
            view.responses.filter((response) => inGroup(response.group)).map((response) => response.answers),
          );
        return {
          period: view.waveId,
          suppressed: view.complementary[dimension].has(value) ? 'complementary' : 'below-minimum',
        };
      }),
      years: years.map((year): TrendPeriod => {
        const inYear = views.filter((view) => waveYear(view.waveId) === year);
        const answers = inYear.flatMap((view) =>
          view.responses.filter((response) => inGroup(response.group)).map((response) => response.answers),
        );
        const disclosure = yearDisclosure.get(year);
        if (disclosure?.shown[dimension].has(value)) return trendPeriod(questionnaire, year, answers);
        return { period: year, suppressed: answers.length >= k ? 'complementary' : 'below-minimum' };
      }),
    };
  });
}

/** The year's groups under the report's rule, with the group-years hidden that a wave of the year would give away. */
function discloseYear(inYear: readonly WaveView[], k: number) {
  const cells = new Map<string, { group: SurveyGroup; count: number }>();
  for (const view of inYear)
    for (const response of view.responses) {
      const key = cellKey(response.group);
      const cell = cells.get(key) ?? { group: response.group, count: 0 };
      cell.count += 1;
      cells.set(key, cell);
    }
  // Every shown figure of the year's waves, as the answers it is about.
  const waveFigures: Members[] = inYear.flatMap((view) => [
    ...(view.totalShown ? [membersOf(view.waveId, view.responses, () => true)] : []),
    ...SURVEY_DIMENSIONS.flatMap((dimension) =>
      [...view.shown[dimension]].map((value) =>
        membersOf(view.waveId, view.responses, (group) => group[dimension] === value),
      ),
    ),
  ]);
  const risky = (difference: number) => difference > 0 && difference < k;
  const forced = Object.fromEntries(SURVEY_DIMENSIONS.map((dimension) => [dimension, new Set<string>()])) as Record<
    SurveyDimension,
    Set<string>
  >;
  for (;;) {
    const disclosure = discloseGroups([...cells.values()], k, forced);
    let changed = false;
    for (const dimension of SURVEY_DIMENSIONS)
      for (const value of disclosure.shown[dimension]) {
        const perWave = inYear.map((view) => ({
          view,
          members: membersOf(view.waveId, view.responses, (group) => group[dimension] === value),
        }));
        const year = new Map(perWave.flatMap(({ members }) => [...members]));
        const size = sizeOf(year);
        const inHiddenWaves = perWave
          .filter(({ view }) => !view.shown[dimension].has(value))
          .reduce((sum, { members }) => sum + sizeOf(members), 0);
        const givesAway =
          risky(inHiddenWaves) ||
          waveFigures.some(
            (figure) =>
              (isInside(figure, year) && risky(size - sizeOf(figure))) ||
              (isInside(year, figure) && risky(sizeOf(figure) - size)),
          );
        if (givesAway) {
          forced[dimension].add(value);
          changed = true;
        }
      }
    if (!changed) return disclosure;
  }
}
