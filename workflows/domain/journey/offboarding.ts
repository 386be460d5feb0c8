/**
 * The offboarding checklist: what has to be done before a leaver's last working day (items returned, access
 * removed, clients and cases handed over), as tasks the journey opens when a termination is registered. The
 * journey ends `left` only once the exit interview is held and the checklist is done, or when the grace period
 * after the last working day is over (then what is still open is cancelled on record).
 */
import { type IsoDate, compareDates, laterOf } from '../calendar';
import { DEFAULT_OFFBOARDING_TASKS } from '../defaultTemplates';
import type { OffboardingTask } from '../journeyTemplate';
import type { JourneyEvent } from './events';
import { EXIT_INTERVIEW_TASK_ID, type JourneyState, isOpen } from './state';

const OFFBOARDING_ITEM_PREFIX = 'adhoc:offboarding:';

export function offboardingTasksOf(state: JourneyState): readonly OffboardingTask[] {
  return state.template.offboardingTasks ?? DEFAULT_OFFBOARDING_TASKS;
}

/** The checklist task an item of the journey stands for, if it is one. */
export function offboardingTaskOf(state: JourneyState, itemId: string): OffboardingTask | undefined {
  if (!isOffboardingItem(itemId)) return undefined;
  return offboardingTasksOf(state).find((task) => `${OFFBOARDING_ITEM_PREFIX}${task.id}` === itemId);
}

export function isOffboardingItem(itemId: string): boolean {
  return itemId.startsWith(OFFBOARDING_ITEM_PREFIX);
}

/** The checklist's tasks, each due on the last working day (or today, when that has passed). */
export function offboardingTasksOpened(state: JourneyState, lastWorkingDay: IsoDate, today: IsoDate): JourneyEvent[] {
  const hire = { organisationId: state.input.organisationId, hireId: state.input.hireId };
  const dueDate = laterOf(lastWorkingDay, today);
  return offboardingTasksOf(state).map((task) => ({
    type: 'TaskOpened',
    data: {
      ...hire,
      itemId: `${OFFBOARDING_ITEM_PREFIX}${task.id}`,
      title: task.title,
      ownerRole: task.ownerRole,
      dueDate,
    },
  }));
}

export function openOffboardingItemIds(state: JourneyState, except?: string): string[] {
  return state.adhoc
    .filter((task) => isOffboardingItem(task.id) && task.id !== except && isOpen(state, task.id))
    .map((task) => task.id);
}

export function exitInterviewHeld(state: JourneyState): boolean {
  return EXIT_INTERVIEW_TASK_ID in state.completed;
}

/**
 * The day a leaving journey closes with the checklist still open although the exit interview was held: the
 * exit interview's own grace date (without the interview, its escalation ends the journey on that day already).
 */
export function leavingClosesOn(state: JourneyState): IsoDate | undefined {
  if (!state.leaving || state.outcome || !exitInterviewHeld(state)) return undefined;
  if (openOffboardingItemIds(state).length === 0) return undefined;
  return state.adhoc.find((task) => task.id === EXIT_INTERVIEW_TASK_ID)?.escalationDate;
}

export function leavingIsOver(state: JourneyState, today: IsoDate): boolean {
  const closesOn = leavingClosesOn(state);
  return closesOn !== undefined && compareDates(closesOn, today) <= 0;
}
