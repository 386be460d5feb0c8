/**
 * An item's title in the reader's language. Events and read models carry the Dutch title only (it is what was
 * recorded); the English comes from the plan (the template's `titleEn`, schedule.ts for the journey's own steps),
 * from the template's offboarding checklist, or — for the tasks the journey opens itself — from selfOpenedTasks.ts.
 */
import { milestoneItemId, taskItemId } from '../schedule';
import { type TextLanguage, type Titled, titleIn } from '../templateText';
import { offboardingTaskOf } from './offboarding';
import { selfOpenedTaskOf } from './selfOpenedTasks';
import type { JourneyState } from './state';

/** `title` is the Dutch one the caller has (from an event or a read model): the answer when there is no English. */
export function itemTitleIn(
  state: JourneyState | undefined,
  itemId: string,
  title: string,
  language: TextLanguage,
): string {
  if (language === 'nl') return title;
  const planned = state?.plan.items.find((item) => item.id === itemId);
  if (planned?.titleEn) return planned.titleEn;
  // A plan worked out before plans carried English (a stored read model's copy) still has its template.
  const templated = state && templateItemOf(state, itemId);
  if (templated) return titleIn(templated, language);
  const offboarding = state && offboardingTaskOf(state, itemId);
  if (offboarding) return titleIn(offboarding, language);
  return selfOpenedTaskOf(itemId)?.titleEn ?? title;
}

function templateItemOf(state: JourneyState, itemId: string): Titled | undefined {
  const { preboardingTasks, milestones } = state.template;
  return (
    preboardingTasks.find((task) => taskItemId(task.id) === itemId) ??
    milestones.find((milestone) => milestoneItemId(milestone.id) === itemId)
  );
}
