import { JOURNEY_STAGES, type JourneyStage } from '../../api/schemas';

/** Every stage of the contract (JourneyStage), in the order a journey goes through them. */
export { JOURNEY_STAGES };

export interface HireFilter {
  readonly stage?: JourneyStage;
  readonly team?: string;
  readonly location?: string;
  /** YYYY-MM, as typed (perhaps not yet whole). */
  readonly startMonth?: string;
  readonly search?: string;
}

/** The query of GET /hires for a filter: the API filters, counts and searches; the page only asks. */
export interface HireListQuery {
  stage?: JourneyStage;
  team?: string;
  location?: string;
  startMonth?: string;
  search?: string;
}

/**
 * A start month is asked only once it has the form YYYY-MM, so typing "2027-0" on the way to "2027-02" shows the
 * hires as they were rather than a refusal; a whole month the API still refuses (2027-13) shows its problem.
 */
const WHOLE_MONTH = /^\d{4}-\d{2}$/;

export function listQueryOf(filter: HireFilter): HireListQuery {
  const search = filter.search?.trim();
  const startMonth = filter.startMonth?.trim();
  return {
    ...(filter.stage ? { stage: filter.stage } : {}),
    ...(filter.team ? { team: filter.team } : {}),
    ...(filter.location ? { location: filter.location } : {}),
    ...(startMonth && WHOLE_MONTH.test(startMonth) ? { startMonth } : {}),
    ...(search ? { search } : {}),
  };
}

/** How many hires the table holds under the filter: one stage's count, or every stage's. */
export function totalOf(stages: Readonly<Record<JourneyStage, number>>, stage: JourneyStage | undefined): number {
  return stage ? stages[stage] : JOURNEY_STAGES.reduce((sum, each) => sum + stages[each], 0);
}
