import { defineQuery } from '@temporalio/workflow';

/** Shared by the workflow and its callers; plain JSON only, because it crosses Temporal's payload converter. */
export interface HireJourneyInput {
  readonly organisationId: string;
  readonly hireId: string;
  readonly startDate: string;
  readonly role: string;
  readonly team?: string;
  /** Who asked for the hire, for the audit trail. */
  readonly actor: string;
  /** Fingerprint of the registration request; tells a retry apart from a conflicting registration. */
  readonly registrationFingerprint: string;
}

export type JourneyStage = 'registered' | 'preboarding';

export interface JourneyView {
  readonly organisationId: string;
  readonly hireId: string;
  readonly workflowId: string;
  readonly stage: JourneyStage;
  readonly startDate: string;
  readonly role: string;
  readonly team?: string;
}

export const journeyViewQuery = defineQuery<JourneyView>('journeyView');

export const HIRE_JOURNEY_WORKFLOW_TYPE = 'hireJourney';

/** One journey per hire per organisation: the id makes a second start for the same hire impossible. */
export function hireJourneyWorkflowId(organisationId: string, hireId: string): string {
  return `hire-journey:${organisationId}:${hireId}`;
}
