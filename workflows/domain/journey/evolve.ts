/**
 * evolve: the journey's state after one recorded event. The only place a journey's state changes; the workflow,
 * and later the auditor's as-of view and the read models, fold the hire's events with it.
 */
import { type IsoDate, addDays } from '../calendar';
import type { JourneyTemplate } from '../journeyTemplate';
import { changePlan, moveStartDate, pausePlan, planForNewJourney, resumePlan } from '../schedule';
import type { HireJourneyInput } from '../../hireJourneyContract';
import { NINETY_DAY_SURVEY, pulseDayOf, pulseItemId } from '../surveyIds';
import { handledAfterMove, planWithItemDropped, planWithItemMoved, planWithItemReowned } from './planItemChanges';
import type { JourneyEvent } from './events';
import { adhocWithTaskDropped, adhocWithTaskMoved, adhocWithTaskReowned } from './adhocTaskChanges';
import { type AdhocTask, EXIT_INTERVIEW_TASK_ID, type JourneyState } from './state';
import { EXIT_INTERVIEW_TASK } from './selfOpenedTasks';
import { adhocEscalationDate } from './adhocEscalation';

export { ADHOC_ESCALATION_DAYS } from './adhocEscalation';
/** Without an exit interview the journey still ends, a month after the last working day. */
export const EXIT_INTERVIEW_GRACE_DAYS = 30;
export const EXIT_INTERVIEW_TITLE = EXIT_INTERVIEW_TASK.title;

/** Who recorded an event and on which day: the envelope's actor and occurredAt. */
export interface EventMeta {
  readonly actor: string;
  readonly on: IsoDate;
}

/** The journey before its first event: the template, dated from the day the journey begins. */
export function initialJourneyState(
  input: HireJourneyInput,
  workflowId: string,
  template: JourneyTemplate,
  today: IsoDate,
): JourneyState {
  return journeyStateWithPlan(input, workflowId, template, planForNewJourney(template, input.startDate, today));
}

/** The journey before its first event with a plan already made (a replay takes it from the recorded JourneyStarted). */
export function journeyStateWithPlan(
  input: HireJourneyInput,
  workflowId: string,
  template: JourneyTemplate,
  plan: JourneyState['plan'],
): JourneyState {
  return {
    input,
    workflowId,
    template,
    plan,
    revision: -1,
    completed: {},
    cancelled: [],
    handled: [],
    adhoc: [],
    mentor: { status: 'searching', asked: [] },
  };
}

export function evolve(state: JourneyState, event: JourneyEvent, meta: EventMeta): JourneyState {
  switch (event.type) {
    case 'TaskReminderSent':
      return handled(state, `${event.data.itemId}:reminder`);
    case 'TaskEscalated':
      return handled(state, `${event.data.itemId}:escalation`);
    case 'WelcomeMailSent':
    case 'SurveyInvitationSent':
    case 'SurveyReminderSent':
      return handled(state, `${event.data.itemId}:due`);
    case 'TaskOpened':
      return withAdhoc(state, {
        ...event.data,
        id: event.data.itemId,
        escalationDate: adhocEscalationDate(state, event.data.dueDate),
      });
    case 'TaskCompleted':
    case 'MilestoneCompleted':
      return completed(state, event.data.itemId, meta);
    case 'OpenTasksCancelled':
      return { ...state, cancelled: [...state.cancelled, ...event.data.itemIds] };
    case 'MentorRequested': {
      const { mentorRef, answerDeadline } = event.data;
      return {
        ...state,
        mentor: { status: 'asked', asked: [...state.mentor.asked, mentorRef], askedRef: mentorRef, answerDeadline },
      };
    }
    // A declined or lapsed request is over: the journey is searching again until it asks the next mentor.
    case 'MentorRequestExpired':
    case 'MentorDeclined':
      return { ...state, mentor: { status: 'searching', asked: state.mentor.asked } };
    case 'MentorNotFound':
      return { ...state, mentor: { ...state.mentor, status: 'none-available' } };
    case 'MentorAccepted':
      return { ...state, mentor: { status: 'accepted', asked: state.mentor.asked, mentorRef: event.data.mentorRef } };
    case 'MentorshipEnded':
    case 'MentorRequestWithdrawn':
      return mentorEnded(state);
    case 'MentorPeriodEnded':
      return handled(mentorEnded(state), `${event.data.itemId}:due`);
    case 'StartDateChanged':
      return { ...state, plan: moveStartDate(state.plan, event.data.to, meta.on) };
    case 'LearningLineChanged':
      return { ...state, plan: changePlan(state.plan, event.data.change, meta.on) };
    case 'LeaveStarted':
      return { ...state, plan: pausePlan(state.plan, event.data.from) };
    case 'LeaveEnded':
      return { ...state, plan: resumePlan(state.plan, event.data.until) };
    // Leaving ends the mentorship and any open request with it, whether or not a mentor had accepted.
    case 'CandidateWithdrawn':
      return mentorEnded(state);
    case 'TerminationRegistered':
      return {
        ...mentorEnded(state),
        leaving: { lastWorkingDay: event.data.lastWorkingDay, exitInterviewTaskId: EXIT_INTERVIEW_TASK_ID },
      };
    case 'ExitInterviewRequested':
      return withAdhoc(state, {
        id: event.data.itemId,
        title: EXIT_INTERVIEW_TITLE,
        ownerRole: event.data.ownerRole,
        dueDate: event.data.dueDate,
        escalationDate: addDays(event.data.dueDate, EXIT_INTERVIEW_GRACE_DAYS),
      });
    case 'ExitInterviewHeld':
      return completed(state, EXIT_INTERVIEW_TASK_ID, meta);
    case 'JourneyEnded': {
      const ended =
        event.data.exitInterview === 'not-held' ? handled(state, `${EXIT_INTERVIEW_TASK_ID}:escalation`) : state;
      return { ...(event.data.outcome === 'landed' ? mentorEnded(ended) : ended), outcome: event.data.outcome };
    }
    // Facts that change nothing the journey decides on: the start, a mail to the mentor.
    case 'HireRegistered':
    case 'JourneyStarted':
    case 'MentorWelcomeMailSent':
    case 'MentorMeetingLogged':
      return state;
    // The team's welcome task stays open on a first message: a team is many colleagues and the link stays open
    // for all of them until day one, so the manager (the task's owner) says when the team is done. Only the id is
    // remembered, so a redelivered signal records the message once.
    case 'TeamWelcomeWritten':
      return handled(state, `team-welcome:${event.data.messageId}`);
    // HR's changes to this hire's plan (workflows/domain/planItemChanges.ts): the timers follow the new plan. The
    // item is a planned one or a task HR added (adhocTaskChanges.ts); the other list stays as it is.
    case 'PlanItemMoved':
      return {
        ...state,
        plan: planWithItemMoved(state.plan, event.data.itemId, event.data.to, meta.on),
        handled: handledAfterMove(state.handled, event.data.itemId),
        adhoc: adhocWithTaskMoved(state.adhoc, event.data.itemId, event.data.to),
      };
    case 'PlanItemDropped':
      return {
        ...state,
        plan: planWithItemDropped(state.plan, event.data.itemId),
        adhoc: adhocWithTaskDropped(state.adhoc, event.data.itemId),
      };
    case 'PlanItemReowned':
      return {
        ...state,
        plan: planWithItemReowned(state.plan, event.data.itemId, event.data.to),
        adhoc: adhocWithTaskReowned(state.adhoc, event.data.itemId, event.data.to),
      };
    case 'AdhocTaskAdded': {
      const { itemId, title, ownerRole, dueDate } = event.data;
      const escalationDate = adhocEscalationDate(state, dueDate);
      return withAdhoc(state, { id: itemId, title, ownerRole, dueDate, escalationDate });
    }
    // Who answered gets no mail of that survey any more; a pulse answered leaves the 90-day survey as it was.
    case 'SurveyTokenSpent': {
      const survey = event.data.survey ?? NINETY_DAY_SURVEY;
      if (survey === NINETY_DAY_SURVEY)
        return { ...handled(handled(state, 'survey-invitation:due'), 'survey-reminder:due'), surveyTokenSpent: true };
      const day = pulseDayOf(survey);
      const spent = state.pulseTokensSpent ?? [];
      const pulsed = day === undefined ? state : handled(state, `${pulseItemId(day)}:due`);
      return spent.includes(survey) ? pulsed : { ...pulsed, pulseTokensSpent: [...spent, survey] };
    }
  }
}

export function evolveAll(state: JourneyState, events: readonly JourneyEvent[], meta: EventMeta): JourneyState {
  return events.reduce((current, event) => evolve(current, event, meta), state);
}

function handled(state: JourneyState, key: string): JourneyState {
  return state.handled.includes(key) ? state : { ...state, handled: [...state.handled, key] };
}

function completed(state: JourneyState, itemId: string, meta: EventMeta): JourneyState {
  // Done is done: the first completion is who did it and when.
  if (itemId in state.completed) return state;
  return { ...state, completed: { ...state.completed, [itemId]: { by: meta.actor, on: meta.on } } };
}

function withAdhoc(state: JourneyState, task: AdhocTask): JourneyState {
  const { id, title, ownerRole, dueDate, escalationDate } = task;
  return {
    ...state,
    adhoc: [...state.adhoc.filter((existing) => existing.id !== id), { id, title, ownerRole, dueDate, escalationDate }],
  };
}

function mentorEnded(state: JourneyState): JourneyState {
  return { ...state, mentor: { ...state.mentor, status: 'ended' } };
}
