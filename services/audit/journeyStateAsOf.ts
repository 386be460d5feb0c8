/**
 * The auditor's question "where did this hire's journey stand on that moment?", answered from the event store
 * alone: a pure fold over the hire's events up to an instant. No Temporal (the running journey only knows now),
 * no I/O, no clock.
 *
 * An event counts when it happened at or before `asOf`: `metadata.occurredAt`, else the time it was recorded.
 * The fold follows the journey's own rules (workflows/journeyState.ts, workflows/domain/schedule.ts) as far as
 * the events carry them:
 * - Tasks are the human items of the plan JourneyStarted lists (pre-boarding tasks, the welcome card,
 *   milestones, the survey phone follow-up) and the tasks the journey opened itself (TaskOpened,
 *   ExitInterviewRequested). Their titles are in the template, not in JourneyStarted: a reminder, an escalation
 *   or TaskOpened names them; until then `title` is absent.
 * - StartDateChanged re-dates every plan task as `moveStartDate` does: the later of (new start + offset + leave
 *   already taken, the day of the change). The offset is read off JourneyStarted as due date minus start date,
 *   so for a task clamped to its registration day (a hire registered late) it is too small: the same documented
 *   approximation as the open-tasks projection. Tasks the journey opened itself do not move.
 * - LeaveEnded moves every plan task due on or after the first day of leave by the days of leave (`resumePlan`).
 * - LearningLineChanged adds, drops or moves a milestone (`changePlan`).
 * Events of types it does not know are counted but change nothing, so newer writers never break an old auditor.
 */
import { type IsoDate, addDays, compareDates, daysBetween, isIsoDate, laterOf } from '../../workflows/domain/calendar';
import type { JourneyOutcome, JourneyStage, MentorView } from '../../workflows/hireJourneyContract';

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

/** Plan item kinds a person does (workflows/journeyState.ts HUMAN_KINDS). */
const HUMAN_KINDS: ReadonlySet<string> = new Set([
  'preboarding-task',
  'welcome-card',
  'milestone',
  'survey-phone-follow-up',
]);
const OUTCOMES: ReadonlySet<string> = new Set(['landed', 'left', 'withdrawn']);

interface TaskEntry extends AuditTask {
  readonly source: 'plan' | 'adhoc';
  /** Days from the start date, as far as the events tell. */
  readonly dueOffsetDays: number;
  readonly pauseShiftDays: number;
}

interface Fold {
  organisationId: string;
  hireId: string;
  registeredAt?: string;
  role?: string;
  team?: string;
  location?: string;
  startDate?: IsoDate;
  endDate?: IsoDate;
  template?: { id: string; version: number };
  started: boolean;
  mentor: JourneyStateAsOf['mentor'];
  pausedSince?: IsoDate;
  pauseDays: number;
  lastWorkingDay?: IsoDate;
  outcome?: JourneyOutcome;
  tasks: Map<string, TaskEntry>;
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
): JourneyStateAsOf | undefined {
  const state: Fold = {
    ...hire,
    started: false,
    mentor: { status: 'searching', asked: [] },
    pauseDays: 0,
    tasks: new Map(),
  };
  let applied = 0;
  let last: { revision: number; at: Date } | undefined;
  for (const event of events) {
    const at = eventInstant(event);
    if (at.getTime() > asOf.getTime()) continue;
    apply(state, event, at);
    applied += 1;
    last = { revision: Number(event.revision), at };
  }
  if (!last) return undefined;
  return view(state, asOf, applied, last);
}

/**
 * A hire the API acknowledged whose journey has not written its first event yet: registered since the moment the
 * API recorded it (services/api/registeredHires.ts), and nothing else known; undefined for a moment before that.
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

function apply(state: Fold, event: AuditEvent, at: Date): void {
  const data = event.data;
  const day = at.toISOString().slice(0, 10);
  const actor = text(event.metadata.actor);
  switch (event.type) {
    case 'HireRegistered':
      state.registeredAt = at.toISOString();
      state.role = text(data.role);
      state.team = text(data.team);
      state.location = text(data.location);
      state.startDate = date(data.startDate) ?? state.startDate;
      return;
    case 'JourneyStarted': {
      state.started = true;
      const startDate = date(data.startDate) ?? state.startDate;
      state.startDate = startDate;
      state.endDate = date(data.endDate) ?? state.endDate;
      const templateId = text(data.templateId);
      if (templateId && typeof data.templateVersion === 'number')
        state.template = { id: templateId, version: data.templateVersion };
      for (const item of Array.isArray(data.items) ? data.items : []) {
        const { id, kind, ownerRole, dueDate } = (item ?? {}) as Record<string, unknown>;
        const due = date(dueDate);
        if (typeof id !== 'string' || typeof kind !== 'string' || !HUMAN_KINDS.has(kind) || !due) continue;
        state.tasks.set(id, {
          itemId: id,
          kind,
          ownerRole: text(ownerRole) ?? null,
          dueDate: due,
          status: 'open',
          source: 'plan',
          dueOffsetDays: startDate ? daysBetween(startDate, due) : 0,
          pauseShiftDays: 0,
        });
      }
      return;
    }
    case 'StartDateChanged': {
      const to = date(data.to);
      if (!to) return;
      state.startDate = to;
      state.endDate = date(data.endDate) ?? state.endDate;
      for (const task of state.tasks.values()) {
        if (task.source !== 'plan') continue;
        update(state, task, { dueDate: laterOf(addDays(to, task.dueOffsetDays + task.pauseShiftDays), day) });
      }
      return;
    }
    case 'LeaveStarted':
      state.pausedSince = date(data.from) ?? day;
      return;
    case 'LeaveEnded': {
      const since = state.pausedSince;
      const until = date(data.until);
      state.pausedSince = undefined;
      state.endDate = date(data.endDate) ?? state.endDate;
      if (!since || !until) return;
      const days = Math.max(0, daysBetween(since, until));
      state.pauseDays += days;
      for (const task of state.tasks.values()) {
        if (task.source !== 'plan' || compareDates(task.dueDate, since) < 0) continue;
        update(state, task, { dueDate: addDays(task.dueDate, days), pauseShiftDays: task.pauseShiftDays + days });
      }
      return;
    }
    case 'LearningLineChanged':
      changeLearningLine(state, (data.change ?? {}) as Record<string, unknown>, day);
      return;
    case 'TaskOpened':
    case 'ExitInterviewRequested': {
      const itemId = text(data.itemId);
      const due = date(data.dueDate);
      if (!itemId || !due) return;
      const title = text(data.title) ?? (event.type === 'ExitInterviewRequested' ? 'Exitgesprek' : undefined);
      state.tasks.set(itemId, {
        itemId,
        kind: 'adhoc-task',
        ...(title ? { title } : {}),
        ownerRole: text(data.ownerRole) ?? null,
        dueDate: due,
        status: 'open',
        source: 'adhoc',
        dueOffsetDays: 0,
        pauseShiftDays: 0,
      });
      return;
    }
    case 'TaskReminderSent':
    case 'TaskEscalated': {
      const task = state.tasks.get(text(data.itemId) ?? '');
      const title = text(data.title);
      if (task && title && !task.title) update(state, task, { title });
      return;
    }
    case 'TaskCompleted':
    case 'MilestoneCompleted': {
      const task = state.tasks.get(text(data.itemId) ?? '');
      if (task) update(state, task, { status: 'done', ...(actor ? { completedBy: actor } : {}), completedOn: day });
      return;
    }
    case 'ExitInterviewHeld':
      for (const task of state.tasks.values()) {
        if (task.itemId === 'adhoc:exit-interview' && task.status === 'open') {
          update(state, task, { status: 'done', ...(actor ? { completedBy: actor } : {}), completedOn: day });
        }
      }
      return;
    case 'OpenTasksCancelled': {
      const reason = text(data.reason);
      for (const itemId of Array.isArray(data.itemIds) ? data.itemIds : []) {
        const task = state.tasks.get(String(itemId));
        if (task && task.status === 'open')
          update(state, task, { status: 'cancelled', ...(reason ? { cancelReason: reason } : {}) });
      }
      return;
    }
    case 'MentorRequested': {
      const mentorRef = text(data.mentorRef);
      if (!mentorRef) return;
      const answerDeadline = date(data.answerDeadline);
      state.mentor = {
        status: 'asked',
        asked: [...state.mentor.asked, mentorRef],
        ...(answerDeadline ? { answerDeadline } : {}),
      };
      return;
    }
    case 'MentorAccepted': {
      const mentorRef = text(data.mentorRef);
      state.mentor = { status: 'accepted', asked: state.mentor.asked, ...(mentorRef ? { mentorRef } : {}) };
      return;
    }
    case 'MentorDeclined':
    case 'MentorRequestExpired':
      state.mentor = { status: 'searching', asked: state.mentor.asked };
      return;
    case 'MentorNotFound':
      state.mentor = { status: 'none-available', asked: state.mentor.asked };
      return;
    case 'MentorshipEnded': {
      const { answerDeadline: _deadline, ...mentor } = state.mentor;
      state.mentor = { ...mentor, status: 'ended' };
      return;
    }
    case 'TerminationRegistered':
      state.lastWorkingDay = date(data.lastWorkingDay) ?? day;
      return;
    case 'JourneyEnded': {
      const outcome = text(data.outcome);
      if (outcome && OUTCOMES.has(outcome)) state.outcome = outcome as JourneyOutcome;
      if (state.mentor.status === 'asked') state.mentor = { status: 'ended', asked: state.mentor.asked };
      return;
    }
    default:
      return;
  }
}

function changeLearningLine(state: Fold, change: Record<string, unknown>, day: IsoDate): void {
  const start = state.startDate;
  switch (change.kind) {
    case 'add-milestone': {
      const milestone = (change.milestone ?? {}) as Record<string, unknown>;
      const id = text(milestone.id);
      const offset = typeof milestone.dueOffsetDays === 'number' ? milestone.dueOffsetDays : undefined;
      if (!id || offset === undefined || !start) return;
      const title = text(milestone.title);
      state.tasks.set(`milestone:${id}`, {
        itemId: `milestone:${id}`,
        kind: 'milestone',
        ...(title ? { title } : {}),
        ownerRole: text(milestone.responsibleRole) ?? null,
        dueDate: laterOf(addDays(start, offset + state.pauseDays), day),
        status: 'open',
        source: 'plan',
        dueOffsetDays: offset,
        pauseShiftDays: state.pauseDays,
      });
      return;
    }
    case 'drop-milestone':
      state.tasks.delete(`milestone:${String(change.milestoneId)}`);
      return;
    case 'move-milestone': {
      const task = state.tasks.get(`milestone:${String(change.milestoneId)}`);
      const offset = change.dueOffsetDays;
      if (!task || typeof offset !== 'number' || !start) return;
      update(state, task, {
        dueOffsetDays: offset,
        dueDate: laterOf(addDays(start, offset + task.pauseShiftDays), day),
      });
      return;
    }
    default:
      return;
  }
}

function update(state: Fold, task: TaskEntry, change: Partial<TaskEntry>): void {
  state.tasks.set(task.itemId, { ...task, ...change });
}

function view(state: Fold, asOf: Date, applied: number, last: { revision: number; at: Date }): JourneyStateAsOf {
  const today = asOf.toISOString().slice(0, 10);
  const tasks = [...state.tasks.values()]
    .sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.itemId.localeCompare(b.itemId))
    .map(({ source: _source, dueOffsetDays: _offset, pauseShiftDays: _shift, ...task }) => task);
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return {
    organisationId: state.organisationId,
    hireId: state.hireId,
    asOf: asOf.toISOString(),
    eventsApplied: applied,
    lastRevision: last.revision,
    lastEventAt: last.at.toISOString(),
    stage: stageOf(state, today),
    ...optional('registeredAt', state.registeredAt),
    ...optional('role', state.role),
    ...optional('team', state.team),
    ...optional('location', state.location),
    ...optional('startDate', state.startDate),
    ...optional('endDate', state.endDate),
    ...optional('template', state.template),
    mentor: state.mentor,
    ...optional('pausedSince', state.pausedSince),
    ...optional('lastWorkingDay', state.lastWorkingDay),
    tasks: {
      open: tasks.filter((task) => task.status === 'open'),
      done: tasks.filter((task) => task.status === 'done'),
      cancelled: tasks.filter((task) => task.status === 'cancelled'),
    },
    ...optional('outcome', state.outcome),
  };
}

/** As workflows/journeyState.ts stageOf, and `registered` before the journey started. */
function stageOf(state: Fold, today: IsoDate): JourneyStage {
  if (state.outcome) return 'ended';
  if (state.lastWorkingDay) return 'leaving';
  if (state.pausedSince) return 'on-leave';
  if (!state.started || !state.startDate) return 'registered';
  return compareDates(today, state.startDate) < 0 ? 'preboarding' : 'onboarding';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function date(value: unknown): IsoDate | undefined {
  return isIsoDate(value) ? value : undefined;
}
