/**
 * The tables of the `open_tasks` read model: one row per task of every journey, and beside them what the fold
 * keeps to carry on where it left off — each hire's folded journey and the published templates journeys start on.
 */
import type { IsoDate } from '../../workflows/domain/calendar';
import type { TaskCancelReason } from '../../workflows/domain/journey';

export type TaskStatus = 'open' | 'done' | 'cancelled';
export type CancelReason = TaskCancelReason;

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
}

export const OPEN_TASKS_TABLES = ['open_tasks', 'open_tasks_journeys', 'open_tasks_templates'] as const;

export const OPEN_TASKS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS open_tasks (
    org              TEXT    NOT NULL,
    hire_id          TEXT    NOT NULL,
    item_id          TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    owner_role       TEXT    NOT NULL,
    owner_ref        TEXT,
    due_date         TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    cancel_reason    TEXT,
    reminded_on      TEXT,
    escalated_on     TEXT,
    completed_by     TEXT,
    completed_on     TEXT,
    PRIMARY KEY (org, hire_id, item_id)
  ) WITHOUT ROWID;
  -- Only open tasks are listed by owner: partial indexes stay small, and finishing a task just leaves them.
  CREATE INDEX IF NOT EXISTS open_tasks_by_owner ON open_tasks (org, owner_role, owner_ref, due_date, hire_id, item_id) WHERE status = 'open';
  CREATE INDEX IF NOT EXISTS open_tasks_by_role ON open_tasks (org, owner_role, due_date, hire_id, item_id) WHERE status = 'open';
  -- Each hire's journey as folded so far (workflows/domain/journey/replay.ts), JSON.
  CREATE TABLE IF NOT EXISTS open_tasks_journeys (
    org      TEXT NOT NULL,
    hire_id  TEXT NOT NULL,
    journey  TEXT NOT NULL,
    PRIMARY KEY (org, hire_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS open_tasks_templates (
    org              TEXT    NOT NULL,
    template_id      TEXT    NOT NULL,
    template_version INTEGER NOT NULL,
    template         TEXT    NOT NULL,
    PRIMARY KEY (org, template_id, template_version)
  ) WITHOUT ROWID;
`;

/** A row of open_tasks as SQLite gives it. */
export interface DbTask {
  org: string;
  hire_id: string;
  item_id: string;
  kind: string;
  title: string;
  owner_role: string;
  owner_ref: string | null;
  due_date: string;
  status: TaskStatus;
  cancel_reason: CancelReason | null;
  reminded_on: string | null;
  escalated_on: string | null;
  completed_by: string | null;
  completed_on: string | null;
}

export const TASK_COLUMNS = [
  'org',
  'hire_id',
  'item_id',
  'kind',
  'title',
  'owner_role',
  'owner_ref',
  'due_date',
  'status',
  'cancel_reason',
  'reminded_on',
  'escalated_on',
  'completed_by',
  'completed_on',
] as const satisfies readonly (keyof DbTask)[];

export function toTaskRow(row: DbTask): TaskRow {
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
  };
}
