import { SURVEY_DIMENSIONS, type SurveyGroup } from './surveyGroups';

/**
 * Which waiting answers may be released to reporting: the largest set in which every reporting group (each value
 * of each dimension: a team, a location, a start quarter, a role family, a template) that appears has at least k
 * answers. Releasing per wave instead would let a batch — and so a time window an operator can watch tokens being
 * spent in — hold one answer of a small team; here every group grows only in steps of k or more, so neither a batch
 * nor a released total ever stems from fewer than k people, not even when the wave closes.
 *
 * Removing an answer whose group is too small can only make other groups smaller, so removing until nothing breaks
 * the rule finds the one largest such set (a union of two valid sets is valid, so the fixpoint is the maximum).
 */
export function releasableAnswers(groups: readonly SurveyGroup[], k: number): boolean[] {
  const keep = groups.map(() => true);
  for (let changed = true; changed; ) {
    changed = false;
    for (const dimension of SURVEY_DIMENSIONS) {
      const counts = new Map<string, number>();
      groups.forEach((group, index) => {
        if (keep[index]) counts.set(group[dimension], (counts.get(group[dimension]) ?? 0) + 1);
      });
      groups.forEach((group, index) => {
        if (keep[index] && counts.get(group[dimension])! < k) {
          keep[index] = false;
          changed = true;
        }
      });
    }
  }
  return keep;
}
