import type { JourneyEvent } from '../../workflows/domain/journey/events';
import { FIND_MENTOR_TASK_ID } from '../../workflows/domain/journey/state';

/**
 * The manager's task to find a mentor, which the journey opens itself when a mentor request runs out, due on
 * 4 August 2026 (the day after the request's deadline in the journey tests), and its escalation: what the decider
 * tests give and expect of a task outside the template.
 */
export function findMentorTaskEvents(hire: { readonly organisationId: string; readonly hireId: string }): {
  readonly opened: JourneyEvent;
  readonly escalated: JourneyEvent;
} {
  const task = { ...hire, itemId: FIND_MENTOR_TASK_ID, title: 'Zoek een mentor', dueDate: '2026-08-04' };
  return {
    opened: { type: 'TaskOpened', data: { ...task, ownerRole: 'manager' } },
    escalated: { type: 'TaskEscalated', data: { ...task, ownerRole: 'manager', mailDelivered: false } },
  };
}
