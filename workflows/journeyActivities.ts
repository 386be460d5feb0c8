/**
 * The journey's I/O as the workflow sees it: declared here, beside the workflow, so workflows/ imports nothing
 * from services/; services/worker/journeyActivities.ts implements it. Plain JSON: it crosses Temporal's converter.
 */
import type { IsoDate } from './domain/calendar';
import type { JourneyTemplate, OwnerRole } from './domain/journeyTemplate';
import type { SurveyId } from './domain/surveyIds';

export type JourneyMail =
  | {
      kind: 'task-reminder' | 'task-escalation';
      recipientRole: OwnerRole;
      ownerRole: OwnerRole;
      title: string;
      /** For a recipient who reads English; absent, they read `title` (journeys from before it, no translation). */
      titleEn?: string;
      dueDate: IsoDate;
    }
  | { kind: 'welcome-new-hire'; recipientRole: 'new-hire'; startDate: IsoDate }
  /** `surveyLink`: the hire's personal, single-use link (services/survey); journeys from before it have none. */
  | { kind: 'survey-invitation' | 'survey-reminder'; recipientRole: 'new-hire'; surveyLink?: string }
  /** A pulse survey of the template, `days` after the start (its day in the template). */
  | { kind: 'survey-pulse'; recipientRole: 'new-hire'; days: number; surveyLink?: string }
  | {
      kind: 'mentor-welcome';
      recipientRole: 'new-hire';
      mentorRef: string;
      coffeeMoment: IsoDate;
      startDate: IsoDate;
      /** As the mentor chose them (Dutch time, HH:MM; minutes); absent: 10:00 for 30 minutes. */
      coffeeTime?: string;
      coffeeMinutes?: number;
    }
  /** To the mentor the journey asks (not yet the hire's mentor, so named here rather than by the request's mentorRef). */
  | {
      kind: 'mentor-request';
      recipientRole: 'mentor';
      mentorRef: string;
      answerDeadline: IsoDate;
      startDate: IsoDate;
      hoursPerWeek: number;
    }
  /**
   * To the mentor whose request the journey withdrew before they answered (MentorRequestWithdrawn): they need not
   * answer. Says no more of the hire than the request did, and not why (a withdrawal or a leaving is the hire's own).
   */
  | { kind: 'mentor-request-withdrawn'; recipientRole: 'mentor'; mentorRef: string; startDate: IsoDate }
  /** `exitQuestionnaireLink`: the leaver's single-use link to the anonymous exit questionnaire, added by the activity. */
  | {
      kind: 'exit-interview-invitation';
      recipientRole: 'new-hire';
      lastWorkingDay: IsoDate;
      exitQuestionnaireLink?: string;
    }
  /** The team's welcome link, for the manager to forward (workflows/teamWelcomeRequest.ts). */
  | {
      kind: 'team-welcome-request';
      recipientRole: 'manager';
      startDate: IsoDate;
      taskTitle: string;
      taskTitleEn?: string;
    };

export type MailOutcome = { delivered: true; messageId: string } | { delivered: false; reason: string };

export interface JourneyMailInput {
  readonly organisationId: string;
  readonly hireId: string;
  readonly managerRef?: string;
  readonly mentorRef?: string;
  /** The vacancy profile's contact person (workflows/domain/contactPerson.ts): the new hire's contact in the mails. */
  readonly contactPersonRef?: string;
  readonly idempotencyKey: string;
  readonly mail: JourneyMail;
}

export interface HireEventToRecord {
  /** Unique within the hire's stream; together with the stream it fixes the event id. */
  readonly key: string;
  readonly type: string;
  readonly data: { [key: string]: unknown };
}

export interface RecordHireEventsInput {
  readonly organisationId: string;
  readonly hireId: string;
  /** The workflow is the stream's only writer, so it knows the revision; a number crosses JSON, a bigint does not. */
  readonly expectedRevision: number | 'no_stream';
  readonly actor: string;
  readonly occurredAt: string;
  readonly events: readonly HireEventToRecord[];
}

export interface SurveyMailInput {
  readonly organisationId: string;
  readonly hireId: string;
  readonly managerRef?: string;
  readonly kind: 'survey-invitation' | 'survey-reminder' | 'survey-pulse';
  /** Its questionnaire: absent, the 90-day survey (what journeys scheduled before the pulses pass). */
  readonly survey?: SurveyId;
  readonly idempotencyKey: string;
  readonly invitedOn: IsoDate;
  /** The coarse facts the answer will be reported by, fixed now (workflows/domain/surveyGroups.ts). */
  readonly hire: {
    readonly startDate: IsoDate;
    readonly role: string;
    readonly team?: string;
    readonly location?: string;
    readonly templateId: string;
  };
}

export interface MentorSearchInput {
  readonly organisationId: string;
  readonly hireId: string;
  readonly team?: string;
  readonly location?: string;
  readonly hoursPerWeek: number;
  readonly alreadyAsked: readonly string[];
}

export interface MentorLoadChange {
  readonly organisationId: string;
  readonly hireId: string;
  readonly mentorRef: string;
  readonly change: 'assign' | 'release';
  readonly hoursPerWeek: number;
}

export interface MentorReservationRelease {
  readonly organisationId: string;
  readonly hireId: string;
  readonly mentorRef: string;
  readonly reason: 'declined' | 'expired' | 'withdrawn';
}

/** Every activity is idempotent: a retry appends, assigns or mails nothing twice. */
export interface JourneyActivities {
  recordHireEvents(input: RecordHireEventsInput): Promise<{ nextExpectedRevision: number }>;
  loadJourneyTemplate(input: { organisationId: string; templateId?: string }): Promise<JourneyTemplate>;
  /** The pool's candidates, best first, leaving out who was asked already. */
  findMentorCandidates(input: MentorSearchInput): Promise<string[]>;
  changeMentorLoad(input: MentorLoadChange): Promise<void>;
  /** The best candidate with room, with a place held for this hire until they answer; null when nobody has room. */
  reserveMentor(input: MentorSearchInput): Promise<string | null>;
  /** The place a request held is free again (declined, lapsed, withdrawn); nothing if it held none. */
  releaseMentorReservation(input: MentorReservationRelease): Promise<void>;
  sendJourneyMail(input: JourneyMailInput): Promise<MailOutcome>;
  /** A hire whose personal link is spent gets no reminder: `answered` says so, and nothing is sent. */
  sendSurveyMail(input: SurveyMailInput): Promise<{ delivered: boolean; answered: boolean }>;
}
