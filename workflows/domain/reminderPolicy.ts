/**
 * When an open task is worth a line in someone's daily digest. A template sets one policy for all its items:
 * reminders a number of days before the due date (7 and 2 by default, as Personio does), a line every working day
 * while the task is overdue, and an escalation some days after the due date (by default each item's own
 * escalationOffsetDays, so templates written before the policy keep their escalations). The journey escalates on
 * that day (escalationDateFor); from patch digest-escalations-v1 on, the escalation goes in the escalation target's
 * digest (the item's escalateTo, else the manager) instead of a mail per task.
 * The digest of a working day covers every calendar day since the previous working day: a reminder that falls on a
 * Saturday or a holiday is not lost, it comes on the next working day. Pure: the workflow bundle may import this.
 */
import { type IsoDate, addDays, compareDates, daysBetween, laterOf } from './calendar';
import { isDutchWorkingDay, previousDutchWorkingDay } from './dutchHolidays';

export interface ReminderPolicy {
  /** Days before the due date on which the owner is reminded; 0 is the due day itself. */
  readonly daysBefore: readonly number[];
  /** Whether an overdue task is in the owner's digest every working day until it is done. */
  readonly overdueDaily: boolean;
  /** Days after the due date on which it is escalated; omitted: each item's own escalationOffsetDays. */
  readonly escalateAfterDays?: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { daysBefore: [7, 2], overdueDaily: true };

/** The longest lead time a reminder can have: a year, the planning horizon of a template. */
export const MAX_REMINDER_DAYS = 365;

export function reminderPolicyOf(template: { readonly reminderPolicy?: ReminderPolicy }): ReminderPolicy {
  return template.reminderPolicy ?? DEFAULT_REMINDER_POLICY;
}

export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** Every problem of a policy at once; `path` is where it sits in the template. */
export function reminderPolicyProblems(policy: unknown, path = 'reminderPolicy'): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (typeof policy !== 'object' || policy === null) {
    return [{ path, message: 'Het herinneringsbeleid ontbreekt of is geen object.' }];
  }
  const { daysBefore, overdueDaily, escalateAfterDays } = policy as Record<string, unknown>;
  if (!Array.isArray(daysBefore)) {
    problems.push({ path: `${path}.daysBefore`, message: 'Geef een lijst van dagen vóór de deadline (bijv. 7 en 2).' });
  } else {
    daysBefore.forEach((days, index) => {
      if (!Number.isInteger(days) || (days as number) < 0 || (days as number) > MAX_REMINDER_DAYS) {
        problems.push({
          path: `${path}.daysBefore[${index}]`,
          message: `Een herinnering valt 0 tot ${MAX_REMINDER_DAYS} hele dagen vóór de deadline.`,
        });
      } else if (daysBefore.indexOf(days) !== index) {
        problems.push({ path: `${path}.daysBefore[${index}]`, message: `De dag ${days} staat er al eerder in.` });
      }
    });
  }
  if (typeof overdueDaily !== 'boolean') {
    problems.push({
      path: `${path}.overdueDaily`,
      message: 'Kies of een te late taak elke werkdag terugkomt (ja of nee).',
    });
  }
  if (
    escalateAfterDays !== undefined &&
    (!Number.isInteger(escalateAfterDays) ||
      (escalateAfterDays as number) < 1 ||
      (escalateAfterDays as number) > MAX_REMINDER_DAYS)
  ) {
    problems.push({
      path: `${path}.escalateAfterDays`,
      message: `Escaleren kan pas als iets te laat is: 1 tot ${MAX_REMINDER_DAYS} dagen na de deadline.`,
    });
  }
  return problems;
}

/** The calendar days a working day's digest speaks for: since the previous working day, up to and including it. */
export interface DigestWindow {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** How far back a digest catches up on working days it was not sent at all (the process was down): a month. */
export const MAX_CATCH_UP_DAYS = 31;

/**
 * The window of `day`'s digest; undefined on a weekend or holiday, when no digest goes out. `lastDigestDay`, the
 * last earlier day a digest went out, reaches back over working days that had none: a reminder that fell on a day
 * the process was down for altogether comes today, counted from today (no stale "in 2 days").
 */
export function digestWindow(day: IsoDate, lastDigestDay?: IsoDate): DigestWindow | undefined {
  if (!isDutchWorkingDay(day)) return undefined;
  const usual = addDays(previousDutchWorkingDay(day), 1);
  if (lastDigestDay === undefined || compareDates(lastDigestDay, day) >= 0) return { from: usual, to: day };
  const since = addDays(lastDigestDay, 1);
  const from = compareDates(since, usual) < 0 ? since : usual;
  return { from: laterOf(from, addDays(day, -MAX_CATCH_UP_DAYS)), to: day };
}

export type DigestReason = 'upcoming' | 'overdue' | 'escalated';

export interface DigestLine {
  /** The owner hears of upcoming and overdue work; the escalation target of what the journey escalated. */
  readonly to: 'owner' | 'escalation-target';
  readonly reason: DigestReason;
  /** Positive: days left until the due date; negative: days overdue; counted from the digest's day. */
  readonly daysLeft: number;
}

/**
 * The day an item still open is escalated: its own escalation day, moved to `escalateAfterDays` after the due date
 * when the template's policy sets it. Moved, not recomputed: a leave that held an escalation back keeps holding it.
 * Null for an item without follow-up (nothing to escalate).
 */
export function escalationDateFor(
  item: {
    readonly escalationDate: IsoDate | null;
    readonly followUp: { readonly escalationOffsetDays: number } | null;
  },
  policy: ReminderPolicy,
): IsoDate | null {
  if (item.escalationDate === null || item.followUp === null || policy.escalateAfterDays === undefined)
    return item.escalationDate;
  return addDays(item.escalationDate, policy.escalateAfterDays - item.followUp.escalationOffsetDays);
}

/**
 * What the digest of `window` says about one open task: nothing, a line to its owner, and/or one to the escalation
 * target. `escalatedOn` is the day the journey escalated it to the digest (TaskEscalated), if it did: when is the
 * journey's rule (escalationDateFor), not the digest's.
 */
export function digestLinesFor(
  task: { readonly dueDate: IsoDate; readonly escalatedOn?: IsoDate },
  window: DigestWindow,
  policy: ReminderPolicy,
): DigestLine[] {
  const daysLeft = daysBetween(window.to, task.dueDate);
  const within = (date: IsoDate) => compareDates(window.from, date) <= 0 && compareDates(date, window.to) <= 0;
  const lines: DigestLine[] = [];
  if (daysLeft >= 0) {
    if (policy.daysBefore.some((days) => within(addDays(task.dueDate, -days)))) {
      lines.push({ to: 'owner', reason: 'upcoming', daysLeft });
    }
  } else if (policy.overdueDaily || within(addDays(task.dueDate, 1))) {
    lines.push({ to: 'owner', reason: 'overdue', daysLeft });
  }
  if (task.escalatedOn !== undefined) {
    // Once escalated the target keeps seeing it while it is open, as the owner does, unless overdue lines are off.
    const escalated = policy.overdueDaily ? compareDates(task.escalatedOn, window.to) <= 0 : within(task.escalatedOn);
    if (escalated) lines.push({ to: 'escalation-target', reason: 'escalated', daysLeft });
  }
  return lines;
}
