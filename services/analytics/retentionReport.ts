/**
 * Group figures over the retention read model (services/projections/retentionProjection.ts): cohorts, exit
 * themes, missed steps and leading indicators. Everything here is about groups; no function returns a person.
 * Pure over rows and `today`, so the API, the CSV export and the benchmark share one computation.
 */
import type { IsoDate } from '../../workflows/domain/calendar';
import { EXIT_REASONS, type ExitTheme } from '../../workflows/domain/exitReasons';
import {
  DEFAULT_EARLY_LEAVER_DAYS,
  type RetentionSummary,
  elapsedDays,
  observationOf,
  summariseRetention,
} from '../../workflows/domain/retention';
import { MINIMUM_GROUP_SIZE, type Margin, WHOLE, suppressedGroups } from '../../workflows/domain/smallGroups';
import type { RetentionRow } from '../projections/retentionProjection';

export const COHORT_PERIODS = ['month', 'quarter', 'year'] as const;
export type CohortPeriod = (typeof COHORT_PERIODS)[number];
export const COHORT_DIMENSIONS = ['team', 'location', 'role', 'template'] as const;
export type CohortDimension = (typeof COHORT_DIMENSIONS)[number];

/** "Na twee weken nog geen mentor" (issue #13): the default N of "no mentor after N days". */
export const DEFAULT_NO_MENTOR_AFTER_DAYS = 14;

/**
 * Rivierenland's mentors give five hours a week (shared/domain.md): a mentorship with no meeting logged for two
 * weeks has missed at least one week's check-in, with a week of slack for a late log.
 */
export const DEFAULT_CHECK_IN_WITHIN_DAYS = 14;

export function cohortOf(startDate: IsoDate, period: CohortPeriod): string {
  const year = startDate.slice(0, 4);
  if (period === 'year') return year;
  if (period === 'month') return startDate.slice(0, 7);
  return `${year}-Q${Math.floor((Number(startDate.slice(5, 7)) - 1) / 3) + 1}`;
}

function dimensionOf(row: RetentionRow, dimension: CohortDimension): string | null {
  switch (dimension) {
    case 'team':
      return row.team;
    case 'location':
      return row.location;
    case 'role':
      return row.role;
    case 'template':
      return row.templateId === null ? null : `${row.templateId}@${row.templateVersion ?? 0}`;
  }
}

export interface CohortGroup extends Omit<RetentionSummary, 'curve'> {
  readonly cohort: string;
  /** The value of each dimension grouped by (null: the hire has none). */
  readonly dimensions: Readonly<Partial<Record<CohortDimension, string | null>>>;
}

export interface CohortCurve {
  readonly cohort: string;
  readonly observations: number;
  readonly followUpDays: number;
  /** S(day) at day 0 and after every leaving day. */
  readonly points: readonly { readonly day: number; readonly survival: number }[];
}

export interface CohortRetention {
  readonly groups: readonly CohortGroup[];
  /** One Kaplan–Meier curve per cohort (not split by dimensions: curves of tiny groups say little). */
  readonly curves: readonly CohortCurve[];
}

export interface CohortOptions {
  readonly period: CohortPeriod;
  readonly groupBy: readonly CohortDimension[];
  readonly today: IsoDate;
  readonly earlyLeaverDays?: number;
}

function groupRows<K>(
  rows: readonly RetentionRow[],
  keyOf: (row: RetentionRow) => string,
  extra: (row: RetentionRow) => K,
): Map<string, { key: K; rows: RetentionRow[] }> {
  const groups = new Map<string, { key: K; rows: RetentionRow[] }>();
  for (const row of rows) {
    const id = keyOf(row);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key: extra(row), rows: [] }));
    group.rows.push(row);
  }
  return groups;
}

export function cohortRetention(rows: readonly RetentionRow[], options: CohortOptions): CohortRetention {
  const earlyLeaverDays = options.earlyLeaverDays ?? DEFAULT_EARLY_LEAVER_DAYS;
  const cohortKey = (row: RetentionRow) => cohortOf(row.startDate, options.period);
  const byCohort = [...groupRows(rows, cohortKey, cohortKey).values()].map(({ key, rows: members }) => ({
    cohort: key,
    summary: summariseRetention(members, options.today, earlyLeaverDays),
  }));
  const curves = byCohort.map(({ cohort, summary: { curve } }) => ({
    cohort,
    observations: curve.observations,
    followUpDays: curve.followUpDays,
    points: [{ day: 0, survival: 1 }, ...curve.steps.map(({ day, survival }) => ({ day, survival }))],
  }));
  const withoutCurve = ({ curve: _curve, ...summary }: RetentionSummary) => summary;
  // Without dimensions the groups are the cohorts: summarised once for both.
  const groups =
    options.groupBy.length === 0
      ? byCohort.map(({ cohort, summary }) => ({ cohort, dimensions: {}, ...withoutCurve(summary) }))
      : [
          ...groupRows(
            rows,
            (row) =>
              [cohortKey(row), ...options.groupBy.map((dimension) => dimensionOf(row, dimension) ?? '\u0001')].join(
                '\u0000',
              ),
            (row) => ({
              cohort: cohortKey(row),
              dimensions: Object.fromEntries(
                options.groupBy.map((dimension) => [dimension, dimensionOf(row, dimension)]),
              ),
            }),
          ).values(),
        ].map(({ key, rows: members }) => ({
          ...key,
          ...withoutCurve(summariseRetention(members, options.today, earlyLeaverDays)),
        }));
  const order = (a: { cohort: string }, b: { cohort: string }) =>
    a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : 0;
  return {
    groups: groups.sort(
      (a, b) => order(a, b) || (JSON.stringify(a.dimensions) < JSON.stringify(b.dimensions) ? -1 : 1),
    ),
    curves: curves.sort(order),
  };
}

export const EXIT_THEME_VIEWS = ['cohort', 'team', 'cohort-team'] as const;
export type ExitThemeView = (typeof EXIT_THEME_VIEWS)[number];

export interface ExitThemeGroup {
  readonly cohort?: string;
  readonly team?: string | null;
  /** How many leavers held an exit interview: who the figures are about. Null when suppressed. */
  readonly interviewed: number | null;
  readonly suppressed: boolean;
  readonly reasons?: { code: string; count: number }[];
  readonly themes?: { theme: ExitTheme; count: number }[];
}

const THEME_OF = new Map<string, ExitTheme>(EXIT_REASONS.map((reason) => [reason.code, reason.theme]));

/**
 * Exit-interview reason codes per group of leavers. A group under the minimum is hidden, and so are as many
 * others as it takes that no total of a coarser view (the organisation, a cohort, a team) gives it away.
 */
export function exitThemes(
  rows: readonly RetentionRow[],
  options: { view: ExitThemeView; period: CohortPeriod },
): { groups: ExitThemeGroup[]; minimumGroupSize: number } {
  const interviewed = rows.filter((row) => row.status === 'left' && row.exitReasons.length > 0);
  const withCohort = options.view !== 'team';
  const withTeam = options.view !== 'cohort';
  const cells = [
    ...groupRows(
      interviewed,
      (row) => JSON.stringify([withCohort ? cohortOf(row.startDate, options.period) : '', withTeam ? row.team : '']),
      (row) => ({ cohort: cohortOf(row.startDate, options.period), team: row.team }),
    ).values(),
  ].map(({ key, rows: members }) => ({ ...key, size: members.length, members }));
  const margins: Margin<(typeof cells)[number]>[] =
    options.view === 'cohort-team' ? [WHOLE, (cell) => cell.cohort, (cell) => String(cell.team)] : [WHOLE];
  const hidden = suppressedGroups(cells, margins);
  const groups = cells.map((cell, index): ExitThemeGroup => {
    const label = { ...(withCohort ? { cohort: cell.cohort } : {}), ...(withTeam ? { team: cell.team } : {}) };
    if (hidden[index]) return { ...label, interviewed: null, suppressed: true };
    const reasons = new Map<string, number>();
    const themes = new Map<ExitTheme, number>();
    for (const member of cell.members) {
      for (const code of member.exitReasons) reasons.set(code, (reasons.get(code) ?? 0) + 1);
      // A theme counts each leaver once, however many of its reasons they gave.
      for (const theme of new Set(member.exitReasons.map((code) => THEME_OF.get(code) ?? 'other')))
        themes.set(theme, (themes.get(theme) ?? 0) + 1);
    }
    return {
      ...label,
      interviewed: cell.size,
      suppressed: false,
      reasons: [...reasons]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
      themes: [...themes]
        .map(([theme, count]) => ({ theme, count }))
        .sort((a, b) => b.count - a.count || (a.theme < b.theme ? -1 : 1)),
    };
  });
  groups.sort((a, b) =>
    `${a.cohort ?? ''}\u0000${a.team ?? ''}`.localeCompare(`${b.cohort ?? ''}\u0000${b.team ?? ''}`),
  );
  return { groups, minimumGroupSize: MINIMUM_GROUP_SIZE };
}

export const MISSED_STEPS = [
  'noMentorInTime',
  'declinedMentor',
  'escalatedTask',
  'escalatedMilestone',
  'lateWelcome',
] as const;
export type MissedStep = (typeof MISSED_STEPS)[number];

/** No mentor on day N after the start (none ever, or one who accepted later). */
export function hadNoMentorInTime(row: RetentionRow, noMentorAfterDays: number): boolean {
  return row.mentorFrom === null || elapsedDays(row.startDate, row.mentorFrom) > noMentorAfterDays;
}

function missed(row: RetentionRow, step: MissedStep, noMentorAfterDays: number): boolean {
  switch (step) {
    case 'noMentorInTime':
      return hadNoMentorInTime(row, noMentorAfterDays);
    case 'declinedMentor':
      return row.mentorDeclines > 0;
    case 'escalatedTask':
      return row.escalatedTasks > 0;
    case 'escalatedMilestone':
      return row.escalatedMilestones > 0;
    case 'lateWelcome':
      return row.lateWelcome;
  }
}

export interface MissedStepsGroup {
  readonly size: number | null;
  readonly suppressed: boolean;
  /** Share of the group whose journey missed the step. */
  readonly rates?: Readonly<Record<MissedStep, number>>;
}

/**
 * How often leavers' journeys missed a step, beside stayers': group rates only. Only hires observed for at least
 * N days count (before that, "no mentor after N days" cannot have happened yet). A group under the minimum is
 * hidden; the two groups are never added up to a total, so one hidden group cannot be derived.
 */
export function missedStepsByOutcome(
  rows: readonly RetentionRow[],
  options: { today: IsoDate; noMentorAfterDays?: number },
): { leavers: MissedStepsGroup; stayers: MissedStepsGroup; minimumGroupSize: number } {
  const noMentorAfterDays = options.noMentorAfterDays ?? DEFAULT_NO_MENTOR_AFTER_DAYS;
  const leavers: RetentionRow[] = [];
  const stayers: RetentionRow[] = [];
  for (const row of rows) {
    const observation = observationOf(row, options.today);
    if (!observation) continue;
    if (observation.left) leavers.push(row);
    else if (observation.days >= noMentorAfterDays) stayers.push(row);
  }
  const summarise = (group: RetentionRow[]): MissedStepsGroup =>
    group.length < MINIMUM_GROUP_SIZE
      ? { size: null, suppressed: true }
      : {
          size: group.length,
          suppressed: false,
          rates: Object.fromEntries(
            MISSED_STEPS.map((step) => [
              step,
              group.filter((row) => missed(row, step, noMentorAfterDays)).length / group.length,
            ]),
          ) as Record<MissedStep, number>,
        };
  return { leavers: summarise(leavers), stayers: summarise(stayers), minimumGroupSize: MINIMUM_GROUP_SIZE };
}

export interface TeamIndicators {
  readonly team: string | null;
  /** Hires in their first year today (started, not left). */
  readonly hires: number;
  /** Of them: past day N without a mentor. */
  readonly withoutMentor: number;
  /** Of them: with an escalated task or milestone still open. */
  readonly overdue: number;
  /** Of them: ever escalated. */
  readonly escalated: number;
  /** Of them: mentored today, with no meeting logged in the last N days of the mentorship (never who). */
  readonly missedCheckIns: number;
}

/** Mentored on `today` and the last meeting (or, before any, the mentorship's first day) is more than N days ago. */
function missedCheckIn(row: RetentionRow, today: IsoDate, withinDays: number): boolean {
  if (row.mentorFrom === null || row.mentorFrom > today) return false;
  if (row.mentorUntil !== null && row.mentorUntil <= today) return false;
  const since =
    row.lastMentorMeeting !== null && row.lastMentorMeeting > row.mentorFrom ? row.lastMentorMeeting : row.mentorFrom;
  return elapsedDays(since, today) > withinDays;
}

/** Per team, never per person: where the landing is going wrong now, for the team's manager and HR. */
export function leadingIndicators(
  rows: readonly RetentionRow[],
  options: { today: IsoDate; noMentorAfterDays?: number; checkInWithinDays?: number },
): TeamIndicators[] {
  const noMentorAfterDays = options.noMentorAfterDays ?? DEFAULT_NO_MENTOR_AFTER_DAYS;
  const checkInWithinDays = options.checkInWithinDays ?? DEFAULT_CHECK_IN_WITHIN_DAYS;
  // In their first year today: started, not left, fewer than 365 days ago (counted, never a date computed from `today`,
  // which may be any day the contract allows).
  const current = rows.filter((row) => {
    const observation = observationOf(row, options.today);
    return observation !== undefined && !observation.left && observation.days < 365;
  });
  return [
    ...groupRows(
      current,
      (row) => String(row.team),
      (row) => row.team,
    ).values(),
  ]
    .map(({ key, rows: members }) => ({
      team: key,
      hires: members.length,
      withoutMentor: members.filter(
        (row) =>
          elapsedDays(row.startDate, options.today) > noMentorAfterDays &&
          (row.mentorFrom === null || elapsedDays(row.startDate, row.mentorFrom) > noMentorAfterDays),
      ).length,
      overdue: members.filter((row) => row.openEscalations > 0).length,
      escalated: members.filter((row) => row.escalatedTasks + row.escalatedMilestones > 0).length,
      missedCheckIns: members.filter((row) => missedCheckIn(row, options.today, checkInWithinDays)).length,
    }))
    .sort((a, b) => String(a.team).localeCompare(String(b.team)));
}

/** What the cost calculator weighs from the events of hires who started in [from, to]. */
export function observedOutflow(rows: readonly RetentionRow[], options: { today: IsoDate; earlyLeaverDays?: number }) {
  const hiresByRole: Record<string, number> = {};
  const earlyLeaversByRole: Record<string, number> = {};
  let mentorHours = 0;
  let mentoredHires = 0;
  const earlyLeaverDays = options.earlyLeaverDays ?? DEFAULT_EARLY_LEAVER_DAYS;
  for (const row of rows) {
    const observation = observationOf(row, options.today);
    if (!observation) continue;
    hiresByRole[row.role] = (hiresByRole[row.role] ?? 0) + 1;
    if (observation.left && observation.days < earlyLeaverDays)
      earlyLeaversByRole[row.role] = (earlyLeaversByRole[row.role] ?? 0) + 1;
    if (row.mentorFrom !== null && row.mentorHoursPerWeek !== null) {
      // Mentoring starts on day one at the earliest, and ends with the mentorship, the hire's leaving, or today
      // (ISO dates order as their text does).
      const from = row.mentorFrom > row.startDate ? row.mentorFrom : row.startDate;
      let until = options.today;
      if (row.mentorUntil !== null && row.mentorUntil < until) until = row.mentorUntil;
      if (row.lastWorkingDay !== null && row.lastWorkingDay < until) until = row.lastWorkingDay;
      mentorHours += (Math.max(0, elapsedDays(from, until)) / 7) * row.mentorHoursPerWeek;
      mentoredHires += 1;
    }
  }
  return { hiresByRole, earlyLeaversByRole, mentorHours, mentoredHires };
}
