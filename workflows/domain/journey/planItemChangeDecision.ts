/**
 * The decider's part for HR's plan changes: the rules are workflows/domain/journey/planItemChanges.ts; here each effect
 * becomes the event that records it, all carrying the change's id (HR's reason is kept off the stream by it).
 */
import type { IsoDate } from '../calendar';
import {
  type PlanChangeEffect,
  type PlanItemChange,
  isPlanChangeRefusal,
  planChangeEffects,
  planChangeRefusalText,
} from './planItemChanges';
import type { Decision } from './decide';
import type { JourneyEvent } from './events';
import type { JourneyState } from './state';

const CHANGE_ID = /^[0-9a-f]{32}$/;

export function planItemChangeDecision(
  state: JourneyState,
  command: { readonly change: PlanItemChange; readonly changeId: string },
  today: IsoDate,
): Decision {
  // The id becomes part of every event the change records, whose contract wants 32 hex digits (the API's
  // randomUUID without dashes): refused here, a malformed id cannot leave an accepted change unrecordable.
  if (!CHANGE_ID.test(command.changeId))
    return { rejected: 'invalid-plan-change', message: 'Een wijziging heeft een id van 32 hexadecimale tekens.' };
  const effects = planChangeEffects(state, command.change, today, command.changeId);
  if (isPlanChangeRefusal(effects))
    return { rejected: 'invalid-plan-change', message: planChangeRefusalText(effects), planChange: effects };
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  const { changeId } = command;
  return { events: effects.map((effect) => eventOf(effect, hire, changeId)) };
}

function eventOf(
  effect: PlanChangeEffect,
  hire: { organisationId: string; hireId: string },
  changeId: string,
): JourneyEvent {
  switch (effect.kind) {
    case 'moved':
      return {
        type: 'PlanItemMoved',
        data: { ...hire, itemId: effect.itemId, from: effect.from, to: effect.to, changeId },
      };
    case 'dropped':
      return { type: 'PlanItemDropped', data: { ...hire, itemId: effect.itemId, changeId } };
    case 'reowned':
      return {
        type: 'PlanItemReowned',
        data: { ...hire, itemId: effect.itemId, from: effect.from, to: effect.to, changeId },
      };
    case 'added': {
      const { itemId, title, ownerRole, dueDate } = effect;
      return { type: 'AdhocTaskAdded', data: { ...hire, itemId, title, ownerRole, dueDate, changeId } };
    }
  }
}
