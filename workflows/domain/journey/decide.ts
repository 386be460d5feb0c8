/**
 * decide: what a command or the clock means for a journey — the events to record, or a typed rejection. Pure:
 * what the workflow's activities found out (a mentor candidate, whether a mail went out) comes in with the command.
 */
import { type IsoDate, addDays, compareDates, isIsoDate, laterOf } from '../calendar';
import { type ExitReasons, validateExitReasons } from '../exitReasons';
import { type DateField, type JourneyRejection, journeyRejection as rejection } from './journeyRejections';
import { JourneyTemplateChangeError, type MilestoneChange } from '../journeyTemplate';
import { isWithinPlanningWindow, planningWindow } from '../planningWindow';
import { type PlanAction, changePlan, moveStartDate, resumePlan } from '../schedule';
import { planItemChangeDecision } from './planItemChangeDecision';
import type { PlanItemChange } from './planItemChanges';
import type { HireJourneyInput } from '../../hireJourneyContract';
import type { JourneyEvent, JourneyEventData, MeetingLogger } from './events';
import { byDigest } from './digestEscalations';
import { gatedParams, openGates } from './gates';
import {
  exitInterviewHeld,
  isOffboardingItem,
  leavingIsOver,
  offboardingTasksOpened,
  openOffboardingItemIds,
} from './offboarding';
import {
  type AdhocTask,
  EXIT_INTERVIEW_TASK_ID,
  FIND_MENTOR_TASK_ID,
  type JourneyState,
  dueActions,
  isOpen,
  openHumanItemIds,
  surveyTokenIsSpent,
} from './state';
import { NINETY_DAY_SURVEY, type SurveyId, isSurveyId, surveyOfPulseItem } from '../surveyIds';
import { FIND_MENTOR_TASK } from './selfOpenedTasks';
import { englishTitleOf } from '../templateText';
import { journeyStartedPlanData } from './untitledJourneyStarted';

export const FIND_MENTOR_TITLE = FIND_MENTOR_TASK.title;
/** Days the manager has to find a mentor by hand once the pool has no one. */
const FIND_MENTOR_DAYS = 7;

interface Given {
  readonly actor: string;
}
export type JourneyCommand =
  | { readonly kind: 'StartJourney' }
  /** What the mentor pool proposed after the start, a decline or a lapsed request: the next mentor, or no one. */
  | { readonly kind: 'RecordMentorSearch'; readonly candidate: string | null }
  | (Given & { readonly kind: 'CompleteItem'; readonly itemId: string })
  | (Given & {
      readonly kind: 'AnswerMentorRequest';
      readonly mentorRef: string;
      readonly accept: boolean;
      readonly welcomeMailDelivered?: boolean;
      /** The coffee moment the mentor chose when accepting: the day, Dutch time (HH:MM) and minutes. */
      readonly coffeeMoment?: { readonly date: string; readonly time: string; readonly durationMinutes: number };
      readonly introductionWritten?: boolean;
    })
  | (Given & { readonly kind: 'ChangeStartDate'; readonly startDate: string })
  | (Given & { readonly kind: 'WithdrawCandidate'; readonly reason?: string })
  | (Given & {
      readonly kind: 'RegisterTermination';
      readonly lastWorkingDay: string;
      readonly exitMailDelivered?: boolean;
      /** The offboarding checklist is opened too (journeys from patch offboarding-checklist-v1 on). */
      readonly offboardingChecklist?: boolean;
    })
  | (Given & { readonly kind: 'RecordExitInterview' } & ExitReasons)
  | (Given & { readonly kind: 'ChangeLearningLine'; readonly change: MilestoneChange })
  | (Given & { readonly kind: 'StartLeave'; readonly from: string })
  | (Given & { readonly kind: 'EndLeave'; readonly until: string })
  /** Mentor and new hire met: when and how long (never what about), logged by one of them or HR. */
  | (Given & {
      readonly kind: 'LogMentorMeeting';
      readonly on: string;
      readonly minutes: number;
      readonly loggedBy: MeetingLogger;
    })
  /** The hire answered a survey; without `survey` the 90-day one (signals from before the pulses carry none). */
  | { readonly kind: 'SpendSurveyToken'; readonly survey?: string }
  /** A colleague wrote a welcome through the team's link (the API kept the text; only its id comes here). */
  | { readonly kind: 'RecordTeamWelcome'; readonly messageId: string }
  /** HR moves, drops or re-owns a planned item, or adds a task; `changeId` refers to their reason, kept elsewhere. */
  | (Given & { readonly kind: 'ChangePlanItem'; readonly change: PlanItemChange; readonly changeId: string });

/**
 * The clock: the next step that is due today, with whether the mail it needed went out, and for a survey mail
 * whether the survey service found the hire's link spent already (then no mail went out).
 */
export interface ClockTick {
  readonly kind: 'Tick';
  readonly mailDelivered?: boolean;
  readonly surveyAnswered?: boolean;
}

export type { JourneyRejection, RejectionCode } from './journeyRejections';
export type Decision = { readonly events: readonly JourneyEvent[] } | JourneyRejection;

export function isRejection(decision: Decision): decision is JourneyRejection {
  return 'rejected' in decision;
}

/** A step the clock makes due: a plan action, a lapsed mentor request, or an escalation of a task the journey opened. */
export type DueStep =
  | { readonly step: 'plan'; readonly action: PlanAction }
  | { readonly step: 'mentor-request-expired'; readonly mentorRef: string }
  | { readonly step: 'adhoc-escalation'; readonly task: AdhocTask }
  /** The exit interview was held, the offboarding checklist is still open and its grace period is over. */
  | { readonly step: 'leaving-over' };

const SYSTEM_ITEM_KINDS_THAT_RECORD: ReadonlySet<string> = new Set([
  'welcome-mail',
  'survey-invitation',
  'survey-pulse',
  'survey-reminder',
  'programme-end',
]);

/**
 * The first step due on `today`, in the workflow's order: plan actions, then the mentor request, then tasks the
 * journey opened. A system item that records nothing on its day (the coffee moment) is no step.
 */
export function nextDueStep(state: JourneyState, today: IsoDate): DueStep | undefined {
  const action = dueActions(state, today).find((candidate) => recordsSomething(state, candidate));
  if (action) return { step: 'plan', action };
  if (state.outcome) return undefined;
  const { mentor } = state;
  if (
    mentor.status === 'asked' &&
    mentor.askedRef &&
    mentor.answerDeadline &&
    compareDates(mentor.answerDeadline, today) <= 0
  ) {
    return { step: 'mentor-request-expired', mentorRef: mentor.askedRef };
  }
  const task = state.adhoc.find(
    (candidate) =>
      isOpen(state, candidate.id) &&
      compareDates(candidate.escalationDate, today) <= 0 &&
      !state.handled.includes(`${candidate.id}:escalation`),
  );
  if (task) return { step: 'adhoc-escalation', task };
  return leavingIsOver(state, today) ? { step: 'leaving-over' } : undefined;
}

function recordsSomething(state: JourneyState, action: PlanAction): boolean {
  if (action.action !== 'due') return true;
  const kind = state.plan.items.find((item) => item.id === action.itemId)?.kind;
  if (kind === 'mentor-period-end') return state.mentor.status !== 'ended';
  return kind !== undefined && SYSTEM_ITEM_KINDS_THAT_RECORD.has(kind);
}

export function decide(state: JourneyState, command: JourneyCommand | ClockTick, today: IsoDate): Decision {
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  const accept = (...events: JourneyEvent[]): Decision => ({ events });
  switch (command.kind) {
    case 'StartJourney': {
      const { plan, template } = state;
      return accept(
        { type: 'HireRegistered', data: hireRegisteredData(state.input) },
        {
          type: 'JourneyStarted',
          data: {
            ...hire,
            ...journeyStartedPlanData(plan, template),
            items: plan.items.map((item) => ({
              id: item.id,
              title: item.title,
              ...englishTitleOf(item),
              kind: item.kind,
              ownerRole: item.ownerRole,
              dueDate: item.dueDate,
            })),
            ...(state.adhocEscalationByPolicy ? { adhocEscalationByPolicy: true } : {}),
          },
        },
      );
    }
    case 'RecordMentorSearch': {
      const hoursPerWeek = state.template.mentor.hoursPerWeek;
      if (command.candidate === null) {
        const dueDate = addDays(today, FIND_MENTOR_DAYS);
        return accept(
          { type: 'MentorNotFound', data: { ...hire, asked: [...state.mentor.asked] } },
          {
            type: 'TaskOpened',
            data: { ...hire, itemId: FIND_MENTOR_TASK_ID, title: FIND_MENTOR_TITLE, ownerRole: 'manager', dueDate },
          },
        );
      }
      const answerDeadline = addDays(today, state.template.mentor.answerWindowDays);
      return accept({
        type: 'MentorRequested',
        data: { ...hire, mentorRef: command.candidate, answerDeadline, hoursPerWeek },
      });
    }
    case 'CompleteItem': {
      // A leaver's offboarding checklist is the work that stays open while they leave.
      const offboarding = isOffboardingItem(command.itemId) && state.leaving && !state.outcome;
      const refused = offboarding ? undefined : inactive(state);
      if (refused) return refused;
      const planned = state.plan.items.find((item) => item.id === command.itemId);
      const adhoc = state.adhoc.find((task) => task.id === command.itemId);
      if (!planned?.ownerRole && !adhoc) return rejection('unknown-item', { itemId: command.itemId });
      if (command.itemId === EXIT_INTERVIEW_TASK_ID) {
        return rejection('exit-interview-is-no-task');
      }
      if (!isOpen(state, command.itemId)) return rejection('item-closed', { itemId: command.itemId });
      const gates = planned ? openGates(state, planned.id) : [];
      if (planned && gates.length > 0) return rejection('item-gated', gatedParams(planned, gates));
      const done: JourneyEvent = {
        type: planned?.kind === 'milestone' ? 'MilestoneCompleted' : 'TaskCompleted',
        data: { ...hire, itemId: command.itemId },
      };
      const lastOfLeaving =
        offboarding && exitInterviewHeld(state) && openOffboardingItemIds(state, command.itemId).length === 0;
      return lastOfLeaving ? accept(done, { type: 'JourneyEnded', data: { ...hire, outcome: 'left' } }) : accept(done);
    }
    case 'AnswerMentorRequest': {
      const refused = inactive(state);
      if (refused) return refused;
      if (state.mentor.status !== 'asked' || state.mentor.askedRef !== command.mentorRef) {
        return rejection('mentor-not-asked');
      }
      const { mentorRef } = command;
      if (!command.accept) return accept({ type: 'MentorDeclined', data: { ...hire, mentorRef } });
      const chosen = command.coffeeMoment;
      if (chosen && compareDates(chosen.date, today) < 0) return rejection('coffee-moment-in-the-past');
      const coffee = state.plan.items.find((item) => item.kind === 'mentor-coffee-moment');
      const coffeeMoment = chosen?.date ?? laterOf(coffee?.dueDate ?? state.plan.startDate, addDays(today, 1));
      return accept(
        {
          type: 'MentorAccepted',
          data: {
            ...hire,
            mentorRef,
            hoursPerWeek: state.template.mentor.hoursPerWeek,
            ...(command.introductionWritten ? { introductionWritten: true } : {}),
          },
        },
        {
          type: 'MentorWelcomeMailSent',
          data: {
            ...hire,
            mentorRef,
            coffeeMoment,
            mailDelivered: command.welcomeMailDelivered ?? false,
            ...(chosen ? { coffeeTime: chosen.time, coffeeMinutes: chosen.durationMinutes } : {}),
          },
        },
      );
    }
    case 'ChangeStartDate': {
      const refused = inactive(state) ?? dated(command.startDate, 'start-date', today);
      if (refused) return refused;
      const from = state.plan.startDate;
      if (compareDates(today, from) >= 0) return rejection('hire-started', { command: 'change-start-date' });
      if (command.startDate === from) return accept();
      const endDate = moveStartDate(state.plan, command.startDate as IsoDate, today).endDate;
      return accept({ type: 'StartDateChanged', data: { ...hire, from, to: command.startDate as IsoDate, endDate } });
    }
    case 'WithdrawCandidate': {
      const refused = inactive(state);
      if (refused) return refused;
      if (compareDates(today, state.plan.startDate) >= 0) {
        return rejection('hire-started', { command: 'withdraw' });
      }
      return accept(
        ...openWorkEnded(state, 'withdrawn'),
        { type: 'CandidateWithdrawn', data: { ...hire, ...(command.reason ? { reason: command.reason } : {}) } },
        { type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } },
      );
    }
    case 'RegisterTermination': {
      const refused = inactive(state) ?? dated(command.lastWorkingDay, 'last-working-day', today);
      if (refused) return refused;
      const lastWorkingDay = command.lastWorkingDay as IsoDate;
      return accept(
        ...openWorkEnded(state, 'terminated'),
        { type: 'TerminationRegistered', data: { ...hire, lastWorkingDay } },
        {
          type: 'ExitInterviewRequested',
          data: {
            ...hire,
            itemId: EXIT_INTERVIEW_TASK_ID,
            ownerRole: 'hr',
            dueDate: laterOf(lastWorkingDay, today),
            mailDelivered: command.exitMailDelivered ?? false,
          },
        },
        ...(command.offboardingChecklist ? offboardingTasksOpened(state, lastWorkingDay, today) : []),
      );
    }
    case 'RecordExitInterview': {
      if (!state.leaving || state.outcome) return rejection('not-leaving');
      if (exitInterviewHeld(state)) return rejection('item-closed');
      const result = validateExitReasons(command);
      if (!result.ok) return exitReasonsRejection(command, result.problems);
      // Reasons are recorded as codes from the taxonomy, never as free text: this stream is read by auditors.
      const held: JourneyEvent = {
        type: 'ExitInterviewHeld',
        data: { ...hire, reasons: [...command.reasons], wouldHaveKept: [...command.wouldHaveKept] },
      };
      // With the offboarding checklist still open the journey waits for it (or for its grace period to end).
      if (openOffboardingItemIds(state).length > 0) return accept(held);
      return accept(held, { type: 'JourneyEnded', data: { ...hire, outcome: 'left' } });
    }
    case 'LogMentorMeeting': {
      const refused = inactive(state) ?? dated(command.on, 'meeting-date', today);
      if (refused) return refused;
      const { mentor } = state;
      if (mentor.status !== 'accepted' || !mentor.mentorRef) return rejection('no-mentor');
      if (compareDates(command.on, today) > 0) return rejection('meeting-in-the-future');
      if (!Number.isInteger(command.minutes) || command.minutes < 5 || command.minutes > 480)
        return rejection('invalid-meeting-length');
      return accept({
        type: 'MentorMeetingLogged',
        data: {
          ...hire,
          mentorRef: mentor.mentorRef,
          on: command.on,
          minutes: command.minutes,
          loggedBy: command.loggedBy,
        },
      });
    }
    case 'ChangeLearningLine': {
      const refused = inactive(state);
      if (refused) return refused;
      try {
        changePlan(state.plan, command.change, today);
      } catch (error) {
        if (error instanceof JourneyTemplateChangeError || error instanceof RangeError)
          return learningLineRejection(error);
        throw error;
      }
      return accept({ type: 'LearningLineChanged', data: { ...hire, change: { ...command.change } } });
    }
    case 'StartLeave': {
      const refused = inactive(state) ?? dated(command.from, 'first-leave-day', today);
      if (refused) return refused;
      if (state.plan.pausedSince !== null) return rejection('already-on-leave', { since: state.plan.pausedSince });
      return accept({ type: 'LeaveStarted', data: { ...hire, from: command.from as IsoDate } });
    }
    case 'EndLeave': {
      const refused = inactive(state);
      if (refused) return refused;
      const since = state.plan.pausedSince;
      if (since === null) return rejection('not-on-leave');
      if (!isIsoDate(command.until) || compareDates(command.until, since) < 0) {
        return rejection('not-a-date', { field: 'last-leave-day', since });
      }
      const windowRefusal = dated(command.until, 'last-leave-day', today);
      if (windowRefusal) return windowRefusal;
      return accept({
        type: 'LeaveEnded',
        data: { ...hire, until: command.until, endDate: resumePlan(state.plan, command.until).endDate },
      });
    }
    case 'SpendSurveyToken': {
      const survey = command.survey ?? NINETY_DAY_SURVEY;
      // A survey the journey knows no id for is none of its own: nothing to record.
      return isSurveyId(survey) ? accept(...surveyTokenSpent(state, survey)) : accept();
    }
    case 'RecordTeamWelcome':
      return accept(...teamWelcomeWritten(state, command.messageId));
    case 'ChangePlanItem':
      return inactive(state) ?? planItemChangeDecision(state, command, today);
    case 'Tick':
      return accept(...tick(state, today, command));
  }
}

function tick(state: JourneyState, today: IsoDate, clock: ClockTick): JourneyEvent[] {
  const mailDelivered = clock.mailDelivered ?? false;
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  const step = nextDueStep(state, today);
  if (!step) return [];
  if (step.step === 'mentor-request-expired')
    return [{ type: 'MentorRequestExpired', data: { ...hire, mentorRef: step.mentorRef } }];
  if (step.step === 'leaving-over')
    return [...offboardingCancelled(state), { type: 'JourneyEnded', data: { ...hire, outcome: 'left' } }];
  if (step.step === 'adhoc-escalation') {
    const { task } = step;
    if (task.id === EXIT_INTERVIEW_TASK_ID && state.leaving)
      return [
        ...offboardingCancelled(state),
        { type: 'JourneyEnded', data: { ...hire, outcome: 'left', exitInterview: 'not-held' } },
      ];
    const { id: itemId, title, dueDate, ownerRole } = task;
    return [
      {
        type: 'TaskEscalated',
        data: { ...hire, itemId, title, dueDate, ownerRole, mailDelivered, ...byDigest(state) },
      },
    ];
  }
  const { action } = step;
  const item = state.plan.items.find((candidate) => candidate.id === action.itemId)!;
  const base = { ...hire, itemId: item.id, title: item.title, dueDate: item.dueDate };
  if (action.action === 'reminder')
    return [{ type: 'TaskReminderSent', data: { ...base, ownerRole: item.ownerRole, mailDelivered } }];
  if (action.action === 'escalation')
    return [{ type: 'TaskEscalated', data: { ...base, ownerRole: item.ownerRole, mailDelivered, ...byDigest(state) } }];
  switch (item.kind) {
    case 'welcome-mail':
      return [{ type: 'WelcomeMailSent', data: { ...base, mailDelivered } }];
    // Who answered before the signal arrived is found out by the survey mail, which then is not sent.
    case 'survey-invitation':
      if (clock.surveyAnswered) return surveyTokenSpent(state, NINETY_DAY_SURVEY);
      return [{ type: 'SurveyInvitationSent', data: { ...base, survey: 'ninety-days', mailDelivered } }];
    case 'survey-pulse': {
      const survey = surveyOfPulseItem(item.id)!;
      if (clock.surveyAnswered) return surveyTokenSpent(state, survey);
      return [{ type: 'SurveyInvitationSent', data: { ...base, survey, mailDelivered } }];
    }
    case 'survey-reminder':
      if (clock.surveyAnswered) return surveyTokenSpent(state, NINETY_DAY_SURVEY);
      return [{ type: 'SurveyReminderSent', data: { ...base, survey: 'ninety-days', mailDelivered } }];
    case 'mentor-period-end': {
      const ended = mentorshipEnded(state, 'period-ended');
      if (ended.length > 0) return ended;
      return [
        ...requestWithdrawn(state, 'mentor-period-ended'),
        { type: 'MentorPeriodEnded', data: { ...hire, itemId: item.id } },
      ];
    }
    default: // programme-end: the hire has landed
      return [
        ...mentorshipEnded(state, 'journey-ended'),
        { type: 'JourneyEnded', data: { ...hire, outcome: 'landed' } },
      ];
  }
}

function openWorkEnded(state: JourneyState, reason: 'withdrawn' | 'terminated'): JourneyEvent[] {
  const itemIds = openHumanItemIds(state);
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  return [
    ...(itemIds.length > 0 ? [{ type: 'OpenTasksCancelled', data: { ...hire, itemIds, reason } } as const] : []),
    ...mentorshipEnded(state, 'journey-ended'),
    ...requestWithdrawn(state, reason),
  ];
}

/** A leaving journey that ends with checklist tasks still open closes them on record. */
function offboardingCancelled(state: JourneyState): JourneyEvent[] {
  const itemIds = openOffboardingItemIds(state);
  if (itemIds.length === 0) return [];
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  return [{ type: 'OpenTasksCancelled', data: { ...hire, itemIds, reason: 'terminated' } }];
}

/** A mentor who was asked and has not answered is told the request is off, and every view closes it. */
function requestWithdrawn(
  state: JourneyState,
  reason: JourneyEventData<'MentorRequestWithdrawn'>['reason'],
): JourneyEvent[] {
  const { mentor } = state;
  if (mentor.status !== 'asked' || !mentor.askedRef) return [];
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  return [{ type: 'MentorRequestWithdrawn', data: { ...hire, mentorRef: mentor.askedRef, reason } }];
}

/** A message arrives once: a redelivered signal with the same id records nothing more. */
function teamWelcomeWritten(state: JourneyState, messageId: string): JourneyEvent[] {
  if (state.outcome || state.handled.includes(`team-welcome:${messageId}`)) return [];
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  return [{ type: 'TeamWelcomeWritten', data: { ...hire, messageId } }];
}

/**
 * Each survey's link is spent once: a second signal, or the survey mail finding it spent, records nothing more.
 * A pulse answered is no answer to the 90-day survey, whose reminder still goes out.
 */
function surveyTokenSpent(state: JourneyState, survey: SurveyId): JourneyEvent[] {
  if (surveyTokenIsSpent(state, survey)) return [];
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  return [{ type: 'SurveyTokenSpent', data: { ...hire, survey } }];
}

function mentorshipEnded(state: JourneyState, reason: 'period-ended' | 'journey-ended'): JourneyEvent[] {
  const { mentor } = state;
  if (mentor.status !== 'accepted' || !mentor.mentorRef) return [];
  return [
    {
      type: 'MentorshipEnded',
      data: {
        organisationId: state.input.organisationId,
        hireId: state.input.hireId,
        mentorRef: mentor.mentorRef,
        reason,
      },
    },
  ];
}

function inactive(state: JourneyState): JourneyRejection | undefined {
  if (state.outcome) return rejection('journey-ended');
  if (state.leaving) return rejection('hire-leaving');
  return undefined;
}

/** A date the journey can plan with; the API refuses others already, this is for every other caller. */
function dated(date: string, field: DateField, today: IsoDate): JourneyRejection | undefined {
  if (!isIsoDate(date)) return rejection('not-a-date', { field });
  if (isWithinPlanningWindow(date, today)) return undefined;
  const { earliest, latest } = planningWindow(today);
  return rejection('outside-planning-window', { field, earliest, latest });
}

/** The exit-reason checker words its problems in both languages; the rejection carries both. */
function exitReasonsRejection(command: ExitReasons, problems: readonly string[]): JourneyRejection {
  const english = validateExitReasons(command, 'en');
  const problemsEn = (english.ok ? problems : english.problems).join(' ');
  return rejection('invalid-exit-reasons', { problems: problems.join(' '), problemsEn });
}

function learningLineRejection(error: JourneyTemplateChangeError | RangeError): JourneyRejection {
  const paths = error instanceof JourneyTemplateChangeError ? error.problems.map((problem) => problem.path) : [];
  return rejection('invalid-learning-line-change', { problems: error.message, paths: paths.join(', ') || 'today' });
}

/** What HireRegistered records of a hire: coarse facts and references, never a name. */
export function hireRegisteredData(input: HireJourneyInput): JourneyEventData<'HireRegistered'> {
  return {
    organisationId: input.organisationId,
    hireId: input.hireId,
    startDate: input.startDate,
    role: input.role,
    ...(input.team === undefined ? {} : { team: input.team }),
    ...(input.location === undefined ? {} : { location: input.location }),
    // A reference, not a name: it is what scopes the manager's access to their team's journeys.
    ...(input.managerRef === undefined ? {} : { managerRef: input.managerRef }),
    ...(input.vacancyProfileId === undefined ? {} : { vacancyProfileId: input.vacancyProfileId }),
    ...(input.vacancyProfileVersion === undefined ? {} : { vacancyProfileVersion: input.vacancyProfileVersion }),
    ...(input.rehireOf === undefined ? {} : { rehireOf: input.rehireOf }),
    ...(input.contactPersonRef === undefined ? {} : { contactPersonRef: input.contactPersonRef }),
  };
}
