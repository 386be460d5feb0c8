/**
 * `open_tasks`: the human tasks of every journey — pre-boarding tasks, the welcome card, learning-line milestones,
 * the survey phone follow-up, and the tasks the journey opens as it goes (find a mentor by hand, the exit
 * interview) — with owner, due date and status, for "my tasks" lists and a hire's task list.
 *
 * The rows are what the journey's own fold yields (workflows/domain/journey/replay.ts `journeyTasks`): each hire's
 * events are folded with `evolve`, so due dates, owners and statuses follow the journey's rules and nothing here
 * restates them. The plan's titles and offsets come from the template the journey started on — a published
 * version (journeytemplate-* streams, kept here too) or a built-in default of the same id and version.
 *
 * The table keeps finished tasks too (status done or cancelled), so one hire's list shows what happened; the
 * owner lists ask for status 'open'. Tables: openTasksSchema.ts; questions: openTasksQueries.ts.
 */
import {
  type JourneyTask,
  NOTHING_REPLAYED,
  type RecordedJourneyEvent,
  type ReplayedJourney,
  type TemplateLookup,
  journeyTasks,
  replayEvent,
} from '../../workflows/domain/journey';
import type { JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { JOURNEY_SYSTEM_ACTOR } from '../../workflows/hireJourneyContract';
import type { RecordedEvent } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import { builtInTemplate } from '../templates/journeyTemplateStore';
import { hireEventFacts } from './eventFacts';
import { type DbTask, OPEN_TASKS_SCHEMA, OPEN_TASKS_TABLES, TASK_COLUMNS } from './openTasksSchema';
import { type Projection, type ReadModelDb, statementsFor } from './projection';
import { upsertStatement } from './wholeRowStatements';
import { WriteBehind } from './writeBehind';

export const TEMPLATE_STREAM_PREFIX = 'journeytemplate-';

const prepared = new WeakMap<ReadModelDb, ReturnType<typeof prepare>>();

function prepare(db: ReadModelDb) {
  return {
    journey: db.prepare<[string, string], { journey: string }>(
      `SELECT journey FROM open_tasks_journeys WHERE org = ? AND hire_id = ?`,
    ),
    saveJourney: db.prepare<[string, string, string]>(
      `INSERT INTO open_tasks_journeys (org, hire_id, journey) VALUES (?, ?, ?)
       ON CONFLICT (org, hire_id) DO UPDATE SET journey = excluded.journey`,
    ),
    tasksOfHire: db.prepare<[string, string], DbTask>(`SELECT * FROM open_tasks WHERE org = ? AND hire_id = ?`),
    writeTask: db.prepare<unknown[]>(upsertStatement('open_tasks', TASK_COLUMNS, 3)),
    dropTask: db.prepare<[string, string, string]>(
      `DELETE FROM open_tasks WHERE org = ? AND hire_id = ? AND item_id = ?`,
    ),
    template: db.prepare<[string, string, number], { template: string }>(
      `SELECT template FROM open_tasks_templates WHERE org = ? AND template_id = ? AND template_version = ?`,
    ),
    saveTemplate: db.prepare<[string, string, number, string]>(
      `INSERT OR REPLACE INTO open_tasks_templates (org, template_id, template_version, template) VALUES (?, ?, ?, ?)`,
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

function statements(db: ReadModelDb): Statements {
  return statementsFor(prepared, db, prepare);
}

/**
 * One hire as a batch sees it: the folded journey and its task rows read once, on the batch's first event of the
 * hire, the hire's events folded on in memory, and the rows worked out from the journey once, at the batch's end,
 * where the ones that changed (or went) are written back. A journey writes tens of events per hire, mostly in one
 * batch, and working its tasks out after each of them was most of a rebuild's time; a row holds what the journey
 * says now, so when in the batch it changed does not matter.
 */
class HireJourney {
  private replayed: ReplayedJourney;
  private readonly rows: Map<string, DbTask>;
  private journeyChanged = false;

  constructor(
    readonly org: string,
    readonly hireId: string,
    s: Statements,
  ) {
    const stored = s.journey.get(org, hireId);
    this.replayed = stored ? (JSON.parse(stored.journey) as ReplayedJourney) : NOTHING_REPLAYED;
    this.rows = new Map(s.tasksOfHire.all(org, hireId).map((row) => [row.item_id, row]));
  }

  fold(event: RecordedJourneyEvent, templates: TemplateLookup): void {
    const next = replayEvent(this.replayed, event, templates);
    if (next === this.replayed) return;
    this.replayed = next;
    this.journeyChanged = true;
  }

  /** Once, at the batch's end (WriteBehind then forgets this hire), or at once outside a batch. */
  write(s: Statements): void {
    if (!this.journeyChanged) return;
    s.saveJourney.run(this.org, this.hireId, JSON.stringify(this.replayed));
    const gone = new Set(this.rows.keys());
    for (const task of journeyTasks(this.replayed)) {
      gone.delete(task.itemId);
      const row = taskRow(this.org, this.hireId, task);
      const old = this.rows.get(task.itemId);
      if (old && sameTask(old, row)) continue;
      s.writeTask.run(...TASK_COLUMNS.map((column) => row[column]));
    }
    // What the journey no longer has (a dropped milestone) leaves the list.
    for (const itemId of gone) s.dropTask.run(this.org, this.hireId, itemId);
  }
}

function taskRow(org: string, hireId: string, task: JourneyTask): DbTask {
  return {
    org,
    hire_id: hireId,
    item_id: task.itemId,
    kind: task.kind,
    title: task.title,
    // Every task a person does has an owner role; a plan item without one is HR's to pick up.
    owner_role: task.ownerRole ?? 'hr',
    owner_ref: task.ownerRef,
    due_date: task.dueDate,
    status: task.status,
    cancel_reason: task.cancelReason ?? null,
    reminded_on: task.remindedOn ?? null,
    escalated_on: task.escalatedOn ?? null,
    completed_by: task.completedBy ?? null,
    completed_on: task.completedOn ?? null,
  };
}

function sameTask(a: DbTask, b: DbTask): boolean {
  return TASK_COLUMNS.every((column) => a[column] === b[column]);
}

/** Each hire a batch touches, by org and hire id, written once at its end. */
const writeBehind = new WriteBehind<HireJourney>((db, hire) => hire.write(statements(db)));

export const openTasksProjection: Projection = {
  name: 'open_tasks',
  // 3: the rows are what the journey's own evolve yields. 4: without updated_at (the rows are worked out once per
  // batch; nothing read the column).
  version: 4,
  streamPrefixes: [HIRE_STREAM_PREFIX, TEMPLATE_STREAM_PREFIX],
  tables: OPEN_TASKS_TABLES,
  setup(db) {
    db.exec(OPEN_TASKS_SCHEMA);
  },
  ...writeBehind.batchHooks,
  apply(db, event) {
    const s = statements(db);
    if (event.streamName.startsWith(TEMPLATE_STREAM_PREFIX)) {
      if (event.type === 'JourneyTemplatePublished') rememberTemplate(s, event);
      return;
    }
    const facts = hireEventFacts(event);
    if (!facts) return;
    writeBehind.change(
      db,
      facts,
      () => new HireJourney(facts.organisationId, facts.hireId, s),
      (hire) =>
        hire.fold(
          { type: event.type, data: event.data, on: facts.day, actor: facts.actor ?? JOURNEY_SYSTEM_ACTOR },
          publishedOrBuiltIn(s),
        ),
    );
  },
};

function rememberTemplate(s: Statements, event: RecordedEvent): void {
  const template = event.data as unknown as JourneyTemplate;
  if (typeof template.organisationId !== 'string' || typeof template.id !== 'string') return;
  if (typeof template.version !== 'number') return;
  s.saveTemplate.run(template.organisationId, template.id, template.version, JSON.stringify(template));
}

function publishedOrBuiltIn(s: Statements): TemplateLookup {
  return (org, templateId, version) => {
    const published = s.template.get(org, templateId, version);
    return published ? (JSON.parse(published.template) as JourneyTemplate) : builtInTemplate(org, templateId, version);
  };
}
