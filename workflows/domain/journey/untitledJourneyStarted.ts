import type { JourneyTemplate } from '../journeyTemplate';
import type { JourneyPlan } from '../schedule';

/** What every JourneyStarted records of the plan and its template, besides the items. */
export function journeyStartedPlanData(plan: JourneyPlan, template: Pick<JourneyTemplate, 'id' | 'version'>) {
  return {
    startDate: plan.startDate,
    templateId: template.id,
    templateVersion: template.version,
    endDate: plan.endDate,
  };
}

/**
 * The JourneyStarted data of a journey from before its items carried their titles (the walking-skeleton workflow,
 * hireJourneyLegacy.ts, still records it so its histories replay): the plan's dates and, per item, only its id,
 * kind, owner and due date. The hire's reference is the caller's to add; upcast.ts brings the titles back on read.
 */
export function untitledJourneyStartedData(plan: JourneyPlan, template: Pick<JourneyTemplate, 'id' | 'version'>) {
  return {
    ...journeyStartedPlanData(plan, template),
    items: plan.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      ownerRole: item.ownerRole,
      dueDate: item.dueDate,
    })),
  };
}
