/**
 * A hire's dated plan: every task, milestone, mail and survey step of a template, fixed to calendar days.
 * Pure and JSON-plain, so the workflow keeps it in its state, hands it to continue-as-new, and computes the same
 * dates on every replay. Items keep their offsets, so a new start date or a long leave re-dates them; nothing in
 * the plan records whether an item is done — that is the workflow's to know.
 */
import { type IsoDate, addDays, compareDates, daysBetween, isIsoDate, laterOf } from './calendar';
import { pulseItemId } from './surveyIds';
import { englishTitleOf } from './templateText';
import {
  type ComplianceFields,
  type FollowUp,
  type JourneyTemplate,
  JourneyTemplateChangeError,
  type LegalSource,
  type MilestoneChange,
  type MilestoneKind,
  type OwnerRole,
  applyMilestoneChanges,
  milestoneProblems,
} from './journeyTemplate';

export type PlanItemKind =
  | 'preboarding-task'
  | 'welcome-card'
  | 'welcome-mail'
  | 'mentor-coffee-moment'
  | 'mentor-period-end'
  | 'milestone'
  | 'survey-invitation'
  | 'survey-pulse'
  | 'survey-reminder'
  | 'survey-phone-follow-up'
  | 'programme-end';

export interface PlanItem {
  /** Stable across re-planning (`task:<id>`, `milestone:<id>`, `survey-invitation`…): a key for events and mail. */
  readonly id: string;
  readonly kind: PlanItemKind;
  /** Dutch: people read it. */
  readonly title: string;
  /** English, when the template has it (templateText.ts). */
  readonly titleEn?: string;
  /** Who acts; null for what the system does by itself (a mail, the end of the programme). */
  readonly ownerRole: OwnerRole | null;
  readonly milestoneKind?: MilestoneKind;
  /** From the start date, as in the template (after per-hire changes). */
  readonly dueOffsetDays: number;
  readonly followUp: FollowUp | null;
  /** Days of leave that moved this item, kept so a later start-date change does not undo them. */
  readonly pauseShiftDays: number;
  readonly dueDate: IsoDate;
  /** Null when there is no reminder, or its day had already passed when the item was dated. */
  readonly reminderDate: IsoDate | null;
  readonly escalationDate: IsoDate | null;
  /** Plan item ids (`task:vog-on-file`) that must be done before this one can be completed. */
  readonly requires?: readonly string[];
  /** The rule a compliance item follows, as the template cites it. */
  readonly source?: LegalSource;
}

export interface PlanPause {
  readonly from: IsoDate;
  readonly until: IsoDate;
  readonly days: number;
}

export interface JourneyPlan {
  readonly templateId: string;
  readonly templateVersion: number;
  readonly startDate: IsoDate;
  /** The day the dates were last worked out; nothing was dated before it. */
  readonly plannedOn: IsoDate;
  readonly programmeLengthDays: number;
  /** Day one plus the programme plus every completed leave. */
  readonly endDate: IsoDate;
  readonly pauses: readonly PlanPause[];
  readonly pausedSince: IsoDate | null;
  /** By due date, then id. */
  readonly items: readonly PlanItem[];
}

type Undated = Omit<PlanItem, 'dueDate' | 'reminderDate' | 'escalationDate' | 'pauseShiftDays'>;

/**
 * The plan for a hire starting on `startDate`, worked out on `today`. A hire registered late gets no dates in
 * the past: what was due earlier is due today, and reminders whose day has gone are dropped — a pre-boarding
 * task fourteen days ahead of a start five days away is still worth doing, but not worth an escalation tomorrow.
 */
export function buildPlan(
  template: JourneyTemplate,
  startDate: IsoDate,
  today: IsoDate,
  changes: readonly MilestoneChange[] = [],
): JourneyPlan {
  requireDate(startDate, 'startdatum');
  requireDate(today, 'vandaag');
  const effective = applyMilestoneChanges(template, changes);
  const items = undatedItems(effective).map((item) => dated({ ...item, pauseShiftDays: 0 }, startDate, today));
  return {
    templateId: effective.id,
    templateVersion: effective.version,
    startDate,
    plannedOn: today,
    programmeLengthDays: effective.programmeLengthDays,
    endDate: addDays(startDate, effective.programmeLengthDays),
    pauses: [],
    pausedSince: null,
    items: sortItems(items),
  };
}

/** The plan a new journey starts from: dated on `today`, but never on a day more than a year before the start. */
export function planForNewJourney(template: JourneyTemplate, startDate: IsoDate, today: IsoDate): JourneyPlan {
  return buildPlan(template, startDate, laterOf(today, addDays(startDate, -365)));
}

/** Every relative date follows the new start date; leave already taken stays counted. */
export function moveStartDate(plan: JourneyPlan, newStartDate: IsoDate, today: IsoDate = plan.plannedOn): JourneyPlan {
  requireDate(newStartDate, 'nieuwe startdatum');
  requireDate(today, 'vandaag');
  return {
    ...plan,
    startDate: newStartDate,
    plannedOn: today,
    endDate: addDays(newStartDate, plan.programmeLengthDays + totalPauseDays(plan)),
    items: sortItems(plan.items.map((item) => dated(item, newStartDate, today))),
  };
}

/** Long leave begins: the clock stops; dates move only on resume, when the length of the leave is known. */
export function pausePlan(plan: JourneyPlan, pausedOn: IsoDate): JourneyPlan {
  requireDate(pausedOn, 'begin van het verlof');
  if (plan.pausedSince !== null) throw new RangeError(`De reis staat al stil sinds ${plan.pausedSince}.`);
  return { ...plan, pausedSince: pausedOn };
}

/**
 * Leave ends: every date that was still ahead when it began moves on by the days paused. What had already
 * passed stays where it was, except an escalation still to come — the manager hears of an overdue task only
 * once the hire is back.
 */
export function resumePlan(plan: JourneyPlan, resumedOn: IsoDate): JourneyPlan {
  requireDate(resumedOn, 'einde van het verlof');
  const since = plan.pausedSince;
  if (since === null) throw new RangeError('De reis staat niet stil; er valt niets te hervatten.');
  const days = daysBetween(since, resumedOn);
  if (days < 0) throw new RangeError(`Het verlof kan niet eindigen (${resumedOn}) vóór het begon (${since}).`);
  const shift = (date: IsoDate | null) =>
    date !== null && compareDates(date, since) >= 0 ? addDays(date, days) : date;
  const items = plan.items.map((item): PlanItem => {
    const ahead = compareDates(item.dueDate, since) >= 0;
    return {
      ...item,
      pauseShiftDays: item.pauseShiftDays + (ahead ? days : 0),
      dueDate: shift(item.dueDate)!,
      reminderDate: ahead ? shift(item.reminderDate) : item.reminderDate,
      escalationDate: shift(item.escalationDate),
    };
  });
  return {
    ...plan,
    endDate: addDays(plan.endDate, days),
    pauses: [...plan.pauses, { from: since, until: resumedOn, days }],
    pausedSince: null,
    items: sortItems(items),
  };
}

/**
 * A per-hire change to the learning line of a running journey. Other items keep their dates; a new milestone
 * counts from the start date and is moved on by the leave already taken.
 */
export function changePlan(plan: JourneyPlan, change: MilestoneChange, today: IsoDate): JourneyPlan {
  requireDate(today, 'vandaag');
  const itemId = milestoneItemId(change.kind === 'add-milestone' ? change.milestone.id : change.milestoneId);
  const existing = plan.items.find((item) => item.id === itemId);
  const reject = (path: string, message: string) => {
    throw new JourneyTemplateChangeError([{ path, message }]);
  };
  switch (change.kind) {
    case 'add-milestone': {
      const problems = milestoneProblems(change.milestone, 'milestone', plan.programmeLengthDays);
      if (problems.length > 0) throw new JourneyTemplateChangeError(problems);
      if (plan.items.some((item) => item.id === itemId || item.id === taskItemId(change.milestone.id))) {
        reject('milestone.id', `De id "${change.milestone.id}" bestaat al in deze reis.`);
      }
      const inPlan = new Set(plan.items.map((item) => item.id));
      const toItemId = (id: string) => [taskItemId(id), milestoneItemId(id)].find((candidate) => inPlan.has(candidate));
      const unknownGate = (change.milestone.requires ?? []).find((id) => toItemId(id) === undefined);
      if (unknownGate !== undefined)
        reject(
          'milestone.requires',
          `Onbekende taak of mijlpaal "${unknownGate}"; een voorwaarde moet in deze reis staan.`,
        );
      const added = dated(
        { ...milestoneItem(change.milestone, toItemId), pauseShiftDays: totalPauseDays(plan) },
        plan.startDate,
        today,
      );
      return { ...plan, items: sortItems([...plan.items, added]) };
    }
    case 'drop-milestone':
      if (!existing) reject('milestoneId', `Deze reis heeft geen mijlpaal "${change.milestoneId}".`);
      return { ...plan, items: plan.items.filter((item) => item.id !== itemId) };
    case 'move-milestone': {
      if (!existing) reject('milestoneId', `Deze reis heeft geen mijlpaal "${change.milestoneId}".`);
      const { dueOffsetDays } = change;
      if (!Number.isInteger(dueOffsetDays) || dueOffsetDays < 0 || dueOffsetDays > plan.programmeLengthDays) {
        reject('dueOffsetDays', 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.');
      }
      const moved = dated({ ...existing!, dueOffsetDays }, plan.startDate, today);
      return { ...plan, items: sortItems(plan.items.map((item) => (item.id === itemId ? moved : item))) };
    }
  }
}

export type PlanActionKind = 'reminder' | 'due' | 'escalation';

export interface PlanAction {
  readonly date: IsoDate;
  readonly itemId: string;
  readonly action: PlanActionKind;
}

/** Every dated moment of the plan in the order it happens: what the workflow sets its next timer for. */
export function planActions(plan: JourneyPlan): PlanAction[] {
  const order: Record<PlanActionKind, number> = { reminder: 0, due: 1, escalation: 2 };
  const actions = plan.items.flatMap((item): PlanAction[] => [
    ...(item.reminderDate ? [{ date: item.reminderDate, itemId: item.id, action: 'reminder' as const }] : []),
    { date: item.dueDate, itemId: item.id, action: 'due' as const },
    ...(item.escalationDate ? [{ date: item.escalationDate, itemId: item.id, action: 'escalation' as const }] : []),
  ]);
  return actions.sort(
    (a, b) => compareDates(a.date, b.date) || order[a.action] - order[b.action] || compareIds(a.itemId, b.itemId),
  );
}

export const taskItemId = (taskId: string): string => `task:${taskId}`;
export const milestoneItemId = (milestoneId: string): string => `milestone:${milestoneId}`;

function undatedItems(template: JourneyTemplate): Undated[] {
  const toItemId = templateItemIds(template.preboardingTasks, template.milestones);
  const items: Undated[] = template.preboardingTasks.map((task) => ({
    id: taskItemId(task.id),
    kind: 'preboarding-task',
    title: task.title,
    ...englishTitleOf(task),
    ownerRole: task.ownerRole,
    dueOffsetDays: task.dueOffsetDays,
    followUp: followUpOf(task),
    ...complianceOf(task, toItemId),
  }));
  const card = template.welcomeCard;
  const cardTitle = welcomeCardTitle(card.card, card.flowers);
  if (cardTitle) {
    items.push({
      id: 'welcome-card',
      kind: 'welcome-card',
      title: cardTitle,
      titleEn: welcomeCardTitleEn(card.card, card.flowers),
      ownerRole: card.ownerRole,
      dueOffsetDays: card.dueOffsetDays,
      followUp: followUpOf(card),
    });
  }
  if (card.welcomeMailOffsetDays !== undefined) {
    items.push({
      id: 'welcome-mail',
      kind: 'welcome-mail',
      title: 'Digitale welkomstmail',
      titleEn: 'Digital welcome mail',
      ownerRole: null,
      dueOffsetDays: card.welcomeMailOffsetDays,
      followUp: null,
    });
  }
  items.push(
    {
      id: 'mentor-coffee-moment',
      kind: 'mentor-coffee-moment',
      title: 'Koffiemoment met de mentor',
      titleEn: 'Coffee with the mentor',
      ownerRole: 'mentor',
      dueOffsetDays: template.mentor.coffeeMomentOffsetDays,
      followUp: null,
    },
    {
      id: 'mentor-period-end',
      kind: 'mentor-period-end',
      title: 'Einde van de mentorperiode',
      titleEn: 'End of the mentoring period',
      ownerRole: 'mentor',
      dueOffsetDays: template.mentor.programmeLengthDays,
      followUp: null,
    },
  );
  items.push(...template.milestones.map((milestone) => milestoneItem(milestone, toItemId)));
  const survey = template.survey;
  // A pulse is a mail, like the invitation; it has no reminder and no phone call of its own.
  for (const pulse of survey.pulses ?? []) {
    items.push({
      id: pulseItemId(pulse.dayOffset),
      kind: 'survey-pulse',
      title: `Korte vragenlijst na ${pulse.dayOffset} dagen`,
      titleEn: `Short survey after ${pulse.dayOffset} days`,
      ownerRole: null,
      dueOffsetDays: pulse.dayOffset,
      followUp: null,
    });
  }
  items.push(
    {
      id: 'survey-invitation',
      kind: 'survey-invitation',
      title: 'Uitnodiging anonieme vragenlijst na 90 dagen',
      titleEn: 'Invitation to the anonymous 90-day survey',
      ownerRole: null,
      dueOffsetDays: survey.dayOffset,
      followUp: null,
    },
    {
      id: 'survey-reminder',
      kind: 'survey-reminder',
      title: 'Herinnering anonieme vragenlijst',
      titleEn: 'Reminder of the anonymous survey',
      ownerRole: null,
      dueOffsetDays: survey.dayOffset + survey.reminderAfterDays,
      followUp: null,
    },
  );
  if (survey.phoneFollowUpAfterDays !== undefined) {
    items.push({
      id: 'survey-phone-follow-up',
      kind: 'survey-phone-follow-up',
      title: 'Bel de nieuwe collega na over de eerste 90 dagen',
      titleEn: 'Call the new colleague about the first 90 days',
      ownerRole: 'hr',
      dueOffsetDays: survey.dayOffset + survey.phoneFollowUpAfterDays,
      followUp: null,
    });
  }
  items.push({
    id: 'programme-end',
    kind: 'programme-end',
    title: 'Einde van het inwerkprogramma',
    titleEn: 'End of the onboarding programme',
    ownerRole: null,
    dueOffsetDays: template.programmeLengthDays,
    followUp: null,
  });
  return items;
}

function milestoneItem(
  milestone: JourneyTemplate['milestones'][number],
  toItemId: (id: string) => string | undefined,
): Undated {
  return {
    id: milestoneItemId(milestone.id),
    kind: 'milestone',
    title: milestone.title,
    ...englishTitleOf(milestone),
    ownerRole: milestone.responsibleRole,
    milestoneKind: milestone.kind,
    dueOffsetDays: milestone.dueOffsetDays,
    followUp: followUpOf(milestone),
    ...complianceOf(milestone, toItemId),
  };
}

/** A template id as the plan names it: tasks and milestones share one id space, their plan ids a prefix. */
function templateItemIds(
  tasks: readonly { readonly id: string }[],
  milestones: readonly { readonly id: string }[],
): (id: string) => string | undefined {
  const ids = new Map([
    ...tasks.map((task) => [task.id, taskItemId(task.id)] as const),
    ...milestones.map((milestone) => [milestone.id, milestoneItemId(milestone.id)] as const),
  ]);
  return (id) => ids.get(id);
}

/** The gates and legal source an item carries; absent fields stay absent so older plans keep their shape. */
function complianceOf(
  source: ComplianceFields,
  toItemId: (id: string) => string | undefined,
): Pick<PlanItem, 'requires' | 'source'> {
  const requires = (source.requires ?? []).map(toItemId).filter((id): id is string => id !== undefined);
  return {
    ...(requires.length > 0 ? { requires } : {}),
    ...(source.source ? { source: { rule: source.source.rule, reference: source.source.reference } } : {}),
  };
}

function welcomeCardTitleEn(card: boolean, flowers: boolean): string {
  if (card && flowers) return 'Deliver the welcome card and flowers';
  return card ? 'Send the welcome card' : 'Deliver flowers';
}

function welcomeCardTitle(card: boolean, flowers: boolean): string | null {
  if (card && flowers) return 'Welkomstkaart en bloemen bezorgen';
  if (card) return 'Welkomstkaart versturen';
  if (flowers) return 'Bloemen bezorgen';
  return null;
}

function followUpOf(source: FollowUp): FollowUp {
  return {
    reminderOffsetDays: source.reminderOffsetDays,
    escalationOffsetDays: source.escalationOffsetDays,
    ...(source.escalateTo ? { escalateTo: source.escalateTo } : {}),
  };
}

/** The one rule that turns offsets into days: nothing before `today`; nudges count from the due day. */
export function dated(
  item: Omit<PlanItem, 'dueDate' | 'reminderDate' | 'escalationDate'>,
  startDate: IsoDate,
  today: IsoDate,
): PlanItem {
  const dueDate = laterOf(addDays(startDate, item.dueOffsetDays + item.pauseShiftDays), today);
  const reminder = item.followUp ? addDays(dueDate, item.followUp.reminderOffsetDays) : null;
  return {
    ...item,
    dueDate,
    reminderDate: reminder !== null && compareDates(reminder, today) >= 0 ? reminder : null,
    escalationDate: item.followUp ? addDays(dueDate, item.followUp.escalationOffsetDays) : null,
  };
}

export function totalPauseDays(plan: JourneyPlan): number {
  return plan.pauses.reduce((sum, pause) => sum + pause.days, 0);
}

export function sortItems(items: PlanItem[]): PlanItem[] {
  return items.sort((a, b) => compareDates(a.dueDate, b.dueDate) || compareIds(a.id, b.id));
}

/** Code-unit order, not locale order: the same on every machine the workflow replays on. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function requireDate(value: IsoDate, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`Geen geldige ${what} (JJJJ-MM-DD): "${String(value)}"`);
}
