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
 * From this patch on every patch above is in force, for the whole journey, without asking each one.
 *
 * Why: patched() answers, on replay, from the markers of the workflow task being replayed. A call made after a
 * local activity can fall in a later workflow task when first run than on replay: while a slow local activity runs,
 * the worker heartbeats the task, and the code that reacts to the result may run in the next one. On replay the
 * result is there at once, the call lands in the earlier task, does not see its marker yet and answers false where
 * the first run answered true — a nondeterminism (seen in CI: a command racing a journey's start, team-welcome-v1).
 * This one is asked in the run's first activation, before anything is awaited, which is the same task on every
 * replay. It also spares each journey eight markers and the search-attribute upserts that go with them.
 *
 * A patch added later is asked here too, in the first activation, and carried like the others.
 */
export const PATCHES_IN_FORCE_PATCH = 'journey-patches-in-force-v1';

/**
 * From this patch on a new run is today's journey, asked with one marker instead of four: the walking skeleton,
 * the legacy journey and ordinary store activities are behind it, and every patch above is in force. Asked first
 * thing in the run (hireJourney.ts), in its first activation like PATCHES_IN_FORCE_PATCH. A run begun before it
 * has no such marker, answers false on replay, and asks the patches it asked then, in the same order.
 * Each patch costs a new run a marker and a TemporalChangeVersion upsert in its history: 8 of its first 23 events.
 */
export const CURRENT_JOURNEY_PATCH = 'journey-current-v1';

/** The patch that guards each behaviour. A patch added later gets a line here and one in JourneyPatches. */
const PATCH_OF = {
  remindersByDigest: REMINDER_DIGEST_PATCH,
  escalationsByDigest: DIGEST_ESCALATIONS_PATCH,
  adhocEscalationByPolicy: ADHOC_ESCALATION_POLICY_PATCH,
  contactPerson: VACANCY_CONTACT_PERSON_PATCH,
  teamWelcome: TEAM_WELCOME_PATCH,
  mentorCapacityReservation: MENTOR_CAPACITY_RESERVATION_PATCH,
  mentorWithdrawalMail: MENTOR_WITHDRAWAL_MAIL_PATCH,
  offboardingChecklist: OFFBOARDING_CHECKLIST_PATCH,
} as const satisfies Record<keyof JourneyPatches, string>;
type Answer = keyof JourneyPatches;
const ANSWERS = Object.keys(PATCH_OF) as Answer[];

const ALL_IN_FORCE = Object.fromEntries(ANSWERS.map((answer) => [answer, true])) as Record<Answer, boolean>;

/**
 * The run's answers: carried from the run before (continue-as-new), else decided now, in the first activation.
 * `current`: the run has CURRENT_JOURNEY_PATCH. `upFront` is what a continue-as-new carries; runs begun before the patch ask each patch where it is used, as
 * they did then, so their histories replay unchanged.
 */
export function journeyPatches(
  carried: JourneyPatches | undefined,
  current: boolean,
): {
  readonly patches: JourneyPatches;
  readonly upFront: JourneyPatches | undefined;
} {
  if (carried) return { patches: carried, upFront: carried };
  if (current || patched(PATCHES_IN_FORCE_PATCH)) return { patches: ALL_IN_FORCE, upFront: ALL_IN_FORCE };
  return { patches: patchedWhereUsed(), upFront: undefined };
}

/** Each answer asked when it is read, at the place and moment older runs asked it. */
function patchedWhereUsed(): JourneyPatches {
  const answers = {} as Record<Answer, boolean>;
  for (const answer of ANSWERS) {
    Object.defineProperty(answers, answer, { enumerable: true, get: () => patched(PATCH_OF[answer]) });
  }
  return answers;
}
