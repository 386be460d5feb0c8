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
 * managerRef (HireRegistered does not carry one yet: null until it does).
 */
import { type IsoDate, addDays, daysBetween, laterOf } from '../../workflows/domain/calendar';
import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import type { JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { buildPlan, milestoneItemId } from '../../workflows/domain/schedule';
import { EXIT_INTERVIEW_TASK_ID } from '../../workflows/journeyState';
import type { RecordedEvent } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import { type HireEventFacts, type Page, type PageRequest, decodeCursor, hireEventFacts, numberOr, pageLimit, text, toPage } from './eventFacts';
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

const BUILT_IN = new Map(DEFAULT_TEMPLATES.map((template) => [`${template.id}@${template.version}`, templateItems(template)]));

const prepared = new WeakMap<ReadModelDb, ReturnType<typeof prepare>>();

function prepare(db: ReadModelDb) {
  const setHire = (column: 'start_date' | 'mentor_ref' | 'paused_since') =>
    db.prepare(`UPDATE open_tasks_hires SET ${column} = @value WHERE org = @org AND hire_id = @hireId`);
  const nudged = (column: 'reminded_on' | 'escalated_on') =>
    db.prepare(
      `UPDATE open_tasks SET ${column} = @day, title = COALESCE(@title, title), updated_at = @at
       WHERE org = @org AND hire_id = @hireId AND item_id = @itemId`,
    );
  return {
    hire: db.prepare<[string, string], DbHire>(
      `SELECT start_date, manager_ref, mentor_ref, paused_since, pause_days FROM open_tasks_hires WHERE org = ? AND hire_id = ?`,
    ),
    registerHire: db.prepare(
      `INSERT INTO open_tasks_hires (org, hire_id, start_date, manager_ref) VALUES (@org, @hireId, @startDate, @managerRef)
       ON CONFLICT (org, hire_id) DO UPDATE SET start_date = COALESCE(excluded.start_date, start_date),
         manager_ref = COALESCE(excluded.manager_ref, manager_ref)`,
    ),
    setStartDate: setHire('start_date'),
    setMentorRef: setHire('mentor_ref'),
    setPausedSince: setHire('paused_since'),
    leaveEnded: db.prepare(
      `UPDATE open_tasks_hires SET paused_since = NULL, pause_days = pause_days + @days WHERE org = @org AND hire_id = @hireId`,
    ),
    templateItems: db.prepare<[string, string, number], { item_id: string; title: string; due_offset_days: number }>(
      `SELECT item_id, title, due_offset_days FROM open_tasks_templates WHERE org = ? AND template_id = ? AND template_version = ?`,
    ),
    saveTemplateItem: db.prepare(
      `INSERT OR REPLACE INTO open_tasks_templates (org, template_id, template_version, item_id, title, due_offset_days)
       VALUES (@org, @templateId, @templateVersion, @itemId, @title, @dueOffsetDays)`,
    ),
    upsertTask: db.prepare(
      `INSERT INTO open_tasks (org, hire_id, item_id, source, kind, title, owner_role, owner_ref, due_date, due_offset_days,
         pause_shift_days, status, updated_at)
       VALUES (@org, @hireId, @itemId, @source, @kind, @title, @ownerRole, @ownerRef, @dueDate, @dueOffsetDays, @pauseShiftDays, 'open', @at)
       ON CONFLICT (org, hire_id, item_id) DO UPDATE SET source = excluded.source, kind = excluded.kind, title = excluded.title,
         owner_role = excluded.owner_role, owner_ref = excluded.owner_ref, due_date = excluded.due_date,
         due_offset_days = excluded.due_offset_days, pause_shift_days = excluded.pause_shift_days, status = 'open',
         cancel_reason = NULL, completed_by = NULL, completed_on = NULL, updated_at = excluded.updated_at`,
    ),
    task: db.prepare<[string, string, string], DbTask>(`SELECT * FROM open_tasks WHERE org = ? AND hire_id = ? AND item_id = ?`),
    planTasks: db.prepare<[string, string], DbTask>(`SELECT * FROM open_tasks WHERE org = ? AND hire_id = ? AND source = 'plan'`),
    redate: db.prepare(
      `UPDATE open_tasks SET due_date = @dueDate, due_offset_days = @dueOffsetDays, pause_shift_days = @pauseShiftDays, updated_at = @at
       WHERE org = @org AND hire_id = @hireId AND item_id = @itemId`,
    ),
    complete: db.prepare(
      `UPDATE open_tasks SET status = 'done', completed_by = @actor, completed_on = @day, updated_at = @at
       WHERE org = @org AND hire_id = @hireId AND item_id = @itemId AND status = 'open'`,
    ),
    cancel: db.prepare(
      `UPDATE open_tasks SET status = 'cancelled', cancel_reason = @reason, updated_at = @at
       WHERE org = @org AND hire_id = @hireId AND item_id = @itemId AND status = 'open'`,
    ),
    cancelAllOpen: db.prepare(
      `UPDATE open_tasks SET status = 'cancelled', cancel_reason = @reason, updated_at = @at
       WHERE org = @org AND hire_id = @hireId AND status = 'open'`,
    ),
    drop: db.prepare(`DELETE FROM open_tasks WHERE org = @org AND hire_id = @hireId AND item_id = @itemId`),
    reminded: nudged('reminded_on'),
    escalated: nudged('escalated_on'),
    ownerRefOfRole: db.prepare(
      `UPDATE open_tasks SET owner_ref = @ref, updated_at = @at
       WHERE org = @org AND hire_id = @hireId AND owner_role = @role AND status = 'open'`,
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

function statements(db: ReadModelDb): Statements {
  return statementsFor(prepared, db, prepare);
}

export const openTasksProjection: Projection = {
  name: 'open_tasks',
  version: 1,
  streamPrefixes: [HIRE_STREAM_PREFIX, TEMPLATE_STREAM_PREFIX],
  tables: ['open_tasks', 'open_tasks_hires', 'open_tasks_templates'],
  setup(db) {
    db.exec(SCHEMA);
    templateCache.delete(db);
  },
  apply(db, event) {
    const s = statements(db);
    if (event.streamName.startsWith(TEMPLATE_STREAM_PREFIX)) {
      if (event.type === 'JourneyTemplatePublished') rememberTemplate(db, s, event);
      return;
    }
    const facts = hireEventFacts(event);
    if (facts) applyHireEvent(db, s, facts, event);
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

function applyHireEvent(db: ReadModelDb, s: Statements, facts: HireEventFacts, event: RecordedEvent): void {
  const d = event.data;
  const key = { org: facts.organisationId, hireId: facts.hireId, at: facts.occurredAt };
  const hire = (): DbHire | undefined => s.hire.get(facts.organisationId, facts.hireId);

  switch (event.type) {
    case 'HireRegistered':
      s.registerHire.run({ ...key, startDate: text(d.startDate) ?? null, managerRef: text(d.managerRef) ?? null });
      return;

    case 'JourneyStarted': {
      const startDate = text(d.startDate);
      s.registerHire.run({ ...key, startDate: startDate ?? null, managerRef: null });
      const of = hire();
      const templateId = text(d.templateId);
      const templateVersion = numberOr(d.templateVersion, 0);
      const items = Array.isArray(d.items) ? (d.items as Record<string, unknown>[]) : [];
      for (const item of items) {
        const itemId = text(item.id);
        const kind = text(item.kind);
        const ownerRole = text(item.ownerRole);
        const dueDate = text(item.dueDate);
        if (!itemId || !kind || !ownerRole || !dueDate || !HUMAN_KINDS.has(kind)) continue;
        const known = templateId ? templateItem(db, s, facts.organisationId, templateId, templateVersion, itemId) : undefined;
        s.upsertTask.run({
          ...key,
          itemId,
          source: 'plan',
          kind,
          title: text(item.title) ?? known?.title ?? itemId,
          ownerRole,
          ownerRef: ownerRefOf(ownerRole, of),
          dueDate,
          dueOffsetDays: typeof item.dueOffsetDays === 'number' ? item.dueOffsetDays : known?.dueOffsetDays ?? (startDate ? daysBetween(startDate, dueDate) : null),
          pauseShiftDays: 0,
        });
      }
      return;
    }

    case 'TaskOpened':
    case 'ExitInterviewRequested': {
      const itemId = text(d.itemId) ?? (event.type === 'ExitInterviewRequested' ? EXIT_INTERVIEW_TASK_ID : undefined);
      if (!itemId) return;
      const ownerRole = text(d.ownerRole) ?? 'hr';
      s.upsertTask.run({
        ...key,
        itemId,
        source: 'adhoc',
        kind: 'adhoc-task',
        title: text(d.title) ?? (itemId === EXIT_INTERVIEW_TASK_ID ? EXIT_INTERVIEW_TITLE : itemId),
        ownerRole,
        ownerRef: ownerRefOf(ownerRole, hire()),
        dueDate: text(d.dueDate) ?? facts.day,
        dueOffsetDays: null,
        pauseShiftDays: 0,
      });
      return;
    }

    case 'TaskCompleted':
    case 'MilestoneCompleted':
      s.complete.run({ ...key, itemId: text(d.itemId) ?? '', actor: facts.actor, day: facts.day });
      return;

    case 'ExitInterviewHeld':
      s.complete.run({ ...key, itemId: EXIT_INTERVIEW_TASK_ID, actor: facts.actor, day: facts.day });
      return;

    case 'OpenTasksCancelled': {
      const reason = text(d.reason) ?? null;
      const itemIds = Array.isArray(d.itemIds) ? d.itemIds : [];
      for (const itemId of itemIds) if (typeof itemId === 'string') s.cancel.run({ ...key, itemId, reason });
      return;
    }

    case 'JourneyEnded':
      // Nobody can complete a task of an ended journey; what was still open no longer is.
      s.cancelAllOpen.run({ ...key, reason: 'journey-ended' });
      return;

    case 'TaskReminderSent':
    case 'TaskEscalated': {
      const statement = event.type === 'TaskReminderSent' ? s.reminded : s.escalated;
      statement.run({ ...key, itemId: text(d.itemId) ?? '', day: facts.day, title: text(d.title) ?? null });
      return;
    }

    case 'MentorAccepted': {
      const mentorRef = text(d.mentorRef) ?? null;
      s.setMentorRef.run({ ...key, value: mentorRef });
      s.ownerRefOfRole.run({ ...key, role: 'mentor', ref: mentorRef });
      return;
    }

    case 'MentorshipEnded':
      s.setMentorRef.run({ ...key, value: null });
      s.ownerRefOfRole.run({ ...key, role: 'mentor', ref: null });
      return;

    case 'StartDateChanged': {
      const to = text(d.to);
      if (!to) return;
      s.setStartDate.run({ ...key, value: to });
      for (const task of s.planTasks.all(facts.organisationId, facts.hireId)) {
        if (task.status !== 'open') continue;
        const offset = task.due_offset_days ?? daysBetween(text(d.from) ?? to, task.due_date);
        redate(s, key, task, laterOf(addDays(to, offset + task.pause_shift_days), facts.day), offset, task.pause_shift_days);
      }
      return;
    }

    case 'LeaveStarted':
      s.setPausedSince.run({ ...key, value: text(d.from) ?? facts.day });
      return;

    case 'LeaveEnded': {
      const since = hire()?.paused_since;
      const until = text(d.until);
      if (!since || !until) return;
      const days = daysBetween(since, until);
      if (days < 0) return;
      s.leaveEnded.run({ ...key, days });
      for (const task of s.planTasks.all(facts.organisationId, facts.hireId)) {
        if (task.due_date < since) continue;
        redate(s, key, task, addDays(task.due_date, days), task.due_offset_days, task.pause_shift_days + days);
      }
      return;
    }

    case 'LearningLineChanged':
      changeLearningLine(s, facts, key, d.change, hire());
      return;

    default:
      return;
  }
}

/** Templates as their journeys look them up, per read-model connection; emptied whenever the tables are (re)made. */
const templateCache = new WeakMap<ReadModelDb, Map<string, Map<string, TemplateItem> | undefined>>();

function ownerRefOf(role: string, of: DbHire | undefined): string | null {
  return role === 'mentor' ? of?.mentor_ref ?? null : role === 'manager' ? of?.manager_ref ?? null : null;
}

function templateItem(db: ReadModelDb, s: Statements, org: string, templateId: string, version: number, itemId: string): TemplateItem | undefined {
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

function redate(
  s: Statements,
  key: { org: string; hireId: string; at: string },
  task: DbTask,
  dueDate: IsoDate,
  dueOffsetDays: number | null,
  pauseShiftDays: number,
): void {
  s.redate.run({ ...key, itemId: task.item_id, dueDate, dueOffsetDays, pauseShiftDays });
}

function changeLearningLine(
  s: Statements,
  facts: HireEventFacts,
  key: { org: string; hireId: string; at: string },
  change: unknown,
  hire: DbHire | undefined,
): void {
  if (typeof change !== 'object' || change === null) return;
  const c = change as Record<string, unknown>;
  const startDate = hire?.start_date;
  switch (c.kind) {
    case 'add-milestone': {
      const milestone = (c.milestone ?? {}) as Record<string, unknown>;
      const id = text(milestone.id);
      const ownerRole = text(milestone.responsibleRole);
      if (!id || !ownerRole || !startDate) return;
      const offset = numberOr(milestone.dueOffsetDays, 0);
      const pauseShiftDays = hire?.pause_days ?? 0;
      s.upsertTask.run({
        ...key,
        itemId: milestoneItemId(id),
        source: 'plan',
        kind: 'milestone',
        title: text(milestone.title) ?? milestoneItemId(id),
        ownerRole,
        ownerRef: ownerRefOf(ownerRole, hire),
        dueDate: laterOf(addDays(startDate, offset + pauseShiftDays), facts.day),
        dueOffsetDays: offset,
        pauseShiftDays,
      });
      return;
    }
    case 'drop-milestone': {
      const id = text(c.milestoneId);
      if (id) s.drop.run({ ...key, itemId: milestoneItemId(id) });
      return;
    }
    case 'move-milestone': {
      const id = text(c.milestoneId);
      if (!id || !startDate || typeof c.dueOffsetDays !== 'number') return;
      const task = s.task.get(facts.organisationId, facts.hireId, milestoneItemId(id));
      if (!task) return;
      const dueDate = laterOf(addDays(startDate, c.dueOffsetDays + task.pause_shift_days), facts.day);
      redate(s, key, task, dueDate, c.dueOffsetDays, task.pause_shift_days);
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
export function openTasksForOwner(db: ReadModelDb, organisationId: string, owner: TaskOwner, page: PageRequest = {}): Page<TaskRow> {
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
    .prepare<[string, string], DbTask>(`SELECT * FROM open_tasks WHERE org = ? AND hire_id = ? ORDER BY due_date, item_id`)
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
