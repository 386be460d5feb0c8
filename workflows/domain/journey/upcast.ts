/**
 * Upcasting: a recorded hire event as the typed JourneyEvent that `evolve` folds, in whatever shape it was
 * written. The one place that knows what older journeys left out:
 * - ExitInterviewRequested before it named its task (item id, owner, due day);
 * - TaskOpened without a title;
 * - LeaveStarted and TerminationRegistered without their day: the day they were recorded;
 * - JourneyStarted items that are not items at all (skipped), an empty owner (none);
 * - MentorRequested that names no mentor (nobody was asked: skipped), JourneyEnded with an outcome it does not know;
 * - JourneyStarted that listed only the items' ids, kinds, owners and due dates (titles, offsets and nudges are in
 *   the template it names), or, from the walking skeleton, only the start date.
 * Pure: the template is looked up by the caller.
 */
import { type IsoDate, addDays, daysBetween, isIsoDate, laterOf } from '../calendar';
import { rvdkTemplate } from '../defaultTemplates';
import type { JourneyTemplate, OwnerRole } from '../journeyTemplate';
import { type JourneyPlan, type PlanItem, planForNewJourney } from '../schedule';
import {
  JOURNEY_EVENT_TYPES,
  type JourneyEvent,
  type JourneyEventData,
  type JourneyEventType,
  type JourneyOutcome,
  type StartedItem,
} from './events';
import { EXIT_INTERVIEW_TASK_ID } from './state';

const KNOWN_TYPES: ReadonlySet<string> = new Set(JOURNEY_EVENT_TYPES);
const OUTCOMES: ReadonlySet<string> = new Set<JourneyOutcome>(['landed', 'left', 'withdrawn']);

/** A hire event as stored: its type, its data, and the day it happened (the fallback for an absent due day). */
export interface StoredJourneyEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly on: IsoDate;
}

/** The event as the journey types it today; undefined for a type the journey does not know (a newer writer's). */
export function upcastJourneyEvent(event: StoredJourneyEvent): JourneyEvent | undefined {
  if (!KNOWN_TYPES.has(event.type)) return undefined;
  const data = event.data;
  switch (event.type) {
    case 'ExitInterviewRequested':
      return {
        type: 'ExitInterviewRequested',
        data: {
          ...(data as unknown as JourneyEventData<'ExitInterviewRequested'>),
          itemId: text(data.itemId) ?? EXIT_INTERVIEW_TASK_ID,
          ownerRole: (text(data.ownerRole) ?? 'hr') as OwnerRole,
          dueDate: isIsoDate(data.dueDate) ? data.dueDate : event.on,
          mailDelivered: data.mailDelivered === true,
        },
      };
    case 'LeaveStarted':
      return { type: 'LeaveStarted', data: { ...hireRef(data), from: isIsoDate(data.from) ? data.from : event.on } };
    case 'TerminationRegistered': {
      const lastWorkingDay = isIsoDate(data.lastWorkingDay) ? data.lastWorkingDay : event.on;
      return { type: 'TerminationRegistered', data: { ...hireRef(data), lastWorkingDay } };
    }
    case 'JourneyStarted': {
      const started = data as unknown as JourneyEventData<'JourneyStarted'>;
      if (!Array.isArray(data.items)) return { type: 'JourneyStarted', data: started };
      const items = data.items
        .filter(isStartedItem)
        .map((item) => ({ ...item, ownerRole: (text(item.ownerRole) ?? null) as OwnerRole | null }));
      return { type: 'JourneyStarted', data: { ...started, items } };
    }
    // A request names whom it asked; one that does not asked nobody.
    case 'MentorRequested': {
      const requested = data as unknown as JourneyEventData<'MentorRequested'>;
      return text(data.mentorRef) ? { type: 'MentorRequested', data: requested } : undefined;
    }
    // An ending the journey does not know is no ending.
    case 'JourneyEnded':
      return OUTCOMES.has(String(data.outcome))
        ? { type: 'JourneyEnded', data: data as unknown as JourneyEventData<'JourneyEnded'> }
        : undefined;
    case 'TaskOpened': {
      const opened = data as unknown as JourneyEventData<'TaskOpened'>;
      return { type: 'TaskOpened', data: { ...opened, title: text(data.title) ?? opened.itemId } };
    }
    default:
      return { type: event.type as JourneyEventType, data } as unknown as JourneyEvent;
  }
}

/**
 * The plan a journey started with, from its JourneyStarted event: the template's plan dated on the day the journey
 * started, with the due days the event recorded (they are what the journey used). Without the template, the event's
 * own items: the id stands in for the title, the offset is due day minus start day (too small for an item that was
 * clamped to a late registration day), and nobody is nudged.
 */
export function planOfJourneyStarted(
  started: JourneyEventData<'JourneyStarted'>,
  template: JourneyTemplate | undefined,
  startedOn: IsoDate,
): JourneyPlan {
  const { startDate } = started;
  const recorded = new Map((started.items ?? []).map((item) => [item.id, item]));
  if (template) {
    const plan = planForNewJourney(template, startDate, laterOf(startedOn, addDays(startDate, -365)));
    if (recorded.size === 0) return plan;
    return {
      ...plan,
      ...(started.endDate ? { endDate: started.endDate } : {}),
      items: plan.items
        .filter((item) => recorded.has(item.id))
        .map((item) => ({ ...item, dueDate: recorded.get(item.id)!.dueDate })),
    };
  }
  const endDate = started.endDate ?? startDate;
  const items = [...recorded.values()].map(
    (item): PlanItem => ({
      id: item.id,
      kind: item.kind,
      // Journeys that recorded no titles are named by their ids until a reminder names them (replay.ts).
      title: item.title ?? item.id,
      ...(item.titleEn ? { titleEn: item.titleEn } : {}),
      ownerRole: item.ownerRole,
      dueOffsetDays: daysBetween(startDate, item.dueDate),
      followUp: null,
      pauseShiftDays: 0,
      dueDate: item.dueDate,
      reminderDate: null,
      escalationDate: null,
    }),
  );
  return {
    templateId: started.templateId ?? '',
    templateVersion: started.templateVersion ?? 0,
    startDate,
    plannedOn: startedOn,
    programmeLengthDays: daysBetween(startDate, endDate),
    endDate,
    pauses: [],
    pausedSince: null,
    items,
  };
}

/**
 * Stands in for a template nobody can look up any more: its id, version and length, no items of its own. The
 * mentor and survey settings are a default's; a fold never decides, so nothing reads them.
 */
export function templateStandIn(organisationId: string, plan: JourneyPlan): JourneyTemplate {
  return {
    ...rvdkTemplate,
    id: plan.templateId,
    version: plan.templateVersion,
    organisationId,
    name: plan.templateId,
    preboardingTasks: [],
    milestones: [],
    programmeLengthDays: plan.programmeLengthDays,
  };
}

function hireRef(data: Readonly<Record<string, unknown>>): { organisationId: string; hireId: string } {
  return { ...data, organisationId: String(data.organisationId), hireId: String(data.hireId) };
}

function isStartedItem(item: unknown): item is StartedItem {
  if (typeof item !== 'object' || item === null) return false;
  const { id, kind, dueDate } = item as Record<string, unknown>;
  return typeof id === 'string' && typeof kind === 'string' && isIsoDate(dueDate);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
