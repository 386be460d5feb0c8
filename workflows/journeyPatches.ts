import { patched } from '@temporalio/workflow';
import {
  ADHOC_ESCALATION_POLICY_PATCH,
  DIGEST_ESCALATIONS_PATCH,
  MENTOR_CAPACITY_RESERVATION_PATCH,
  MENTOR_WITHDRAWAL_MAIL_PATCH,
  OFFBOARDING_CHECKLIST_PATCH,
  REMINDER_DIGEST_PATCH,
  TEAM_WELCOME_PATCH,
  VACANCY_CONTACT_PERSON_PATCH,
} from './hireJourneyRuntime';

/** What the version of the code that began a journey decided about each behaviour a patch guards. */
export interface JourneyPatches {
  readonly remindersByDigest: boolean;
  readonly escalationsByDigest: boolean;
  readonly adhocEscalationByPolicy: boolean;
  readonly contactPerson: boolean;
  readonly teamWelcome: boolean;
  readonly mentorCapacityReservation: boolean;
  readonly mentorWithdrawalMail: boolean;
  readonly offboardingChecklist: boolean;
}

/**
 * From this patch on a run asks every patch above in its first activation, before it awaits anything.
 *
 * Why: patched() answers, on replay, from the markers of the workflow task being replayed. A call made after a
 * local activity can fall in a later workflow task when first run than on replay: while a slow local activity runs,
 * the worker heartbeats the task, and the code that reacts to the result may run in the next one. On replay the
 * result is there at once, the call lands in the earlier task, does not see its marker yet and answers false where
 * the first run answered true — a nondeterminism (seen in CI: a command racing a journey's start, team-welcome-v1).
 * The first activation of a run is the same task on every replay, so answers taken there always agree.
 */
export const PATCHES_UP_FRONT_PATCH = 'journey-patches-up-front-v1';

/**
 * The run's answers: carried from the run before (continue-as-new), else taken now, in the first activation.
 * `upFront` is what a continue-as-new carries; runs begun before the patch ask each patch where it is used, as
 * they did then, so their histories replay unchanged.
 */
export function journeyPatches(carried: JourneyPatches | undefined): {
  readonly patches: JourneyPatches;
  readonly upFront: JourneyPatches | undefined;
} {
  if (carried) return { patches: carried, upFront: carried };
  if (!patched(PATCHES_UP_FRONT_PATCH)) return { patches: patchedWhereUsed(), upFront: undefined };
  const upFront = {
    remindersByDigest: patched(REMINDER_DIGEST_PATCH),
    escalationsByDigest: patched(DIGEST_ESCALATIONS_PATCH),
    adhocEscalationByPolicy: patched(ADHOC_ESCALATION_POLICY_PATCH),
    contactPerson: patched(VACANCY_CONTACT_PERSON_PATCH),
    teamWelcome: patched(TEAM_WELCOME_PATCH),
    mentorCapacityReservation: patched(MENTOR_CAPACITY_RESERVATION_PATCH),
    mentorWithdrawalMail: patched(MENTOR_WITHDRAWAL_MAIL_PATCH),
    offboardingChecklist: patched(OFFBOARDING_CHECKLIST_PATCH),
  };
  return { patches: upFront, upFront };
}

/** Each answer asked when it is read, at the place and moment older runs asked it. */
function patchedWhereUsed(): JourneyPatches {
  return {
    get remindersByDigest() {
      return patched(REMINDER_DIGEST_PATCH);
    },
    get escalationsByDigest() {
      return patched(DIGEST_ESCALATIONS_PATCH);
    },
    get adhocEscalationByPolicy() {
      return patched(ADHOC_ESCALATION_POLICY_PATCH);
    },
    get contactPerson() {
      return patched(VACANCY_CONTACT_PERSON_PATCH);
    },
    get teamWelcome() {
      return patched(TEAM_WELCOME_PATCH);
    },
    get mentorCapacityReservation() {
      return patched(MENTOR_CAPACITY_RESERVATION_PATCH);
    },
    get mentorWithdrawalMail() {
      return patched(MENTOR_WITHDRAWAL_MAIL_PATCH);
    },
    get offboardingChecklist() {
      return patched(OFFBOARDING_CHECKLIST_PATCH);
    },
  };
}
