import type { HireSummary, JourneyStage } from '../../api/schemas';

/** Every stage of the contract (JourneyStage), in the order a journey goes through them. */
export const JOURNEY_STAGES: readonly JourneyStage[] = [
  'registered',
  'preboarding',
  'onboarding',
  'on-leave',
  'leaving',
  'ended',
];

export interface HireFilter {
  readonly stage?: JourneyStage;
  readonly team?: string;
  readonly location?: string;
  /** YYYY-MM */
  readonly startMonth?: string;
  readonly search?: string;
}

/** The filters other than the stage: the stage counts are of the hires these leave. */
export function matchesAllButStage(hire: HireSummary, filter: HireFilter): boolean {
  if (filter.team && hire.team !== filter.team) return false;
  if (filter.location && hire.location !== filter.location) return false;
  if (filter.startMonth && !hire.startDate.startsWith(filter.startMonth)) return false;
  const search = filter.search?.trim().toLowerCase();
  if (
    search &&
    ![hire.hireId, hire.role, hire.team, hire.location].some((field) => field?.toLowerCase().includes(search))
  )
    return false;
  return true;
}

export function stageCounts(hires: readonly HireSummary[]): Record<JourneyStage, number> {
  const counts = Object.fromEntries(JOURNEY_STAGES.map((stage) => [stage, 0])) as Record<JourneyStage, number>;
  for (const hire of hires) counts[hire.stage] += 1;
  return counts;
}

/** The values one field takes among the hires, sorted: the choices of its filter. */
function valuesOf(hires: readonly HireSummary[], field: 'team' | 'location'): string[] {
  return [...new Set(hires.flatMap((hire) => (hire[field] ? [hire[field]] : [])))].sort((a, b) => a.localeCompare(b));
}

export const teamsOf = (hires: readonly HireSummary[]) => valuesOf(hires, 'team');
export const locationsOf = (hires: readonly HireSummary[]) => valuesOf(hires, 'location');
