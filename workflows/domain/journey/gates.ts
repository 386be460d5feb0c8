/**
 * Which items still hold another back: the gates a template set (`requires`) whose item is not done yet. One
 * question asked by the decider (completing a gated item is refused) and by the journey view (shown as blocked).
 */
import type { PlanItem } from '../schedule';
import type { JourneyState } from './state';

/**
 * The items `itemId` waits on, in plan order. A gate the plan no longer holds (a milestone dropped for this hire)
 * holds nothing back: HR decided it does not apply.
 */
export function openGates(state: JourneyState, itemId: string): PlanItem[] {
  const item = state.plan.items.find((candidate) => candidate.id === itemId);
  const requires = item?.requires;
  if (!requires || requires.length === 0) return [];
  return state.plan.items.filter((gate) => requires.includes(gate.id) && !(gate.id in state.completed));
}

/** The Dutch refusal: which item cannot be completed yet, and what it waits on. */
export function gatedMessage(item: PlanItem, gates: readonly PlanItem[]): string {
  const waitingOn = gates.map((gate) => `"${gate.title}"`).join(' en ');
  return `"${item.title}" kan pas worden afgerond als ${waitingOn} is afgerond.`;
}
