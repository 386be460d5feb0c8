/**
 * The journey's memory: plain JSON, carried across continue-as-new, and the pure questions the workflow asks of
 * it (what is open, what is due, what does the journey look like). No Temporal and no I/O here.
 */
import { type IsoDate, compareDates, epochMsOfDate } from '../calendar';
import type { JourneyTemplate, OwnerRole } from '../journeyTemplate';
import type { JourneyPlan, PlanAction, PlanItem, PlanItemKind } from '../schedule';
import type {
  HireJourneyInput,
  ItemStatus,
  JourneyItemView,
  JourneyOutcome,
  JourneyStage,
  JourneyView,
  MentorView,
} from '../../hireJourneyContract';
import { NINETY_DAY_SURVEY, type SurveyId } from '../surveyIds';
import { englishTitleOf } from '../templateText';
import { journeyPlanActions } from './digestEscalations';
import { openGates } from './gates';
import { itemTitleIn } from './itemTitles';
import { changesOffered } from './planItemChanges';
import { EXIT_INTERVIEW_TASK, FIND_MENTOR_TASK } from './selfOpenedTasks';

/** Tasks the journey creates as it goes, outside the template: finding a mentor by hand, the exit interview. */
export interface AdhocTask {
  readonly id: string;
  readonly title: string;
  readonly ownerRole: OwnerRole;
  readonly dueDate: IsoDate;
  readonly escalationDate: IsoDate;
}

export interface MentorState {
  readonly status: MentorView['status'];
  readonly asked: readonly string[];
  readonly askedRef?: string;
  readonly answerDeadline?: IsoDate;
  readonly mentorRef?: string;
}

export interface JourneyState {
  readonly input: HireJourneyInput;
  readonly workflowId: string;
  readonly template: JourneyTemplate;
  readonly plan: JourneyPlan;
  /** Revision of the last event this journey wrote to the hire's stream; it is the stream's only writer. */
  readonly revision: number;
  readonly completed: Readonly<Record<string, { readonly by: string; readonly on: IsoDate }>>;
  readonly cancelled: readonly string[];
  /** `${itemId}:${action}` of every plan action already carried out, so a re-dated item does not act twice. */
  readonly handled: readonly string[];
  readonly adhoc: readonly AdhocTask[];
  readonly mentor: MentorState;
  /** The hire's personal 90-day survey link is spent (SurveyTokenSpent): recorded once, and no survey mail follows. */
  readonly surveyTokenSpent?: true;
  /**
   * The pulse surveys (`pulse-30`) whose link the hire spent, each recorded once. Kept apart from
   * `surveyTokenSpent`, which journeys from before the pulses carry across continue-as-new with its old meaning.
   */
  readonly pulseTokensSpent?: readonly SurveyId[];
  readonly leaving?: { readonly lastWorkingDay: IsoDate; readonly exitInterviewTaskId: string };
  readonly outcome?: JourneyOutcome;
  /**
   * Reminders go in the owner's daily digest (services/worker/reminderDigest.ts), not a mail per task: set for
   * journeys started from patch reminder-digest-v1 on. Escalations stay the journey's own step.
   */
  readonly remindersByDigest?: true;
  /**
   * Escalations follow the template's escalateAfterDays and go in the escalation target's daily digest, not a mail
   * per task (digestEscalations.ts): set for journeys started from patch digest-escalations-v1 on.
   */
  readonly escalationsByDigest?: true;
  /**
   * Tasks the journey opens itself and tasks HR adds escalate after the template's escalateAfterDays, not a fixed
   * week (adhocEscalation.ts): set for journeys started from patch adhoc-escalation-policy-v1 on, and recorded in
   * their JourneyStarted so a replay of the hire's events folds the same way.
   */
  readonly adhocEscalationByPolicy?: true;
}

/** Items a person does (and can be reminded of); the others are things the system does on the day. */
const HUMAN_KINDS: ReadonlySet<PlanItemKind> = new Set([
  'preboarding-task',
  'welcome-card',
  'milestone',
  'survey-phone-follow-up',
]);

export const EXIT_INTERVIEW_TASK_ID = EXIT_INTERVIEW_TASK.id;
export const FIND_MENTOR_TASK_ID = FIND_MENTOR_TASK.id;

/** Mails and timers go out at the start of a Dutch working day (07:00 UTC is 08:00 or 09:00 in Amsterdam). */
export const WORKDAY_START_MS = 7 * 60 * 60 * 1000;

export function isHumanItem(item: PlanItem): boolean {
  return HUMAN_KINDS.has(item.kind);
}

export function surveyTokenIsSpent(state: JourneyState, survey: SurveyId): boolean {
  if (survey === NINETY_DAY_SURVEY) return state.surveyTokenSpent === true;
  return state.pulseTokensSpent?.includes(survey) ?? false;
}

export function isOpen(state: JourneyState, itemId: string): boolean {
  return !(itemId in state.completed) && !state.cancelled.includes(itemId);
}

export function openHumanItemIds(state: JourneyState): string[] {
  return [
    ...state.plan.items.filter((item) => isHumanItem(item) && isOpen(state, item.id)).map((item) => item.id),
    ...state.adhoc.filter((task) => isOpen(state, task.id)).map((task) => task.id),
  ];
}

/** Plan actions that are due on or before `today` and still to be carried out, in the order they happen. */
export function dueActions(state: JourneyState, today: IsoDate): PlanAction[] {
  if (state.plan.pausedSince !== null || state.outcome || state.leaving) return [];
  return journeyPlanActions(state).filter(
    (action) =>
      compareDates(action.date, today) <= 0 &&
      !state.handled.includes(actionKey(action)) &&
      stillMatters(state, action),
  );
}

export function actionKey(action: Pick<PlanAction, 'itemId' | 'action'>): string {
  return `${action.itemId}:${action.action}`;
}

function stillMatters(state: JourneyState, action: PlanAction): boolean {
  const item = state.plan.items.find((candidate) => candidate.id === action.itemId);
  if (!item) return false;
  // Reminders and escalations are for work still open; a system item acts on its due day only.
  if (isHumanItem(item)) {
    if (action.action === 'reminder' && state.remindersByDigest) return false;
    return action.action !== 'due' && isOpen(state, item.id);
  }
  return action.action === 'due';
}

/** When the workflow must wake up next without being told: the earliest future action, answer deadline or task. */
export function nextWakeUpMs(state: JourneyState, today: IsoDate): number | undefined {
  const dates: IsoDate[] = [];
  if (!state.outcome && state.plan.pausedSince === null && !state.leaving) {
    const next = journeyPlanActions(state).find(
      (action) =>
        compareDates(action.date, today) > 0 &&
        !state.handled.includes(actionKey(action)) &&
        stillMatters(state, action),
    );
    if (next) dates.push(next.date);
  }
  if (state.mentor.status === 'asked' && state.mentor.answerDeadline) dates.push(state.mentor.answerDeadline);
  for (const task of state.adhoc) {
    if (!isOpen(state, task.id)) continue;
    for (const date of [task.dueDate, task.escalationDate]) if (compareDates(date, today) > 0) dates.push(date);
  }
  // A leaver whose exit interview was held may still have checklist tasks open: the interview's grace date ends them.
  const exitInterview =
    state.leaving && !state.outcome && state.adhoc.find((task) => task.id === EXIT_INTERVIEW_TASK_ID);
  if (exitInterview && compareDates(exitInterview.escalationDate, today) > 0) dates.push(exitInterview.escalationDate);
  if (dates.length === 0) return undefined;
  const earliest = dates.sort(compareDates)[0]!;
  return epochMsOfDate(earliest) + WORKDAY_START_MS;
}

export function stageOf(state: JourneyState, today: IsoDate): JourneyStage {
  if (state.outcome) return 'ended';
  if (state.leaving) return 'leaving';
  if (state.plan.pausedSince !== null) return 'on-leave';
  return compareDates(today, state.plan.startDate) < 0 ? 'preboarding' : 'onboarding';
}

export function journeyView(state: JourneyState, today: IsoDate): JourneyView {
  const status = (id: string, scheduled: boolean): ItemStatus =>
    id in state.completed ? 'done' : state.cancelled.includes(id) ? 'cancelled' : scheduled ? 'scheduled' : 'open';
  const items: JourneyItemView[] = [
    ...state.plan.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      title: item.title,
      ...englishTitleOf(item),
      ownerRole: item.ownerRole,
      dueDate: item.dueDate,
      status: status(item.id, !isHumanItem(item)),
      ...completion(state, item.id),
      ...blockedBy(state, item),
      ...(item.source ? { source: item.source } : {}),
      ...offeredChanges(state, item, today),
    })),
    ...state.adhoc.map((task) => ({
      id: task.id,
      kind: 'adhoc-task' as const,
      title: task.title,
      ...adhocEnglishTitle(state, task),
      ownerRole: task.ownerRole,
      dueDate: task.dueDate,
      status: status(task.id, false),
      ...completion(state, task.id),
      ...offeredChanges(state, task, today),
    })),
  ];
  const { input } = state;
  return {
    organisationId: input.organisationId,
    hireId: input.hireId,
    workflowId: state.workflowId,
    stage: stageOf(state, today),
    startDate: state.plan.startDate,
    role: input.role,
    ...(input.team === undefined ? {} : { team: input.team }),
    templateId: state.template.id,
    templateVersion: state.template.version,
    endDate: state.plan.endDate,
    // An ended journey is on leave no more (stageOf says 'ended'), whatever its plan last said.
    ...(state.plan.pausedSince === null || state.outcome ? {} : { pausedSince: state.plan.pausedSince }),
    mentor: {
      status: state.mentor.status,
      asked: state.mentor.asked,
      ...(state.mentor.mentorRef ? { mentorRef: state.mentor.mentorRef } : {}),
      ...(state.mentor.answerDeadline && state.mentor.status === 'asked'
        ? { answerDeadline: state.mentor.answerDeadline }
        : {}),
    },
    items,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(input.rehireOf === undefined ? {} : { rehireOf: input.rehireOf }),
  };
}

/** An open item that waits on others names them, so a person sees why it cannot be completed yet. */
function blockedBy(state: JourneyState, item: PlanItem): Partial<JourneyItemView> {
  if (!isOpen(state, item.id)) return {};
  const gates = openGates(state, item.id);
  return gates.length > 0
    ? { blockedBy: gates.map((gate) => ({ id: gate.id, title: gate.title, ...englishTitleOf(gate) })) }
    : {};
}

/**
 * The plan changes HR can make to the item now (workflows/domain/planItemChanges.ts), a planned item or a task HR
 * added (adhocTaskChanges.ts); absent when none.
 */
function offeredChanges(state: JourneyState, item: PlanItem | AdhocTask, today: IsoDate): Partial<JourneyItemView> {
  const changes = changesOffered(state, item, today);
  return changes.length > 0 ? { changes } : {};
}

/** A task the journey or HR opened has its English title where there is one (itemTitles.ts), as plan items do. */
function adhocEnglishTitle(state: JourneyState, task: AdhocTask): Partial<JourneyItemView> {
  const titleEn = itemTitleIn(state, task.id, task.title, 'en');
  return titleEn === task.title ? {} : { titleEn };
}

function completion(state: JourneyState, id: string): Partial<JourneyItemView> {
  const done = state.completed[id];
  return done ? { completedBy: done.by, completedOn: done.on } : {};
}
