/**
 * Escalations by digest (patch digest-escalations-v1): a template's reminder policy says after how many days an
 * open item is escalated (escalateAfterDays, reminderPolicy.ts), and the escalation goes in the escalation
 * target's daily digest (services/worker/reminderDigest.ts) instead of a mail per task, so a manager with three
 * overdue tasks of one team gets one mail that day, not three. The journey still records TaskEscalated, on the day,
 * marked byDigest: the auditor sees when it was escalated, and the digest lists what the journey escalated.
 * Journeys started before the patch keep their per-item offsets and mails (state.escalationsByDigest unset).
 */
import { escalationDateFor, reminderPolicyOf } from '../reminderPolicy';
import { type PlanAction, planActions } from '../schedule';
import type { JourneyEventData } from './events';
import type { JourneyState } from './state';

/** The plan's actions in the order they happen, each escalation on the day this journey's rule sets for it. */
export function journeyPlanActions(state: JourneyState): PlanAction[] {
  if (!state.escalationsByDigest) return planActions(state.plan);
  const policy = reminderPolicyOf(state.template);
  if (policy.escalateAfterDays === undefined) return planActions(state.plan);
  const items = state.plan.items.map((item) => ({ ...item, escalationDate: escalationDateFor(item, policy) }));
  return planActions({ ...state.plan, items });
}

/** What a TaskEscalated of this journey adds: the mark that its digest, not a mail of its own, tells the target. */
export function byDigest(state: JourneyState): Pick<JourneyEventData<'TaskEscalated'>, 'byDigest'> {
  return state.escalationsByDigest ? { byDigest: true } : {};
}
