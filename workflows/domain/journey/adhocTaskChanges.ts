/**
 * HR's changes to the tasks HR added to one hire's journey (`add-task`, ids `adhoc:hr-…`): moved, dropped and
 * given to another role with the same events as a planned item (PlanItemMoved, PlanItemDropped, PlanItemReowned).
 * The rules are planItemChanges.ts's where they are the same (a plannable day, a role of the journey); here is
 * only what differs for such a task, and how evolve applies the events to `state.adhoc`.
 *
 * Why these rules:
 * - Only tasks HR added: the tasks the journey opens itself (finding a mentor by hand, the exit interview, the
 *   offboarding checklist) follow from what happened, and their dates carry the journey's own deadlines (the exit
 *   interview's grace period ends a leaving journey), so HR completes them instead.
 * - No pre-boarding or day-one rule: HR chose the day when adding the task and can choose another the same way.
 * - A moved task escalates as long after its new day as it did after its old one, and its reminder and escalation
 *   are due again (as handledAfterMove does for planned items).
 */
import { type IsoDate, addDays, daysBetween } from '../calendar';
import type { OwnerRole } from '../journeyTemplate';
import { itemTitleIn } from './itemTitles';
import {
  type PlanChangeEffect,
  type PlanChangeRefusal,
  type PlanItemChange,
  journeyRoles,
  plannable,
} from './planItemChanges';
import { type AdhocTask, type JourneyState, isOpen } from './state';

/** The ids `addedTaskId` gives the tasks HR adds. */
export const HR_ADDED_TASK_PREFIX = 'adhoc:hr-';

export function isHrAddedTask(itemId: string): boolean {
  return itemId.startsWith(HR_ADDED_TASK_PREFIX);
}

/** The effects of moving, dropping or re-owning an ad-hoc task, or why it is refused. Empty: nothing to change. */
export function adhocTaskChangeEffects(
  state: JourneyState,
  task: AdhocTask,
  change: Exclude<PlanItemChange, { kind: 'add-task' }>,
  today: IsoDate,
): PlanChangeRefusal | PlanChangeEffect[] {
  const at = '/change/itemId';
  const titles = { title: task.title, titleEn: itemTitleIn(state, task.id, task.title, 'en') };
  if (!isHrAddedTask(task.id)) return { code: 'opened-by-journey', pointer: at, params: titles };
  if (!isOpen(state, task.id)) return { code: 'item-closed', pointer: at, params: titles };
  switch (change.kind) {
    case 'move-item': {
      const dateRefusal = plannable(state.plan, change.dueDate, today, '/change/dueDate');
      if (dateRefusal) return dateRefusal;
      if (change.dueDate === task.dueDate) return [];
      return [{ kind: 'moved', itemId: task.id, from: task.dueDate, to: change.dueDate }];
    }
    case 'drop-item':
      return [{ kind: 'dropped', itemId: task.id }];
    case 'reown-item': {
      if (!journeyRoles(state).includes(change.ownerRole))
        return { code: 'unknown-role', pointer: '/change/ownerRole', params: { role: String(change.ownerRole) } };
      if (change.ownerRole === task.ownerRole) return [];
      return [{ kind: 'reowned', itemId: task.id, from: task.ownerRole, to: change.ownerRole }];
    }
  }
}

/** The ad-hoc tasks after PlanItemMoved: the task's escalation keeps its distance to the due date. */
export function adhocWithTaskMoved(adhoc: readonly AdhocTask[], itemId: string, to: IsoDate): readonly AdhocTask[] {
  if (!adhoc.some((task) => task.id === itemId)) return adhoc;
  return adhoc.map((task) =>
    task.id === itemId
      ? { ...task, dueDate: to, escalationDate: addDays(to, daysBetween(task.dueDate, task.escalationDate)) }
      : task,
  );
}

export function adhocWithTaskDropped(adhoc: readonly AdhocTask[], itemId: string): readonly AdhocTask[] {
  return adhoc.some((task) => task.id === itemId) ? adhoc.filter((task) => task.id !== itemId) : adhoc;
}

export function adhocWithTaskReowned(
  adhoc: readonly AdhocTask[],
  itemId: string,
  ownerRole: OwnerRole,
): readonly AdhocTask[] {
  if (!adhoc.some((task) => task.id === itemId)) return adhoc;
  return adhoc.map((task) => (task.id === itemId ? { ...task, ownerRole } : task));
}
