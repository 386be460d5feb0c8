/** The questions asked of the `open_tasks` read model: an owner's open tasks, and one hire's tasks. */
import { type ReplayedJourney, openGates } from '../../workflows/domain/journey';
import { englishTitleOf } from '../../workflows/domain/templateText';
import { type Page, type PageRequest, decodeCursor, pageLimit, toPage } from './eventFacts';
import { type DbTask, type TaskRow, toTaskRow } from './openTasksSchema';
import type { ReadModelDb } from './projection';

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

/**
 * What each of these tasks still waits on (its template's gates, e.g. the VOG before the first own caseload), by
 * `hireId/itemId`; tasks that wait on nothing are left out. Asked of each hire's folded journey, the same fold the
 * rows come from, so the gate rule stays the decider's (workflows/domain/journey/gates.ts).
 */
export function openTaskGates(
  db: ReadModelDb,
  organisationId: string,
  rows: readonly Pick<TaskRow, 'hireId' | 'itemId'>[],
): Map<string, { id: string; title: string; titleEn?: string }[]> {
  const journeyOf = db.prepare<[string, string], { journey: string }>(
    `SELECT journey FROM open_tasks_journeys WHERE org = ? AND hire_id = ?`,
  );
  const journeys = new Map<string, ReplayedJourney | undefined>();
  const gates = new Map<string, { id: string; title: string; titleEn?: string }[]>();
  for (const { hireId, itemId } of rows) {
    if (!journeys.has(hireId)) {
      const stored = journeyOf.get(organisationId, hireId);
      journeys.set(hireId, stored ? (JSON.parse(stored.journey) as ReplayedJourney) : undefined);
    }
    const state = journeys.get(hireId)?.state;
    const open = state ? openGates(state, itemId) : [];
    if (open.length > 0)
      gates.set(
        `${hireId}/${itemId}`,
        open.map((gate) => ({ id: gate.id, title: gate.title, ...englishTitleOf(gate) })),
      );
  }
  return gates;
}
