/**
 * Stage 1, profielbepaling (shared/domain.md): RvdK gives a new colleague one contact person during and after
 * recruitment. The vacancy profile names them (a person reference); the hire's journey takes them from it at
 * registration. This is the one place that says which of the journey's tasks they hold: the pre-boarding tasks the
 * template marks `heldByContactPerson`, while they keep the template's owner role (an item HR gave to another role is
 * that role's). A hire without a contact person leaves those tasks to their owner role.
 * Pure: the workflow bundle imports this module.
 */
import type { JourneyTemplate, OwnerRole } from './journeyTemplate';
import { taskItemId } from './schedule';

/** What a journey knows of the hire and its plan that this rule needs. */
export interface ContactPersonContext {
  readonly input: { readonly contactPersonRef?: string };
  readonly template: Pick<JourneyTemplate, 'preboardingTasks'>;
}

/** The contact person's reference when they hold the item; undefined when the hire has none or it is not theirs. */
export function contactPersonHolding(
  journey: ContactPersonContext,
  item: { readonly itemId: string; readonly ownerRole: OwnerRole | null },
): string | undefined {
  const ref = journey.input.contactPersonRef;
  if (ref === undefined) return undefined;
  const held = journey.template.preboardingTasks.some(
    (task) =>
      task.heldByContactPerson === true && taskItemId(task.id) === item.itemId && task.ownerRole === item.ownerRole,
  );
  return held ? ref : undefined;
}
