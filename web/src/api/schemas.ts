/** Names for the contract's schemas (contracts/generated/openapi.ts), so pages never restate a request or answer. */
import type { components } from '../../../contracts/generated/openapi';

/** The contract's enumerations as values, in the contract's order: the lists a page offers to choose from. */
export {
  cohortRetentionPeriodValues as COHORT_PERIODS,
  journeyStageValues as JOURNEY_STAGES,
  mailboxRoleValues as MAILBOX_ROLES,
  milestoneKindValues as MILESTONE_KINDS,
  ownerRoleValues as OWNER_ROLES,
  roleValues as ROLES,
} from '../../../contracts/generated/openapi';

type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type Hire = Schemas['Hire'];
export type HireSummary = Schemas['HireSummary'];
export type HireRegistration = Schemas['HireRegistration'];
export type JourneyItem = Schemas['JourneyItem'];
export type JourneyStage = Schemas['JourneyStage'];
export type OpenTask = Schemas['OpenTask'];
export type OwnerRole = Schemas['OwnerRole'];
export type Role = Schemas['Role'];
export type MentorStatus = Schemas['Mentorship']['status'];
export type HistoryEvent = Schemas['RecordedEvent'];
export type JourneyStateAsOf = Schemas['JourneyStateAsOf'];
export type JourneyTemplate = Schemas['JourneyTemplate'];
export type JourneyTemplateVersion = Schemas['JourneyTemplateVersion'];
export type PreboardingTask = Schemas['PreboardingTask'];
export type Milestone = Schemas['Milestone'];
export type MailboxRole = Schemas['MailboxRole'];
export type ApiKey = Schemas['ApiKey'];
export type IssuedApiKey = Schemas['IssuedApiKey'];
export type WebhookSubscription = Schemas['WebhookSubscription'];
export type MentorProfile = Schemas['MentorProfile'];
export type VacancyProfile = Schemas['VacancyProfile'];
export type ExitInterview = Schemas['ExitInterview'];
export type ExitReason = ExitInterview['reasons'][number];
export type RetentionFactor = NonNullable<ExitInterview['wouldHaveKept']>[number];
export type MentorOffer = Schemas['MentorOffer'];
export type Questionnaire = Schemas['Questionnaire'];
export type SurveyItem = Schemas['SurveyItem'];
export type SurveyReport = Schemas['SurveyReport'];
export type SurveyTrends = Schemas['SurveyTrends'];
export type SurveyTopic = Schemas['SurveyTopic'];
export type SurveyYearAnalysis = Schemas['SurveyYearAnalysis'];
export type SurveyTopicTask = Schemas['SurveyTopicTask'];
export type SurveyItemFigures = Schemas['SurveyItemFigures'];
export type SurveyWave = Schemas['SurveyWaveList']['waves'][number];
export type SurveySubmission = Schemas['SurveySubmission'];
