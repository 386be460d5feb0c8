/**
 * The English titles of open tasks. The read model keeps the Dutch title the events recorded; the English one is
 * the journey's to know (the template's `titleEn`, workflows/domain/journey/itemTitles.ts), asked of each hire's
 * folded journey as the rows were.
 */
import type { ReplayedJourney } from '../../workflows/domain/journey';
import { itemTitleIn } from '../../workflows/domain/journey/itemTitles';
import type { TaskRow } from './openTasksSchema';
import type { ReadModelDb } from './projection';

/** By `hireId/itemId`; a task whose English is its Dutch title (none written) is left out. */
export function openTaskEnglishTitles(
  db: ReadModelDb,
  organisationId: string,
  rows: readonly Pick<TaskRow, 'hireId' | 'itemId' | 'title'>[],
): Map<string, string> {
  const journeyOf = db.prepare<[string, string], { journey: string }>(
    `SELECT journey FROM open_tasks_journeys WHERE org = ? AND hire_id = ?`,
  );
  const journeys = new Map<string, ReplayedJourney | undefined>();
  const titles = new Map<string, string>();
  for (const { hireId, itemId, title } of rows) {
    if (!journeys.has(hireId)) {
      const stored = journeyOf.get(organisationId, hireId);
      journeys.set(hireId, stored ? (JSON.parse(stored.journey) as ReplayedJourney) : undefined);
    }
    const english = itemTitleIn(journeys.get(hireId)?.state, itemId, title, 'en');
    if (english !== title) titles.set(`${hireId}/${itemId}`, english);
  }
  return titles;
}
