/**
 * Which items still hold another back: the gates a template set (`requires`) whose item is not done yet. One
 * question asked by the decider (completing a gated item is refused) and by the journey view (shown as blocked).
 */
import type { PlanItem } from '../schedule';
import { type TextLanguage, titleIn } from '../templateText';
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

/** What the refusal names, in both languages: the item that cannot be completed yet, and what it waits on. */
export function gatedParams(item: PlanItem, gates: readonly PlanItem[]): Record<string, string> {
  const waitingOn = (language: TextLanguage, and: string) =>
    gates.map((gate) => `"${titleIn(gate, language)}"`).join(and);
  return {
    item: item.title,
    itemEn: titleIn(item, 'en'),
    waitingOn: waitingOn('nl', ' en '),
    waitingOnEn: waitingOn('en', ' and '),
  };
}
