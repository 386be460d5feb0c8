/**
 * The auditor's question "where did this hire's journey stand on that moment?", answered from the event store
 * alone: the hire's events up to an instant folded with the journey's own `evolve` (workflows/domain/journey/replay.ts),
 * so the auditor sees what the journey itself knew then. No Temporal (the running journey only knows now), no I/O,
 * no clock.
 *
 * An event counts when it happened at or before `asOf`: `metadata.occurredAt`, else the time it was recorded.
 * Titles, offsets and nudges of the plan come from the template the journey started on (`templates`); older
 * shapes are upcast in workflows/domain/journey/upcast.ts. Events of types the journey does not know are counted
 * but change nothing, so newer writers never break an old auditor.
 */
import type { IsoDate } from '../../workflows/domain/calendar';
import {
  type RecordedJourneyEvent,
  type ReplayedJourney,
  type TemplateLookup,
  NOTHING_REPLAYED,
  journeyTasks,
  replayEvent,
  stageOf,
} from '../../workflows/domain/journey';
import type { JourneyOutcome, JourneyStage, MentorView } from '../../workflows/hireJourneyContract';
import { builtInTemplate } from '../templates/journeyTemplateStore';
/** What the fold needs of a recorded event (a RecordedEvent fits). */
export interface AuditEvent {
  readonly type: string;
  readonly revision: bigint | number;
  readonly recordedAt: Date;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export type AuditTaskStatus = 'open' | 'done' | 'cancelled';

export interface AuditTask {
  readonly itemId: string;
  /** A plan item kind (preboarding-task, welcome-card, milestone, survey-phone-follow-up) or adhoc-task. */
  readonly kind: string;
  readonly title?: string;
  readonly ownerRole: string | null;
  readonly dueDate: IsoDate;
  readonly status: AuditTaskStatus;
  readonly completedBy?: string;
  readonly completedOn?: IsoDate;
  readonly cancelReason?: string;
}

export interface JourneyStateAsOf {
  readonly organisationId: string;
  readonly hireId: string;
  /** The instant asked about, as given. */
  readonly asOf: string;
  /** How many of the hire's events happened at or before `asOf`, and the last of them (none while `pending`). */
  readonly eventsApplied: number;
  readonly lastRevision?: number;
  readonly lastEventAt?: string;
  readonly stage: JourneyStage;
  readonly registeredAt?: string;
  readonly role?: string;
  readonly team?: string;
  readonly location?: string;
  readonly startDate?: IsoDate;
  readonly endDate?: IsoDate;
  readonly template?: { readonly id: string; readonly version: number };
  readonly mentor: {
    readonly status: MentorView['status'];
    readonly asked: readonly string[];
    readonly mentorRef?: string;
    readonly answerDeadline?: IsoDate;
  };
  readonly pausedSince?: IsoDate;
  readonly lastWorkingDay?: IsoDate;
  readonly tasks: {
    readonly open: readonly AuditTask[];
    readonly done: readonly AuditTask[];
    readonly cancelled: readonly AuditTask[];
  };
  readonly outcome?: JourneyOutcome;
  /** The hire is registered, but its journey has not written its first event yet. */
  readonly pending?: true;
}

/** When an event happened: metadata.occurredAt where it is a valid instant, else when it was recorded. */
export function eventInstant(event: Pick<AuditEvent, 'recordedAt' | 'metadata'>): Date {
  const occurredAt = event.metadata.occurredAt;
  if (typeof occurredAt === 'string') {
    const parsed = new Date(occurredAt);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return event.recordedAt;
}

/**
 * The journey of one hire as it stood at `asOf`, from its events in stream order; undefined when none of them
 * had happened yet (the hire was not registered then).
 */
export function journeyStateAsOf(
  hire: { readonly organisationId: string; readonly hireId: string },
  events: Iterable<AuditEvent>,
  asOf: Date,
  templates: TemplateLookup = builtInTemplate,
): JourneyStateAsOf | undefined {
  let replayed: ReplayedJourney = NOTHING_REPLAYED;
  let registeredAt: string | undefined;
  let applied = 0;
  let last: { revision: number; at: Date } | undefined;
  for (const event of events) {
    const at = eventInstant(event);
    if (at.getTime() > asOf.getTime()) continue;
    if (event.type === 'HireRegistered' && registeredAt === undefined) registeredAt = at.toISOString();
    replayed = replayEvent(replayed, recordedJourneyEvent(event, at), templates);
    applied += 1;
    last = { revision: Number(event.revision), at };
  }
  if (!last) return undefined;
  return view(hire, replayed, registeredAt, asOf, applied, last);
}

/** A stored event as the journey's fold takes it: dated on the day it happened, by whom it names. */
export function recordedJourneyEvent(event: AuditEvent, at: Date = eventInstant(event)): RecordedJourneyEvent {
  const actor = event.metadata.actor;
  return {
    type: event.type,
    data: event.data,
    on: at.toISOString().slice(0, 10),
    actor: typeof actor === 'string' ? actor : '',
  };
}

/**
 * A hire the API acknowledged whose journey has not written its first event yet: registered since the moment the
 * API recorded it (services/registration/registeredHires.ts), and nothing else known; undefined for a moment before that.
 */
export function pendingJourneyStateAsOf(
  hire: { readonly organisationId: string; readonly hireId: string },
  registeredAt: Date,
  asOf: Date,
): JourneyStateAsOf | undefined {
  if (registeredAt.getTime() > asOf.getTime()) return undefined;
  return {
    ...hire,
    asOf: asOf.toISOString(),
    eventsApplied: 0,
    stage: 'registered',
    registeredAt: registeredAt.toISOString(),
    mentor: { status: 'searching', asked: [] },
    tasks: { open: [], done: [], cancelled: [] },
    pending: true,
  };
}

function view(
  hire: { readonly organisationId: string; readonly hireId: string },
  replayed: ReplayedJourney,
  registeredAt: string | undefined,
  asOf: Date,
  applied: number,
  last: { revision: number; at: Date },
): JourneyStateAsOf {
  const today: IsoDate = asOf.toISOString().slice(0, 10);
  const { state, registration } = replayed;
  const optional = <K extends string, V>(key: K, value: V | undefined | null) =>
    value === undefined || value === null || value === '' ? {} : ({ [key]: value } as Record<K, V>);
  const tasks: AuditTask[] = journeyTasks(replayed).map((task) => ({
    itemId: task.itemId,
    kind: task.kind,
    // A stand-in plan titles an item by its id until a reminder names it: no title is better than an id.
    ...(task.title === task.itemId ? {} : { title: task.title }),
    ownerRole: task.ownerRole,
    dueDate: task.dueDate,
    status: task.status,
    ...optional('completedBy', task.completedBy),
    ...optional('completedOn', task.completedOn),
    ...optional('cancelReason', task.cancelReason),
  }));
  const mentor = state?.mentor;
  const started = state?.plan.templateId ? state.plan : undefined;
  return {
    ...hire,
    asOf: asOf.toISOString(),
    eventsApplied: applied,
    lastRevision: last.revision,
    lastEventAt: last.at.toISOString(),
    stage: state ? stageOf(state, today) : 'registered',
    ...optional('registeredAt', registeredAt),
    ...optional('role', registration?.role),
    ...optional('team', registration?.team),
    ...optional('location', registration?.location),
    ...optional('startDate', state?.plan.startDate ?? registration?.startDate),
    ...optional('endDate', state?.plan.endDate),
    ...optional('template', started && { id: started.templateId, version: started.templateVersion }),
    mentor: mentor
      ? {
          status: mentor.status,
          asked: mentor.asked,
          ...optional('mentorRef', mentor.mentorRef),
          ...optional('answerDeadline', mentor.status === 'asked' ? mentor.answerDeadline : undefined),
        }
      : { status: 'searching', asked: [] },
    // An ended journey is on leave no more, whatever its plan last said: as the journey's view and the hires read model.
    ...optional('pausedSince', state?.outcome ? undefined : state?.plan.pausedSince),
    ...optional('lastWorkingDay', state?.leaving?.lastWorkingDay),
    tasks: {
      open: tasks.filter((task) => task.status === 'open'),
      done: tasks.filter((task) => task.status === 'done'),
      cancelled: tasks.filter((task) => task.status === 'cancelled'),
    },
    ...optional('outcome', state?.outcome),
  };
}
