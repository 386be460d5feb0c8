/** Names for the contract's schemas (contracts/generated/openapi.ts), so pages never restate a request or answer. */
import type { components } from '../../../contracts/generated/openapi';

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
export type Questionnaire = Schemas['Questionnaire'];
export type SurveyItem = Schemas['SurveyItem'];
export type SurveyReport = Schemas['SurveyReport'];
export type SurveyItemFigures = Schemas['SurveyItemFigures'];
export type SurveyWave = Schemas['SurveyWaveList']['waves'][number];
export type SurveySubmission = Schemas['SurveySubmission'];
