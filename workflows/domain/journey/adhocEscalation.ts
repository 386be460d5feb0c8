/**
 * When a task outside the template escalates: one the journey opened itself (finding a mentor, the offboarding
 * checklist) or one HR added to this hire's plan. A week after its due date, or, for journeys started from patch
 * adhoc-escalation-policy-v1 on, after the template's reminderPolicy.escalateAfterDays as its planned tasks do.
 * Journeys started before keep their week: their recorded escalations must replay as they happened. The exit
 * interview is no such task: its escalation is the grace period that ends a leaving journey.
 */
import { type IsoDate, addDays } from '../calendar';
import { reminderPolicyOf } from '../reminderPolicy';
import type { JourneyState } from './state';

/** Days after its due date that a task the journey opened itself goes to the manager, where no policy says else. */
export const ADHOC_ESCALATION_DAYS = 7;

export function adhocEscalationDate(
  state: Pick<JourneyState, 'template' | 'adhocEscalationByPolicy'>,
  dueDate: IsoDate,
): IsoDate {
  const byPolicy = state.adhocEscalationByPolicy ? reminderPolicyOf(state.template).escalateAfterDays : undefined;
  return addDays(dueDate, byPolicy ?? ADHOC_ESCALATION_DAYS);
}
