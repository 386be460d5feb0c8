/**
 * What both versions of the journey workflow share (hireJourney.ts, hireJourneyLegacy.ts): the activities, the
 * patch names, the clock, the end of a turn of the main loop and the way a command is refused. Deterministic code
 * only.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  proxyLocalActivities,
  workflowInfo,
} from '@temporalio/workflow';
import { type IsoDate, isoDateOfEpochMs } from './domain/calendar';
import { type JourneyState, nextWakeUpMs } from './domain/journey';
import {
  type HireJourneyInput,
  JOURNEY_COMMAND_REJECTED,
  JOURNEY_SYSTEM_ACTOR,
  type JourneyView,
} from './hireJourneyContract';
import type { JourneyActivities } from './journeyActivities';

const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  // No attempt limit: an event store or mail server that is down must delay the journey, never lose a step of it.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;

export const activities = proxyActivities<JourneyActivities>(ACTIVITY_OPTIONS);

/** The steps that only read or write the journey's own stores, quickly and idempotently (see journeyStores). */
export type JourneyStores = Pick<
  JourneyActivities,
  'loadJourneyTemplate' | 'recordHireEvents' | 'findMentorCandidates' | 'reserveMentor' | 'releaseMentorReservation'
>;

/**
 * Local activities run in the worker inside the workflow task that asks for them: no activity task through the
 * server and no second workflow task per step, which is most of what a step costs the server. Temporal advises them
 * for short steps whose retry is harmless; these are (a retried recordHireEvents carries the same event ids, which the
 * store recognises). Mails stay ordinary activities: they wait on someone else's server, and retry for long.
 */
const localStores = proxyLocalActivities<JourneyActivities>(ACTIVITY_OPTIONS);

/** From this patch on the journey's store steps are local activities (journeyStores); before it, ordinary ones. */
export const LOCAL_STORE_STEPS_PATCH = 'journey-local-store-steps-v1';

/** The store steps of this run: decided once per run, at its start, so replay takes the same branch every time. */
export function journeyStores(local: boolean): JourneyStores {
  return local ? localStores : activities;
}

/*
 * The journey's patches. The three below are asked first thing in every run; those after JOURNEY_DECIDER_PATCH are
 * decided together in the run's first activation (workflows/journeyPatches.ts): a new one goes there, never into a
 * call after an await (journeyPatches.ts says why).
 */
/** Journeys started before the stages existed keep the walking skeleton's behaviour (see the replay fixtures). */
export const JOURNEY_STAGES_PATCH = 'journey-stages-v1';
/** Facts from the HR system with a date outside the planning window are ignored from this patch on. */
export const PLANNING_WINDOW_PATCH = 'planning-window-v1';
/** From this patch on the mentor the journey asks gets the request by mail, with a magic link to answer it. */
export const MENTOR_REQUEST_MAIL_PATCH = 'mentor-request-mail-v1';
/** From this patch on the survey mails carry a personal single-use link, and the reminder skips who answered. */
export const SURVEY_LINKS_PATCH = 'survey-personal-links-v1';
/**
 * From this patch on the journey records what the decider (domain/journey) decides, and nothing else. Journeys
 * started before it run hireJourneyLegacy.ts to their end or their next continue-as-new; the patches above are
 * all in force for journeys started after it.
 */
export const JOURNEY_DECIDER_PATCH = 'journey-decider-v1';
/** From this patch on a registered termination opens the offboarding checklist, and the journey waits for it. */
export const OFFBOARDING_CHECKLIST_PATCH = 'offboarding-checklist-v1';
/**
 * From this patch on asking a mentor holds a place of their capacity (services/people/mentorPool.ts), freed again
 * on a decline, a lapse or a withdrawal: two journeys can no longer both ask a mentor for their last place.
 */
export const MENTOR_CAPACITY_RESERVATION_PATCH = 'mentor-capacity-reservation-v1';
/** The manager is mailed the team's welcome link at the start, and colleagues' messages are recorded (by id). */
export const TEAM_WELCOME_PATCH = 'team-welcome-v1';

/**
 * From this patch on a task's reminders go in its owner's daily digest (one mail a working day across all hires)
 * instead of a mail per task; journeys started before it keep their per-task reminder mails.
 */
export const REMINDER_DIGEST_PATCH = 'reminder-digest-v1';
/**
 * From this patch on escalations follow the template's escalateAfterDays and go in the escalation target's daily
 * digest, not a mail per task (domain/journey/digestEscalations.ts); journeys started before keep their mails.
 */
export const DIGEST_ESCALATIONS_PATCH = 'digest-escalations-v1';

/**
 * From this patch on a hire registered from a vacancy profile with a contact person keeps them: the welcome mail
 * names them and they hold the tasks the template gives the contact person (workflows/domain/contactPerson.ts).
 */
export const VACANCY_CONTACT_PERSON_PATCH = 'vacancy-contact-person-v1';

/**
 * From this patch on the tasks the journey opens itself and the tasks HR adds escalate after the template's
 * escalateAfterDays (domain/journey/adhocEscalation.ts); journeys started before keep a week after the due date.
 */
export const ADHOC_ESCALATION_POLICY_PATCH = 'adhoc-escalation-policy-v1';

/** From this patch on the mentor whose request the journey withdraws before they answered is told so by mail. */
export const MENTOR_WITHDRAWAL_MAIL_PATCH = 'mentor-withdrawal-mail-v1';

export const SYSTEM_ACTOR = JOURNEY_SYSTEM_ACTOR;
/** Far below Temporal's 51,200-event limit: a two-year journey's history stays small and fast to replay. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

export const today = (): IsoDate => isoDateOfEpochMs(Date.now());

/** `details` say what the API needs to word the refusal in the caller's language (a plan change's refusal). */
export function reject(message: string, details?: unknown): never {
  throw ApplicationFailure.create({
    type: JOURNEY_COMMAND_REJECTED,
    message,
    nonRetryable: true,
    ...(details === undefined ? {} : { details: [details] }),
  });
}

export function historyIsLong(state: JourneyState): boolean {
  const info = workflowInfo();
  return (
    info.continueAsNewSuggested || info.historyLength > (state.input.maxHistoryEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS)
  );
}

/** Set by a command that changed the journey, so the main loop looks again at once instead of sleeping on. */
export class WakeUp {
  private woken = false;

  wake(): void {
    this.woken = true;
  }

  /**
   * The end of a turn of either version's main loop: a history grown long goes on in a new run once every handler
   * has finished; otherwise the journey sleeps until its next due step (or for good) or until a command wakes it.
   */
  async endTurn(state: JourneyState, continueAsNewRun: () => Promise<never>): Promise<void> {
    if (historyIsLong(state)) {
      await condition(allHandlersFinished);
      await continueAsNewRun();
    }
    const wakeAt = nextWakeUpMs(state, today());
    this.woken = false;
    if (wakeAt === undefined) await condition(() => this.woken);
    else await condition(() => this.woken, Math.max(wakeAt - Date.now(), 1));
  }
}

export function hireRef(input: HireJourneyInput): { organisationId: string; hireId: string } {
  return { organisationId: input.organisationId, hireId: input.hireId };
}

/** The journey while its template loads: what the registration said. */
export function registeredView(input: HireJourneyInput): JourneyView {
  return {
    ...hireRef(input),
    workflowId: workflowInfo().workflowId,
    stage: 'registered',
    startDate: input.startDate,
    role: input.role,
    ...(input.team === undefined ? {} : { team: input.team }),
  };
}
