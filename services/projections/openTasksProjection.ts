/**
 * `open_tasks`: the human tasks of every journey — pre-boarding tasks, the welcome card, learning-line milestones,
 * the survey phone follow-up, and the tasks the journey opens as it goes (find a mentor by hand, the exit
 * interview) — with owner, due date and status, for "my tasks" lists and a hire's task list.
 *
 * The table keeps finished tasks too (status done or cancelled), so one hire's list shows what happened; the
 * owner lists ask for status 'open'. Mail, survey and programme-end items are the system's, not tasks.
 *
 * Dates follow the journey's own rules (workflows/domain/schedule.ts) without the plan being in the events:
 * - JourneyStarted lists each item's id and due date but not its title nor its offset from the start date. Both
 *   are read from the template the journey started on: a published version (journeytemplate-* streams, folded
 *   here too) or a built-in default of the same id and version. For a template this projection cannot see, the
 *   title falls back to the item id (a reminder or escalation, which carry the title, then fixes it) and the
 *   offset to due date minus start date.
 * - StartDateChanged: due = later of (new start + offset + leave shift, the day of the change), which is
 *   `moveStartDate`. With an unknown template the offset of an item that had been clamped to its registration
 *   day (a hire registered late) is too small, so after a move that item comes due later than the journey
 *   says: the one documented approximation. Adhoc tasks do not move, as in the journey.
 * - LeaveEnded: every plan item due on or after the first leave day moves on by the days of leave (`resumePlan`).
 * - LearningLineChanged: add / drop / move a milestone as `changePlan` does.
 *
 * Owners: a role always; a person (ownerRef) where the journey knows one — mentor tasks belong to the mentor who
 * accepted (until the mentorship ends), manager tasks to the hire's manager when the registration recorded a
 * managerRef, the new hire's own tasks to the new hire (whose person reference is their hire id).
 */
import { type IsoDate, addDays, daysBetween, laterOf } from '../../workflows/domain/calendar';
import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import type { JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { buildPlan, milestoneItemId } from '../../workflows/domain/schedule';
import { EXIT_INTERVIEW_TASK_ID } from '../../workflows/journeyState';
import type { RecordedEvent } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import {
  type HireEventFacts,
  type Page,
  type PageRequest,
  decodeCursor,
  hireEventFacts,
  numberOr,
  pageLimit,
  text,
  toPage,
} from './eventFacts';
import { type Projection, type ReadModelDb, statementsFor } from './projection';

export const TEMPLATE_STREAM_PREFIX = 'journeytemplate-';

/** Plan item kinds a person does (journeyState.ts HUMAN_KINDS). */
const HUMAN_KINDS = new Set(['preboarding-task', 'welcome-card', 'milestone', 'survey-phone-follow-up']);
const EXIT_INTERVIEW_TITLE = 'Voer het exitgesprek en leg de vertrekredenen vast';

export type TaskStatus = 'open' | 'done' | 'cancelled';
export type CancelReason = 'withdrawn' | 'terminated' | 'journey-ended';

export interface TaskRow {
  readonly organisationId: string;
  readonly hireId: string;
  readonly itemId: string;
  /** A plan kind (preboarding-task, welcome-card, milestone, survey-phone-follow-up) or adhoc-task. */
  readonly kind: string;
  readonly title: string;
  readonly ownerRole: string;
  readonly ownerRef: string | null;
  readonly dueDate: IsoDate;
  readonly status: TaskStatus;
  readonly cancelReason: CancelReason | null;
  readonly remindedOn: IsoDate | null;
  readonly escalatedOn: IsoDate | null;
  readonly completedBy: string | null;
  readonly completedOn: IsoDate | null;
  readonly updatedAt: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS open_tasks (
    org              TEXT    NOT NULL,
    hire_id          TEXT    NOT NULL,
    item_id          TEXT    NOT NULL,
    source           TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    owner_role       TEXT    NOT NULL,
    owner_ref        TEXT,
    due_date         TEXT    NOT NULL,
    due_offset_days  INTEGER,
    pause_shift_days INTEGER NOT NULL DEFAULT 0,
    status           TEXT    NOT NULL,
    cancel_reason    TEXT,
    reminded_on      TEXT,
    escalated_on     TEXT,
    completed_by     TEXT,
    completed_on     TEXT,
    updated_at       TEXT    NOT NULL,
    PRIMARY KEY (org, hire_id, item_id)
  ) WITHOUT ROWID;
  -- Only open tasks are listed by owner: partial indexes stay small, and finishing a task just leaves them.
  CREATE INDEX IF NOT EXISTS open_tasks_by_owner ON open_tasks (org, owner_role, owner_ref, due_date, hire_id, item_id) WHERE status = 'open';
  CREATE INDEX IF NOT EXISTS open_tasks_by_role ON open_tasks (org, owner_role, due_date, hire_id, item_id) WHERE status = 'open';
  CREATE TABLE IF NOT EXISTS open_tasks_hires (
    org          TEXT    NOT NULL,
    hire_id      TEXT    NOT NULL,
    start_date   TEXT,
    manager_ref  TEXT,
    mentor_ref   TEXT,
    paused_since TEXT,
    pause_days   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (org, hire_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS open_tasks_templates (
    org              TEXT    NOT NULL,
    template_id      TEXT    NOT NULL,
    template_version INTEGER NOT NULL,
    item_id          TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    due_offset_days  INTEGER NOT NULL,
    PRIMARY KEY (org, template_id, template_version, item_id)
  ) WITHOUT ROWID;
`;

interface DbTask {
  org: string;
  hire_id: string;
  item_id: string;
  source: 'plan' | 'adhoc';
  kind: string;
  title: string;
  owner_role: string;
  owner_ref: string | null;
  due_date: string;
  due_offset_days: number | null;
  pause_shift_days: number;
  status: TaskStatus;
  cancel_reason: CancelReason | null;
  reminded_on: string | null;
  escalated_on: string | null;
  completed_by: string | null;
  completed_on: string | null;
  updated_at: string;
}

interface DbHire {
  start_date: string | null;
  manager_ref: string | null;
  mentor_ref: string | null;
  paused_since: string | null;
  pause_days: number;
}

interface TemplateItem {
  readonly title: string;
  readonly dueOffsetDays: number;
}

/** Item id → title and offset, as buildPlan lays a template out (the dates themselves do not matter here). */
function templateItems(template: JourneyTemplate): Map<string, TemplateItem> {
  const plan = buildPlan(template, '2000-01-01', '1999-01-01');
  return new Map(plan.items.map((item) => [item.id, { title: item.title, dueOffsetDays: item.dueOffsetDays }]));
}

const BUILT_IN = new Map(
  DEFAULT_TEMPLATES.map((template) => [`${template.id}@${template.version}`, templateItems(template)]),
);

const prepared = new WeakMap<ReadModelDb, ReturnType<typeof prepare>>();

const TASK_COLUMNS = [
  'org',
  'hire_id',
  'item_id',
  'source',
  'kind',
  'title',
  'owner_role',
  'owner_ref',
  'due_date',
  'due_offset_days',
  'pause_shift_days',
  'status',
  'cancel_reason',
  'reminded_on',
  'escalated_on',
  'completed_by',
  'completed_on',
  'updated_at',
] as const;
const HIRE_COLUMNS = [
  'org',
  'hire_id',
  'start_date',
  'manager_ref',
  'mentor_ref',
  'paused_since',
  'pause_days',
] as const;

/** A whole row, inserted or (every column but the key) overwritten. */
function writeRow(table: string, columns: readonly string[], keyLength: number): string {
  return (
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${columns.slice(0, keyLength).join(', ')}) DO UPDATE SET ` +
    columns
      .slice(keyLength)
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')
  );
}

function prepare(db: ReadModelDb) {
  return {
    hire: db.prepare<[string, string], DbHire>(
      `SELECT start_date, manager_ref, mentor_ref, paused_since, pause_days FROM open_tasks_hires WHERE org = ? AND hire_id = ?`,
    ),
    tasksOfHire: db.prepare<[string, string], DbTask>(`SELECT * FROM open_tasks WHERE org = ? AND hire_id = ?`),
    writeHire: db.prepare<unknown[]>(writeRow('open_tasks_hires', HIRE_COLUMNS, 2)),
    writeTask: db.prepare<unknown[]>(writeRow('open_tasks', TASK_COLUMNS, 3)),
    dropTask: db.prepare<[string, string, string]>(
      `DELETE FROM open_tasks WHERE org = ? AND hire_id = ? AND item_id = ?`,
    ),
    templateItems: db.prepare<[string, string, number], { item_id: string; title: string; due_offset_days: number }>(
      `SELECT item_id, title, due_offset_days FROM open_tasks_templates WHERE org = ? AND template_id = ? AND template_version = ?`,
    ),
    saveTemplateItem: db.prepare(
      `INSERT OR REPLACE INTO open_tasks_templates (org, template_id, template_version, item_id, title, due_offset_days)
       VALUES (@org, @templateId, @templateVersion, @itemId, @title, @dueOffsetDays)`,
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

function statements(db: ReadModelDb): Statements {
  return statementsFor(prepared, db, prepare);
}

interface NewTask {
  readonly itemId: string;
  readonly source: 'plan' | 'adhoc';
  readonly kind: string;
  readonly title: string;
  readonly ownerRole: string;
  readonly ownerRef: string | null;
  readonly dueDate: string;
  readonly dueOffsetDays: number | null;
  readonly pauseShiftDays: number;
}

/**
 * One hire's rows (its open_tasks_hires row and every task) as a batch sees them: read once, on the batch's first
 * event of the hire that concerns tasks, changed in memory as the statements of one event at a time would change
 * them, and written back, the rows that changed, once at the batch's end. A journey writes tens of events per
 * hire, mostly in one batch: one write per changed row instead of a statement per event.
 */
class HireTasks {
  hire: DbHire | undefined;
  private hireChanged = false;
  private readonly tasks: Map<string, DbTask>;
  /** Item ids whose row changed or went: written (or deleted) at the end. */
  private readonly changed = new Set<string>();

  constructor(
    readonly org: string,
    readonly hireId: string,
    s: Statements,
  ) {
    this.hire = s.hire.get(org, hireId);
    this.tasks = new Map(s.tasksOfHire.all(org, hireId).map((task) => [task.item_id, task]));
  }

  /** INSERT, or keep what the registration does not say (COALESCE). */
  register(startDate: string | null, managerRef: string | null): void {
    if (this.hire) {
      this.hire.start_date = startDate ?? this.hire.start_date;
      this.hire.manager_ref = managerRef ?? this.hire.manager_ref;
    } else {
      this.hire = {
        start_date: startDate,
        manager_ref: managerRef,
        mentor_ref: null,
        paused_since: null,
        pause_days: 0,
      };
    }
    this.hireChanged = true;
  }

  /** UPDATE of one column: nothing without a row. */
  setHire(column: 'start_date' | 'mentor_ref' | 'paused_since', value: string | null): void {
    if (!this.hire) return;
    this.hire[column] = value;
    this.hireChanged = true;
  }

  leaveEnded(days: number): void {
    if (!this.hire) return;
    this.hire.paused_since = null;
    this.hire.pause_days += days;
    this.hireChanged = true;
  }

  task(itemId: string): DbTask | undefined {
    return this.tasks.get(itemId);
  }

  /** The plan's tasks (not the ad-hoc ones), whatever their status. */
  planTasks(): DbTask[] {
    return [...this.tasks.values()].filter((task) => task.source === 'plan');
  }

  /** INSERT, or reopen and overwrite all but the reminder and escalation days. */
  upsert(task: NewTask, at: string): void {
    const existing = this.tasks.get(task.itemId);
    if (existing) {
      existing.source = task.source;
      existing.kind = task.kind;
      existing.title = task.title;
      existing.owner_role = task.ownerRole;
      existing.owner_ref = task.ownerRef;
      existing.due_date = task.dueDate;
      existing.due_offset_days = task.dueOffsetDays;
      existing.pause_shift_days = task.pauseShiftDays;
      existing.status = 'open';
      existing.cancel_reason = null;
      existing.completed_by = null;
      existing.completed_on = null;
      existing.updated_at = at;
    } else {
      this.tasks.set(task.itemId, {
        org: this.org,
        hire_id: this.hireId,
        item_id: task.itemId,
        source: task.source,
        kind: task.kind,
        title: task.title,
        owner_role: task.ownerRole,
        owner_ref: task.ownerRef,
        due_date: task.dueDate,
        due_offset_days: task.dueOffsetDays,
        pause_shift_days: task.pauseShiftDays,
        status: 'open',
        cancel_reason: null,
        reminded_on: null,
        escalated_on: null,
        completed_by: null,
        completed_on: null,
        updated_at: at,
      });
    }
    this.changed.add(task.itemId);
  }

  redate(task: DbTask, dueDate: IsoDate, dueOffsetDays: number | null, pauseShiftDays: number, at: string): void {
    task.due_date = dueDate;
    task.due_offset_days = dueOffsetDays;
    task.pause_shift_days = pauseShiftDays;
    task.updated_at = at;
    this.changed.add(task.item_id);
  }

  /** An open task done; a finished or unknown one stays as it is. */
  complete(itemId: string, actor: string | null, day: string, at: string): void {
    const task = this.tasks.get(itemId);
    if (task?.status !== 'open') return;
    task.status = 'done';
    task.completed_by = actor;
    task.completed_on = day;
    task.updated_at = at;
    this.changed.add(itemId);
  }

  cancel(itemId: string, reason: string | null, at: string): void {
    const task = this.tasks.get(itemId);
    if (task?.status !== 'open') return;
    task.status = 'cancelled';
    task.cancel_reason = reason as CancelReason | null;
    task.updated_at = at;
    this.changed.add(itemId);
  }

  cancelAllOpen(reason: CancelReason, at: string): void {
    for (const task of this.tasks.values()) if (task.status === 'open') this.cancel(task.item_id, reason, at);
  }

  drop(itemId: string): void {
    if (this.tasks.delete(itemId)) this.changed.add(itemId);
  }

  nudged(column: 'reminded_on' | 'escalated_on', itemId: string, day: string, title: string | null, at: string): void {
    const task = this.tasks.get(itemId);
    if (!task) return;
    task[column] = day;
    task.title = title ?? task.title;
    task.updated_at = at;
    this.changed.add(itemId);
  }

  /** The person holding the open tasks of a role. */
  ownerRefOfRole(role: string, ref: string | null, at: string): void {
    for (const task of this.tasks.values()) {
      if (task.owner_role !== role || task.status !== 'open') continue;
      task.owner_ref = ref;
      task.updated_at = at;
      this.changed.add(task.item_id);
    }
  }

  write(s: Statements): void {
    if (this.hireChanged && this.hire) {
      const h = this.hire;
      s.writeHire.run(this.org, this.hireId, h.start_date, h.manager_ref, h.mentor_ref, h.paused_since, h.pause_days);
    }
    for (const itemId of this.changed) {
      const t = this.tasks.get(itemId);
      if (!t) {
        s.dropTask.run(this.org, this.hireId, itemId);
        continue;
      }
      s.writeTask.run(
        t.org,
        t.hire_id,
        t.item_id,
        t.source,
        t.kind,
        t.title,
        t.owner_role,
        t.owner_ref,
        t.due_date,
        t.due_offset_days,
        t.pause_shift_days,
        t.status,
        t.cancel_reason,
        t.reminded_on,
        t.escalated_on,
        t.completed_by,
        t.completed_on,
        t.updated_at,
      );
    }
    this.hireChanged = false;
    this.changed.clear();
  }
}

/** The hires a batch has touched, by org and hire id; set by beginBatch, written and dropped by endBatch. */
const batches = new WeakMap<ReadModelDb, Map<string, HireTasks>>();

/** Hire events that change this projection's rows; the others are not worth reading a hire for. */
const HANDLED = new Set([
  'HireRegistered',
  'JourneyStarted',
  'TaskOpened',
  'ExitInterviewRequested',
  'TaskCompleted',
  'MilestoneCompleted',
  'ExitInterviewHeld',
  'OpenTasksCancelled',
  'JourneyEnded',
  'TaskReminderSent',
  'TaskEscalated',
  'MentorAccepted',
  'MentorshipEnded',
  'StartDateChanged',
  'LeaveStarted',
  'LeaveEnded',
  'LearningLineChanged',
]);

export const openTasksProjection: Projection = {
  name: 'open_tasks',
  // 2: new-hire tasks carry the new hire as their owner (the hire id).
  version: 2,
  streamPrefixes: [HIRE_STREAM_PREFIX, TEMPLATE_STREAM_PREFIX],
  tables: ['open_tasks', 'open_tasks_hires', 'open_tasks_templates'],
  setup(db) {
    db.exec(SCHEMA);
    templateCache.delete(db);
  },
  beginBatch(db) {
    // Whatever a failed batch left behind was rolled back with it: forget it.
    batches.set(db, new Map());
  },
  endBatch(db) {
    const hires = batches.get(db);
    batches.delete(db);
    if (!hires || hires.size === 0) return;
    const s = statements(db);
    for (const hire of hires.values()) hire.write(s);
  },
  apply(db, event) {
    const s = statements(db);
    if (event.streamName.startsWith(TEMPLATE_STREAM_PREFIX)) {
      if (event.type === 'JourneyTemplatePublished') rememberTemplate(db, s, event);
      return;
    }
    if (!HANDLED.has(event.type)) return;
    const facts = hireEventFacts(event);
    if (!facts) return;
    const hires = batches.get(db);
    if (!hires) {
      // Outside a batch: read, change and write this one event's hire at once.
      const hire = new HireTasks(facts.organisationId, facts.hireId, s);
      applyHireEvent(db, s, hire, facts, event);
      hire.write(s);
      return;
    }
    const key = `${facts.organisationId}\u0000${facts.hireId}`;
    let hire = hires.get(key);
    if (!hire) hires.set(key, (hire = new HireTasks(facts.organisationId, facts.hireId, s)));
    applyHireEvent(db, s, hire, facts, event);
  },
};

function rememberTemplate(db: ReadModelDb, s: Statements, event: RecordedEvent): void {
  const template = event.data as unknown as JourneyTemplate;
  let items: Map<string, TemplateItem>;
  try {
    items = templateItems(template);
  } catch {
    return; // a template the plan cannot lay out: its journeys fall back to ids and due dates
  }
  for (const [itemId, item] of items) {
    s.saveTemplateItem.run({
      org: template.organisationId,
      templateId: template.id,
      templateVersion: template.version,
      itemId,
      title: item.title,
      dueOffsetDays: item.dueOffsetDays,
    });
  }
  templateCache.delete(db);
}

function applyHireEvent(
  db: ReadModelDb,
  s: Statements,
  h: HireTasks,
  facts: HireEventFacts,
  event: RecordedEvent,
): void {
  const d = event.data;
  const at = facts.occurredAt;

  switch (event.type) {
    case 'HireRegistered':
      h.register(text(d.startDate) ?? null, text(d.managerRef) ?? null);
      return;

    case 'JourneyStarted': {
      const startDate = text(d.startDate);
      h.register(startDate ?? null, null);
      const of = h.hire;
      const templateId = text(d.templateId);
      const templateVersion = numberOr(d.templateVersion, 0);
      const items = Array.isArray(d.items) ? (d.items as Record<string, unknown>[]) : [];
      for (const item of items) {
        const itemId = text(item.id);
        const kind = text(item.kind);
        const ownerRole = text(item.ownerRole);
        const dueDate = text(item.dueDate);
        if (!itemId || !kind || !ownerRole || !dueDate || !HUMAN_KINDS.has(kind)) continue;
        const known = templateId
          ? templateItem(db, s, facts.organisationId, templateId, templateVersion, itemId)
          : undefined;
        h.upsert(
          {
            itemId,
            source: 'plan',
            kind,
            title: text(item.title) ?? known?.title ?? itemId,
            ownerRole,
            ownerRef: ownerRefOf(ownerRole, of, facts.hireId),
            dueDate,
            dueOffsetDays:
              typeof item.dueOffsetDays === 'number'
                ? item.dueOffsetDays
                : (known?.dueOffsetDays ?? (startDate ? daysBetween(startDate, dueDate) : null)),
            pauseShiftDays: 0,
          },
          at,
        );
      }
      return;
    }

    case 'TaskOpened':
    case 'ExitInterviewRequested': {
      const itemId = text(d.itemId) ?? (event.type === 'ExitInterviewRequested' ? EXIT_INTERVIEW_TASK_ID : undefined);
      if (!itemId) return;
      const ownerRole = text(d.ownerRole) ?? 'hr';
      h.upsert(
        {
          itemId,
          source: 'adhoc',
          kind: 'adhoc-task',
          title: text(d.title) ?? (itemId === EXIT_INTERVIEW_TASK_ID ? EXIT_INTERVIEW_TITLE : itemId),
          ownerRole,
          ownerRef: ownerRefOf(ownerRole, h.hire, facts.hireId),
          dueDate: text(d.dueDate) ?? facts.day,
          dueOffsetDays: null,
          pauseShiftDays: 0,
        },
        at,
      );
      return;
    }

    case 'TaskCompleted':
    case 'MilestoneCompleted':
      h.complete(text(d.itemId) ?? '', facts.actor, facts.day, at);
      return;

    case 'ExitInterviewHeld':
      h.complete(EXIT_INTERVIEW_TASK_ID, facts.actor, facts.day, at);
      return;

    case 'OpenTasksCancelled': {
      const reason = text(d.reason) ?? null;
      const itemIds = Array.isArray(d.itemIds) ? d.itemIds : [];
      for (const itemId of itemIds) if (typeof itemId === 'string') h.cancel(itemId, reason, at);
      return;
    }

    case 'JourneyEnded':
      // Nobody can complete a task of an ended journey; what was still open no longer is.
      h.cancelAllOpen('journey-ended', at);
      return;

    case 'TaskReminderSent':
    case 'TaskEscalated':
      h.nudged(
        event.type === 'TaskReminderSent' ? 'reminded_on' : 'escalated_on',
        text(d.itemId) ?? '',
        facts.day,
        text(d.title) ?? null,
        at,
      );
      return;

    case 'MentorAccepted': {
      const mentorRef = text(d.mentorRef) ?? null;
      h.setHire('mentor_ref', mentorRef);
      h.ownerRefOfRole('mentor', mentorRef, at);
      return;
    }

    case 'MentorshipEnded':
      h.setHire('mentor_ref', null);
      h.ownerRefOfRole('mentor', null, at);
      return;

    case 'StartDateChanged': {
      const to = text(d.to);
      if (!to) return;
      h.setHire('start_date', to);
      for (const task of h.planTasks()) {
        if (task.status !== 'open') continue;
        const offset = task.due_offset_days ?? daysBetween(text(d.from) ?? to, task.due_date);
        h.redate(
          task,
          laterOf(addDays(to, offset + task.pause_shift_days), facts.day),
          offset,
          task.pause_shift_days,
          at,
        );
      }
      return;
    }

    case 'LeaveStarted':
      h.setHire('paused_since', text(d.from) ?? facts.day);
      return;

    case 'LeaveEnded': {
      const since = h.hire?.paused_since;
      const until = text(d.until);
      if (!since || !until) return;
      const days = daysBetween(since, until);
      if (days < 0) return;
      h.leaveEnded(days);
      for (const task of h.planTasks()) {
        if (task.due_date < since) continue;
        h.redate(task, addDays(task.due_date, days), task.due_offset_days, task.pause_shift_days + days, at);
      }
      return;
    }

    case 'LearningLineChanged':
      changeLearningLine(h, facts, d.change);
      return;

    default:
      return;
  }
}

/** Templates as their journeys look them up, per read-model connection; emptied whenever the tables are (re)made. */
const templateCache = new WeakMap<ReadModelDb, Map<string, Map<string, TemplateItem> | undefined>>();

function ownerRefOf(role: string, of: DbHire | undefined, hireId: string): string | null {
  if (role === 'new-hire') return hireId;
  return role === 'mentor' ? (of?.mentor_ref ?? null) : role === 'manager' ? (of?.manager_ref ?? null) : null;
}

function templateItem(
  db: ReadModelDb,
  s: Statements,
  org: string,
  templateId: string,
  version: number,
  itemId: string,
): TemplateItem | undefined {
  let cache = templateCache.get(db);
  if (!cache) templateCache.set(db, (cache = new Map()));
  const key = `${org}\u0000${templateId}\u0000${version}`;
  if (!cache.has(key)) {
    const published = s.templateItems.all(org, templateId, version);
    cache.set(
      key,
      published.length > 0
        ? new Map(published.map((row) => [row.item_id, { title: row.title, dueOffsetDays: row.due_offset_days }]))
        : BUILT_IN.get(`${templateId}@${version}`),
    );
  }
  return cache.get(key)?.get(itemId);
}

function changeLearningLine(h: HireTasks, facts: HireEventFacts, change: unknown): void {
  if (typeof change !== 'object' || change === null) return;
  const c = change as Record<string, unknown>;
  const hire = h.hire;
  const startDate = hire?.start_date;
  const at = facts.occurredAt;
  switch (c.kind) {
    case 'add-milestone': {
      const milestone = (c.milestone ?? {}) as Record<string, unknown>;
      const id = text(milestone.id);
      const ownerRole = text(milestone.responsibleRole);
      if (!id || !ownerRole || !startDate) return;
      const offset = numberOr(milestone.dueOffsetDays, 0);
      const pauseShiftDays = hire?.pause_days ?? 0;
      h.upsert(
        {
          itemId: milestoneItemId(id),
          source: 'plan',
          kind: 'milestone',
          title: text(milestone.title) ?? milestoneItemId(id),
          ownerRole,
          ownerRef: ownerRefOf(ownerRole, hire, facts.hireId),
          dueDate: laterOf(addDays(startDate, offset + pauseShiftDays), facts.day),
          dueOffsetDays: offset,
          pauseShiftDays,
        },
        at,
      );
      return;
    }
    case 'drop-milestone': {
      const id = text(c.milestoneId);
      if (id) h.drop(milestoneItemId(id));
      return;
    }
    case 'move-milestone': {
      const id = text(c.milestoneId);
      if (!id || !startDate || typeof c.dueOffsetDays !== 'number') return;
      const task = h.task(milestoneItemId(id));
      if (!task) return;
      const dueDate = laterOf(addDays(startDate, c.dueOffsetDays + task.pause_shift_days), facts.day);
      h.redate(task, dueDate, c.dueOffsetDays, task.pause_shift_days, at);
      return;
    }
    default:
      return;
  }
}

// ---- queries ----

export interface TaskOwner {
  readonly ownerRole: string;
  /** Only this person's tasks; omitted: every task of the role, whoever holds it. */
  readonly ownerRef?: string;
}

/** An organisation's open tasks for one owner role (and person), soonest due first; keyset-paged. */
export function openTasksForOwner(
  db: ReadModelDb,
  organisationId: string,
  owner: TaskOwner,
  page: PageRequest = {},
): Page<TaskRow> {
  const limit = pageLimit(page);
  const conditions = [`org = @org`, `status = 'open'`, `owner_role = @ownerRole`];
  const params: Record<string, unknown> = { org: organisationId, ownerRole: owner.ownerRole, limit: limit + 1 };
  if (owner.ownerRef !== undefined) {
    conditions.push(`owner_ref = @ownerRef`);
    params.ownerRef = owner.ownerRef;
  }
  if (page.after) {
    const [dueDate, hireId, itemId] = decodeCursor(page.after, 3);
    conditions.push(`(due_date, hire_id, item_id) > (@afterDue, @afterHire, @afterItem)`);
    Object.assign(params, { afterDue: dueDate, afterHire: hireId, afterItem: itemId });
  }
  const rows = db
    .prepare<[Record<string, unknown>], DbTask>(
      `SELECT * FROM open_tasks WHERE ${conditions.join(' AND ')} ORDER BY due_date, hire_id, item_id LIMIT @limit`,
    )
    .all(params);
  return toPage(rows, limit, toTaskRow, (row) => [row.due_date, row.hire_id, row.item_id]);
}

/** Every task of one hire, whatever its status, by due date. */
export function tasksOfHire(db: ReadModelDb, organisationId: string, hireId: string): TaskRow[] {
  return db
    .prepare<[string, string], DbTask>(
      `SELECT * FROM open_tasks WHERE org = ? AND hire_id = ? ORDER BY due_date, item_id`,
    )
    .all(organisationId, hireId)
    .map(toTaskRow);
}

function toTaskRow(row: DbTask): TaskRow {
  return {
    organisationId: row.org,
    hireId: row.hire_id,
    itemId: row.item_id,
    kind: row.kind,
    title: row.title,
    ownerRole: row.owner_role,
    ownerRef: row.owner_ref,
    dueDate: row.due_date,
    status: row.status,
    cancelReason: row.cancel_reason,
    remindedOn: row.reminded_on,
    escalatedOn: row.escalated_on,
    completedBy: row.completed_by,
    completedOn: row.completed_on,
    updatedAt: row.updated_at,
  };
}
