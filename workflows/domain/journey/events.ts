/**
 * The events a hire's journey records in the hire's stream, typed. The JSON schemas in contracts/events/ are the
 * contract; JOURNEY_EVENT_FIELDS names each event's fields so events.test.ts fails when type and schema part ways.
 */
import type { IsoDate } from '../calendar';
import type { MilestoneChange, OwnerRole } from '../journeyTemplate';
import type { PlanItemKind } from '../schedule';
import type { SurveyId } from '../surveyIds';

interface HireRef {
  readonly organisationId: string;
  readonly hireId: string;
}
interface ItemRef extends HireRef {
  readonly itemId: string;
  readonly title: string;
  readonly dueDate: IsoDate;
}
export interface StartedItem {
  readonly id: string;
  /** The template's titles, recorded since events-carry-titles: a view of the plan needs no template to name it. */
  readonly title?: string;
  readonly titleEn?: string;
  readonly kind: PlanItemKind;
  readonly ownerRole: OwnerRole | null;
  readonly dueDate: IsoDate;
}
export type JourneyOutcome = 'landed' | 'left' | 'withdrawn';

interface Data {
  HireRegistered: HireRef & {
    readonly startDate: IsoDate;
    readonly role: string;
    readonly team?: string;
    readonly location?: string;
    readonly managerRef?: string;
    readonly vacancyProfileId?: string;
    readonly vacancyProfileVersion?: number;
    readonly rehireOf?: string;
    readonly contactPersonRef?: string;
  };
  /** The walking skeleton's journeys recorded only the start date (see the schema's dependentRequired). */
  JourneyStarted: HireRef & {
    readonly startDate: IsoDate;
    readonly templateId?: string;
    readonly templateVersion?: number;
    readonly endDate?: IsoDate;
    readonly items?: readonly StartedItem[];
    /** From patch adhoc-escalation-policy-v1: tasks outside the template escalate after the template's policy. */
    readonly adhocEscalationByPolicy?: true;
  };
  TaskReminderSent: ItemRef & { readonly ownerRole: OwnerRole | null; readonly mailDelivered: boolean };
  TaskEscalated: ItemRef & {
    readonly ownerRole: OwnerRole | null;
    readonly mailDelivered: boolean;
    /** From patch digest-escalations-v1: no mail of its own, the escalation target's daily digest lists it. */
    readonly byDigest?: true;
  };
  TaskOpened: ItemRef & { readonly ownerRole: OwnerRole };
  TaskCompleted: HireRef & { readonly itemId: string };
  MilestoneCompleted: HireRef & { readonly itemId: string };
  OpenTasksCancelled: HireRef & { readonly itemIds: readonly string[]; readonly reason: 'withdrawn' | 'terminated' };
  WelcomeMailSent: ItemRef & { readonly mailDelivered: boolean };
  /** The 90-day survey or a pulse (`pulse-30`), each with its own personal link. */
  SurveyInvitationSent: ItemRef & { readonly survey: SurveyId; readonly mailDelivered: boolean };
  /** Only the 90-day survey is reminded of; a pulse has no reminder. */
  SurveyReminderSent: ItemRef & { readonly survey: 'ninety-days'; readonly mailDelivered: boolean };
  SurveyTokenSpent: HireRef & { readonly survey: SurveyId };
  MentorRequested: HireRef & {
    readonly mentorRef: string;
    readonly answerDeadline: IsoDate;
    readonly hoursPerWeek: number;
  };
  MentorRequestExpired: HireRef & { readonly mentorRef: string };
  MentorDeclined: HireRef & { readonly mentorRef: string };
  MentorNotFound: HireRef & { readonly asked: readonly string[] };
  MentorAccepted: HireRef & {
    readonly mentorRef: string;
    readonly hoursPerWeek: number;
    /** That the mentor wrote an introduction; its text is kept off the stream, where erasure reaches it. */
    readonly introductionWritten?: boolean;
  };
  MentorWelcomeMailSent: HireRef & {
    readonly mentorRef: string;
    readonly coffeeMoment: IsoDate;
    readonly mailDelivered: boolean;
    /** Dutch time (HH:MM) and length the mentor chose; absent: 10:00 for 30 minutes. */
    readonly coffeeTime?: string;
    readonly coffeeMinutes?: number;
  };
  MentorshipEnded: HireRef & { readonly mentorRef: string; readonly reason: 'period-ended' | 'journey-ended' };
  MentorRequestWithdrawn: HireRef & {
    readonly mentorRef: string;
    readonly reason: 'withdrawn' | 'terminated' | 'mentor-period-ended';
  };
  /** The mentor period ended without a mentor who accepted (with one, MentorshipEnded records it). */
  MentorPeriodEnded: HireRef & { readonly itemId: string };
  StartDateChanged: HireRef & { readonly from: IsoDate; readonly to: IsoDate; readonly endDate: IsoDate };
  LearningLineChanged: HireRef & { readonly change: MilestoneChange };
  LeaveStarted: HireRef & { readonly from: IsoDate };
  LeaveEnded: HireRef & { readonly until: IsoDate; readonly endDate: IsoDate };
  CandidateWithdrawn: HireRef & { readonly reason?: string };
  TerminationRegistered: HireRef & { readonly lastWorkingDay: IsoDate };
  ExitInterviewRequested: HireRef & {
    readonly itemId: string;
    readonly ownerRole: OwnerRole;
    readonly dueDate: IsoDate;
    readonly mailDelivered: boolean;
  };
  ExitInterviewHeld: HireRef & { readonly reasons: readonly string[]; readonly wouldHaveKept: readonly string[] };
  JourneyEnded: HireRef & { readonly outcome: JourneyOutcome; readonly exitInterview?: 'not-held' };
  /** A meeting of mentor and new hire: the day and its length, never its content. */
  MentorMeetingLogged: HireRef & {
    readonly mentorRef: string;
    readonly on: IsoDate;
    readonly minutes: number;
    readonly loggedBy: MeetingLogger;
  };
  /** A colleague wrote a welcome for the new hire: its id only; name and text are kept off the stream (erasable). */
  TeamWelcomeWritten: HireRef & { readonly messageId: string };
  /**
   * HR's changes to one hire's plan (workflows/domain/journey/planItemChanges.ts). `changeId` refers to HR's reason, kept
   * off this stream beside the contact details (services/people/planChangeReasons.ts) where erasure reaches it.
   */
  PlanItemMoved: HireRef & {
    readonly itemId: string;
    readonly from: IsoDate;
    readonly to: IsoDate;
    readonly changeId: string;
  };
  PlanItemDropped: HireRef & { readonly itemId: string; readonly changeId: string };
  PlanItemReowned: HireRef & {
    readonly itemId: string;
    readonly from: OwnerRole;
    readonly to: OwnerRole;
    readonly changeId: string;
  };
  AdhocTaskAdded: HireRef & {
    readonly itemId: string;
    readonly title: string;
    readonly ownerRole: OwnerRole;
    readonly dueDate: IsoDate;
    readonly changeId: string;
  };
}

export type MeetingLogger = 'mentor' | 'new-hire' | 'hr';

export type JourneyEventType = keyof Data;
export type JourneyEventData<T extends JourneyEventType> = Data[T];
export type JourneyEvent = { [T in JourneyEventType]: { readonly type: T; readonly data: Data[T] } }[JourneyEventType];
export type JourneyEventOf<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>;

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;
/** Every key of the type listed once, required apart from optional: the compiler checks the list against the type. */
type FieldList<T> = { readonly required: readonly RequiredKeys<T>[]; readonly optional: readonly OptionalKeys<T>[] };
type Unlisted<T, L extends { readonly required: readonly unknown[]; readonly optional: readonly unknown[] }> = Exclude<
  keyof T,
  L['required'][number] | L['optional'][number]
>;

const fields = {
  HireRegistered: {
    required: ['organisationId', 'hireId', 'startDate', 'role'],
    optional: [
      'team',
      'location',
      'managerRef',
      'vacancyProfileId',
      'vacancyProfileVersion',
      'rehireOf',
      'contactPersonRef',
    ],
  },
  JourneyStarted: {
    required: ['organisationId', 'hireId', 'startDate'],
    optional: ['templateId', 'templateVersion', 'endDate', 'items', 'adhocEscalationByPolicy'],
  },
  TaskReminderSent: {
    required: ['organisationId', 'hireId', 'itemId', 'title', 'dueDate', 'ownerRole', 'mailDelivered'],
    optional: [],
  },
  TaskEscalated: {
    required: ['organisationId', 'hireId', 'itemId', 'title', 'dueDate', 'ownerRole', 'mailDelivered'],
    optional: ['byDigest'],
  },
  TaskOpened: { required: ['organisationId', 'hireId', 'itemId', 'title', 'ownerRole', 'dueDate'], optional: [] },
  TaskCompleted: { required: ['organisationId', 'hireId', 'itemId'], optional: [] },
  MilestoneCompleted: { required: ['organisationId', 'hireId', 'itemId'], optional: [] },
  OpenTasksCancelled: { required: ['organisationId', 'hireId', 'itemIds', 'reason'], optional: [] },
  WelcomeMailSent: {
    required: ['organisationId', 'hireId', 'itemId', 'title', 'dueDate', 'mailDelivered'],
    optional: [],
  },
  SurveyInvitationSent: {
    required: ['organisationId', 'hireId', 'itemId', 'title', 'dueDate', 'survey', 'mailDelivered'],
    optional: [],
  },
  SurveyReminderSent: {
    required: ['organisationId', 'hireId', 'itemId', 'title', 'dueDate', 'survey', 'mailDelivered'],
    optional: [],
  },
  SurveyTokenSpent: { required: ['organisationId', 'hireId', 'survey'], optional: [] },
  MentorRequested: {
    required: ['organisationId', 'hireId', 'mentorRef', 'answerDeadline', 'hoursPerWeek'],
    optional: [],
  },
  MentorRequestExpired: { required: ['organisationId', 'hireId', 'mentorRef'], optional: [] },
  MentorDeclined: { required: ['organisationId', 'hireId', 'mentorRef'], optional: [] },
  MentorNotFound: { required: ['organisationId', 'hireId', 'asked'], optional: [] },
  MentorAccepted: {
    required: ['organisationId', 'hireId', 'mentorRef', 'hoursPerWeek'],
    optional: ['introductionWritten'],
  },
  MentorWelcomeMailSent: {
    required: ['organisationId', 'hireId', 'mentorRef', 'coffeeMoment', 'mailDelivered'],
    optional: ['coffeeTime', 'coffeeMinutes'],
  },
  MentorshipEnded: { required: ['organisationId', 'hireId', 'mentorRef', 'reason'], optional: [] },
  MentorRequestWithdrawn: { required: ['organisationId', 'hireId', 'mentorRef', 'reason'], optional: [] },
  MentorPeriodEnded: { required: ['organisationId', 'hireId', 'itemId'], optional: [] },
  StartDateChanged: { required: ['organisationId', 'hireId', 'from', 'to', 'endDate'], optional: [] },
  LearningLineChanged: { required: ['organisationId', 'hireId', 'change'], optional: [] },
  LeaveStarted: { required: ['organisationId', 'hireId', 'from'], optional: [] },
  LeaveEnded: { required: ['organisationId', 'hireId', 'until', 'endDate'], optional: [] },
  CandidateWithdrawn: { required: ['organisationId', 'hireId'], optional: ['reason'] },
  TerminationRegistered: { required: ['organisationId', 'hireId', 'lastWorkingDay'], optional: [] },
  ExitInterviewRequested: {
    required: ['organisationId', 'hireId', 'itemId', 'ownerRole', 'dueDate', 'mailDelivered'],
    optional: [],
  },
  ExitInterviewHeld: { required: ['organisationId', 'hireId', 'reasons', 'wouldHaveKept'], optional: [] },
  JourneyEnded: { required: ['organisationId', 'hireId', 'outcome'], optional: ['exitInterview'] },
  MentorMeetingLogged: {
    required: ['organisationId', 'hireId', 'mentorRef', 'on', 'minutes', 'loggedBy'],
    optional: [],
  },
  TeamWelcomeWritten: { required: ['organisationId', 'hireId', 'messageId'], optional: [] },
  PlanItemMoved: { required: ['organisationId', 'hireId', 'itemId', 'from', 'to', 'changeId'], optional: [] },
  PlanItemDropped: { required: ['organisationId', 'hireId', 'itemId', 'changeId'], optional: [] },
  PlanItemReowned: { required: ['organisationId', 'hireId', 'itemId', 'from', 'to', 'changeId'], optional: [] },
  AdhocTaskAdded: {
    required: ['organisationId', 'hireId', 'itemId', 'title', 'ownerRole', 'dueDate', 'changeId'],
    optional: [],
  },
} as const satisfies { readonly [T in JourneyEventType]: FieldList<Data[T]> };

// Compile-time: a field added to a type but not to the list above is an error here.
type NoneUnlisted = { [T in JourneyEventType]: Unlisted<Data[T], (typeof fields)[T]> }[JourneyEventType];
const noneUnlisted: [NoneUnlisted] extends [never] ? true : NoneUnlisted = true;
void noneUnlisted;

export const JOURNEY_EVENT_FIELDS: {
  readonly [T in JourneyEventType]: { readonly required: readonly string[]; readonly optional: readonly string[] };
} = fields;
export const JOURNEY_EVENT_TYPES = Object.keys(fields) as JourneyEventType[];
