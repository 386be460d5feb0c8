/**
 * Retention of hires: who counts, for how long they have been observed, and the horizons HR asks about.
 * A hire withdrawn before day one never started and is counted apart (not as a leaver); a hire whose start date
 * is still to come has not been observed at all.
 */
import { type IsoDate, toEpochDay } from './calendar';
import { type SurvivalCurve, type SurvivalObservation, kaplanMeier, survivalAt } from './survival';

export type RetentionStatus = 'registered' | 'employed' | 'left' | 'withdrawn';

export interface HireTenure {
  readonly startDate: IsoDate;
  readonly status: RetentionStatus;
  /** Set when the hire left (their last working day). */
  readonly lastWorkingDay: IsoDate | null;
}

/** 90 days (the survey's moment), half a year, one year (the research's "early outflow"), two years (a full programme). */
export const RETENTION_HORIZONS = [
  { key: 'days90', days: 90 },
  { key: 'months6', days: 183 },
  { key: 'year1', days: 365 },
  { key: 'years2', days: 730 },
] as const;

export type RetentionHorizon = (typeof RETENTION_HORIZONS)[number]['key'];

/** The research's early outflow is outflow in the first year (000); an organisation may choose another bound. */
export const DEFAULT_EARLY_LEAVER_DAYS = 365;

/**
 * Whole days from `from` to `to`. Analytics over tens of thousands of hires ask this of the same few thousand
 * dates again and again: each date is parsed once (a cache of a pure function, so still deterministic).
 */
export function elapsedDays(from: IsoDate, to: IsoDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

const epochDays = new Map<IsoDate, number>();
const MAX_CACHED_DAYS = 100_000;

function epochDayOf(date: IsoDate): number {
  let day = epochDays.get(date);
  if (day === undefined) {
    if (epochDays.size >= MAX_CACHED_DAYS) epochDays.clear();
    day = toEpochDay(date);
    epochDays.set(date, day);
  }
  return day;
}

/**
 * What the hire contributes to a survival curve on `today`: undefined for hires who never started (withdrawn,
 * or a start date still to come). A last working day after `today` (notice given) is still employment.
 */
export function observationOf(hire: HireTenure, today: IsoDate): SurvivalObservation | undefined {
  // ISO dates (YYYY-MM-DD) order as their text does.
  if (hire.status === 'withdrawn' || hire.startDate > today) return undefined;
  if (hire.status === 'left' && hire.lastWorkingDay !== null && hire.lastWorkingDay <= today) {
    return { days: Math.max(0, elapsedDays(hire.startDate, hire.lastWorkingDay)), left: true };
  }
  return { days: elapsedDays(hire.startDate, today), left: false };
}

export function hasLeft(hire: HireTenure, today: IsoDate): boolean {
  return observationOf(hire, today)?.left === true;
}

/** Left within `earlyLeaverDays` of the start date (on or before `today`). */
export function isEarlyLeaver(
  hire: HireTenure,
  today: IsoDate,
  earlyLeaverDays: number = DEFAULT_EARLY_LEAVER_DAYS,
): boolean {
  const observation = observationOf(hire, today);
  return observation?.left === true && observation.days < earlyLeaverDays;
}

export interface RetentionSummary {
  readonly hires: number;
  readonly stillEmployed: number;
  readonly left: number;
  readonly withdrawn: number;
  readonly earlyLeavers: number;
  /** Kaplan–Meier retention per horizon; null where no hire of the group has been followed that long. */
  readonly retention: Readonly<Record<RetentionHorizon, number | null>>;
  readonly curve: SurvivalCurve;
}

/** Counts and survival of one group of hires (a cohort, a team, ...) on `today`. */
export function summariseRetention(
  hires: readonly HireTenure[],
  today: IsoDate,
  earlyLeaverDays: number = DEFAULT_EARLY_LEAVER_DAYS,
): RetentionSummary {
  const observations: SurvivalObservation[] = [];
  let withdrawn = 0;
  let earlyLeavers = 0;
  for (const hire of hires) {
    if (hire.status === 'withdrawn') withdrawn += 1;
    const observation = observationOf(hire, today);
    if (!observation) continue;
    observations.push(observation);
    if (observation.left && observation.days < earlyLeaverDays) earlyLeavers += 1;
  }
  const curve = kaplanMeier(observations);
  const left = observations.filter((observation) => observation.left).length;
  const retention = Object.fromEntries(
    RETENTION_HORIZONS.map(({ key, days }) => [key, survivalAt(curve, days)]),
  ) as Record<RetentionHorizon, number | null>;
  return {
    hires: hires.length,
    stillEmployed: observations.length - left,
    left,
    withdrawn,
    earlyLeavers,
    retention,
    curve,
  };
}
