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
export type ExitInterview = Schemas['ExitInterview'];
export type ExitReason = ExitInterview['reasons'][number];
export type RetentionFactor = NonNullable<ExitInterview['wouldHaveKept']>[number];
export type MentorOffer = Schemas['MentorOffer'];
export type MentorProfile = Schemas['MentorProfile'];
