/**
 * Kaplan–Meier survival: the share of hires still employed after t days, with right-censoring. A hire still
 * employed today has only been seen for part of the horizon; counting them as "stayed" (a naive percentage)
 * overstates the retention of recent cohorts, dropping them understates it. Kaplan–Meier uses each hire for
 * exactly as long as they have been observed.
 */

export interface SurvivalObservation {
  /** Whole days from the start date to the last working day (left) or to the day of the analysis (still employed). */
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
  // Sorted as numbers (day × 2, + 1 when censored): a typed array sorts natively, leavers before censored hires on
  // the same day; tens of thousands of hires sort in milliseconds.
  const keys = new Float64Array(observations.length);
  observations.forEach((observation, index) => {
    if (!Number.isInteger(observation.days) || observation.days < 0)
      throw new RangeError(`Observed days must be whole and 0 or more, got ${observation.days}`);
    keys[index] = observation.days * 2 + (observation.left ? 0 : 1);
  });
  keys.sort();
  const steps: SurvivalStep[] = [];
  let atRisk = keys.length;
  let survival = 1;
  let index = 0;
  while (index < keys.length) {
    const day = Math.floor(keys[index]! / 2);
    let left = 0;
    let seen = 0;
    while (index < keys.length && Math.floor(keys[index]! / 2) === day) {
      if (keys[index]! % 2 === 0) left += 1;
      seen += 1;
      index += 1;
    }
    if (left > 0) {
      survival *= 1 - left / atRisk;
      steps.push({ day, atRisk, left, survival });
    }
    atRisk -= seen;
  }
  return {
    observations: keys.length,
    followUpDays: keys.length > 0 ? Math.floor(keys[keys.length - 1]! / 2) : 0,
    steps,
  };
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
