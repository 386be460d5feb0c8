/**
 * Kaplan–Meier survival: the share of hires still employed after t days, with right-censoring. A hire still
 * employed today has only been seen for part of the horizon; counting them as "stayed" (a naive percentage)
 * overstates the retention of recent cohorts, dropping them understates it. Kaplan–Meier uses each hire for
 * exactly as long as they have been observed.
 */

export interface SurvivalObservation {
  /** Days from the start date to the last working day (left) or to the day of the analysis (still employed). */
  readonly days: number;
  /** True: the hire left on `days`. False: still employed, observed for `days` (right-censored). */
  readonly left: boolean;
}

export interface SurvivalStep {
  /** A day on which at least one hire left. */
  readonly day: number;
  /** Hires observed up to at least this day (leavers of the day and hires censored on it included). */
  readonly atRisk: number;
  readonly left: number;
  /** S(day): the estimated share still employed just after this day. */
  readonly survival: number;
}

export interface SurvivalCurve {
  readonly observations: number;
  /** The longest any hire has been observed: beyond it the curve says nothing. */
  readonly followUpDays: number;
  readonly steps: readonly SurvivalStep[];
}

/**
 * The product-limit estimator: S(t) = Π over leaving days tᵢ ≤ t of (1 − dᵢ / nᵢ). A hire censored on a leaving
 * day counts as at risk on it (the usual convention: leaving is taken to come first).
 */
export function kaplanMeier(observations: readonly SurvivalObservation[]): SurvivalCurve {
  for (const observation of observations) {
    if (!Number.isFinite(observation.days) || observation.days < 0) throw new RangeError(`Observed days must be 0 or more, got ${observation.days}`);
  }
  const sorted = [...observations].sort((a, b) => a.days - b.days);
  const steps: SurvivalStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let index = 0;
  while (index < sorted.length) {
    const day = sorted[index]!.days;
    let left = 0;
    let seen = 0;
    while (index < sorted.length && sorted[index]!.days === day) {
      if (sorted[index]!.left) left += 1;
      seen += 1;
      index += 1;
    }
    if (left > 0) {
      survival *= 1 - left / atRisk;
      steps.push({ day, atRisk, left, survival });
    }
    atRisk -= seen;
  }
  return { observations: sorted.length, followUpDays: sorted.length > 0 ? sorted[sorted.length - 1]!.days : 0, steps };
}

/** S(day), or null where the curve says nothing: nobody observed, or no hire followed that long yet. */
export function survivalAt(curve: SurvivalCurve, day: number): number | null {
  const last = curve.steps[curve.steps.length - 1];
  // Once everyone has left, nobody is left to leave: zero from then on, however short the follow-up.
  if (last && last.survival === 0 && day >= last.day) return 0;
  if (curve.observations === 0 || day > curve.followUpDays) return null;
  let survival = 1;
  for (const step of curve.steps) {
    if (step.day > day) break;
    survival = step.survival;
  }
  return survival;
}
