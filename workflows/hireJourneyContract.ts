import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from './domain/calendar';
import type { CoffeeMomentChoice } from './domain/coffeeMoment';
import type { ExitReasons } from './domain/exitReasons';
import type { LegalSource, MilestoneChange, OwnerRole } from './domain/journeyTemplate';
import type { PlanItemKind } from './domain/schedule';
import type { PlanItemChange as PlanItemChangeKind } from './domain/journey/planItemChanges';

/**
 * Everything the journey workflow shares with its callers (API, HRIS connector, tests). Plain JSON only,
 * because it crosses Temporal's payload converter.
 */
export interface HireJourneyInput {
  readonly organisationId: string;
  readonly hireId: string;
  readonly startDate: IsoDate;
  readonly role: string;
  readonly team?: string;
  readonly location?: string;
  /** The journey template to start from; unset: the organisation's default. */
  readonly templateId?: string;
  /** The vacancy profile (stage 1) the hire was registered against, and the version used; recorded in HireRegistered. */
  readonly vacancyProfileId?: string;
  readonly vacancyProfileVersion?: number;
  /** A rehire: the hire id of the person's earlier journey (ended left or withdrawn); recorded in HireRegistered. */
  readonly rehireOf?: string;
  /**
   * The vacancy profile's one contact person during and after recruitment (RvdK), a person reference: named in the
   * mails to the new hire and holder of the tasks the template gives the contact person. Recorded in HireRegistered.
   */
  readonly contactPersonRef?: string;
  /** Person references (never names): who manages the hire, and the hire's own reference in the HR system. */
  readonly managerRef?: string;
  /** Who asked for the hire, for the audit trail. */
  readonly actor: string;
  /** Fingerprint of the registration request; tells a retry apart from a conflicting registration. */
  readonly registrationFingerprint: string;
  /** History length after which the journey continues as new; unset: 2,000 events. Tests set it low. */
  readonly maxHistoryEvents?: number;
}

export type JourneyStage = 'registered' | 'preboarding' | 'onboarding' | 'on-leave' | 'leaving' | 'ended';

export type JourneyOutcome = 'landed' | 'left' | 'withdrawn';

export type ItemStatus = 'open' | 'done' | 'cancelled' | 'scheduled';

export interface JourneyItemView {
  readonly id: string;
  readonly kind: PlanItemKind | 'adhoc-task';
  readonly title: string;
  /** English, where the plan has it; readers of English see `title` otherwise. */
  readonly titleEn?: string;
  readonly ownerRole: OwnerRole | null;
  readonly dueDate: IsoDate;
  readonly status: ItemStatus;
  readonly completedBy?: string;
  readonly completedOn?: IsoDate;
  /** Open items this one waits on (the template's gates); it cannot be completed before they are. */
  readonly blockedBy?: readonly { readonly id: string; readonly title: string; readonly titleEn?: string }[];
  /** The rule a compliance item follows, as its template cites it. */
  readonly source?: LegalSource;
  /** The plan changes HR can make to it now (POST /hires/{hireId}/plan-changes); absent when none. */
  readonly changes?: readonly ('move-item' | 'drop-item' | 'reown-item')[];
}

export interface MentorView {
  readonly status: 'searching' | 'asked' | 'accepted' | 'none-available' | 'ended';
  readonly mentorRef?: string;
  readonly asked: readonly string[];
  readonly answerDeadline?: IsoDate;
}

export interface JourneyView {
  readonly organisationId: string;
  readonly hireId: string;
  readonly workflowId: string;
  readonly stage: JourneyStage;
  readonly startDate: IsoDate;
  readonly role: string;
  readonly team?: string;
  readonly templateId?: string;
  readonly templateVersion?: number;
  readonly endDate?: IsoDate;
  readonly pausedSince?: IsoDate;
  readonly mentor?: MentorView;
  readonly items?: readonly JourneyItemView[];
  readonly outcome?: JourneyOutcome;
  /** A rehire: the earlier journey of the same person. */
  readonly rehireOf?: string;
}

/** Commands carry who gives them; the journey records it on every event they cause. */
interface Command {
  readonly actor: string;
}

export interface CompleteItem extends Command {
  readonly itemId: string;
}
export interface MentorAnswer extends Command {
  readonly mentorRef: string;
  readonly accept: boolean;
  /** With an acceptance: the coffee moment the mentor chose (checked at the API: not past, in working hours). */
  readonly coffeeMoment?: CoffeeMomentChoice;
  /** With an acceptance: that the mentor wrote an introduction, which the API has stored outside the journey. */
  readonly introductionWritten?: boolean;
}
export type { CoffeeMomentChoice };
/** A meeting of mentor and new hire: the day and minutes only. */
export interface MentorMeeting extends Command {
  readonly on: IsoDate;
  readonly minutes: number;
  readonly loggedBy: 'mentor' | 'new-hire' | 'hr';
}
export interface StartDateChange extends Command {
  readonly startDate: IsoDate;
}
export interface Withdrawal extends Command {
  readonly reason?: string;
}
export interface Termination extends Command {
  readonly lastWorkingDay: IsoDate;
}
export interface ExitInterview extends Command, ExitReasons {}
export interface LearningLineChange extends Command {
  readonly change: MilestoneChange;
}
/** HR changes one item of this hire's plan, or adds a task; the reason is kept by the API under `changeId`. */
export interface PlanItemChange extends Command {
  readonly change: PlanItemChangeKind;
  readonly changeId: string;
}
export interface LeaveStart extends Command {
  readonly from: IsoDate;
}
export interface LeaveEnd extends Command {
  readonly until: IsoDate;
}

export const journeyViewQuery = defineQuery<JourneyView>('journeyView');

// Commands that need validation and an answer are Updates: the caller learns at once whether it was accepted.
export const completeItemUpdate = defineUpdate<JourneyView, [CompleteItem]>('completeItem');
export const answerMentorRequestUpdate = defineUpdate<JourneyView, [MentorAnswer]>('answerMentorRequest');
export const changeStartDateUpdate = defineUpdate<JourneyView, [StartDateChange]>('changeStartDate');
export const withdrawCandidateUpdate = defineUpdate<JourneyView, [Withdrawal]>('withdrawCandidate');
export const registerTerminationUpdate = defineUpdate<JourneyView, [Termination]>('registerTermination');
export const recordExitInterviewUpdate = defineUpdate<JourneyView, [ExitInterview]>('recordExitInterview');
export const changeLearningLineUpdate = defineUpdate<JourneyView, [LearningLineChange]>('changeLearningLine');
export const startLeaveUpdate = defineUpdate<JourneyView, [LeaveStart]>('startLeave');
export const endLeaveUpdate = defineUpdate<JourneyView, [LeaveEnd]>('endLeave');
export const logMentorMeetingUpdate = defineUpdate<JourneyView, [MentorMeeting]>('logMentorMeeting');
export const changePlanItemUpdate = defineUpdate<JourneyView, [PlanItemChange]>('changePlanItem');

// Facts that happened elsewhere (the HR system saw them) are Signals: the journey must accept them as they are.
export const hrisStartDateChangedSignal = defineSignal<[StartDateChange]>('hrisStartDateChanged');
export const hrisTerminationSignal = defineSignal<[Termination]>('hrisTerminationRegistered');
/**
 * The hire spent their personal survey link: that they answered which survey (the questionnaire id, `ninety-days`
 * or `pulse-30`), never what. The API sends it on submission; without a payload it is the 90-day survey.
 */
export interface SurveyAnswered {
  readonly survey: string;
}
export const surveyAnsweredSignal = defineSignal<[answered?: SurveyAnswered]>('surveyAnswered');
/** A colleague wrote a welcome through the team's link: its id, never its text (the API keeps that, erasably). */
export const teamWelcomeWrittenSignal = defineSignal<[{ messageId: string }]>('teamWelcomeWritten');

export const HIRE_JOURNEY_WORKFLOW_TYPE = 'hireJourney';

/** One journey per hire per organisation: the id makes a second start for the same hire impossible. */
export function hireJourneyWorkflowId(organisationId: string, hireId: string): string {
  return `hire-journey:${organisationId}:${hireId}`;
}

/** Who recorded what the journey did by itself (timers, mails, mentor pool): the actor in those events' metadata. */
export const JOURNEY_SYSTEM_ACTOR = 'system:hire-journey';

/** The type of ApplicationFailure a journey's Update validator rejects with; its message is for a person. */
export const JOURNEY_COMMAND_REJECTED = 'JourneyCommandRejected';
