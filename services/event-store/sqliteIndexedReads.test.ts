import Database from 'better-sqlite3';
import { JourneyTemplateStore, templateStreamName } from '../templates/journeyTemplateStore';
import { VacancyProfileStore } from '../vacancies/vacancyProfileStore';
import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import { SqliteEventStore } from './sqliteEventStore';
import { withContracts } from './withContracts';
import { auditReads } from '../../test/support/eventStoreFill';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

/** Every statement run on `events` while `work` runs, with its arguments: what the store asked SQLite to do. */
async function statementsOn<T>(work: () => Promise<T>): Promise<{ source: string; args: unknown[] }[]> {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<
    'all' | 'get',
    (...args: unknown[]) => unknown
  >;
  probe.close();
  const original = { all: prototype.all, get: prototype.get };
  const seen: { source: string; args: unknown[] }[] = [];
  for (const method of ['all', 'get'] as const) {
    prototype[method] = function (this: { source: string }, ...args: unknown[]) {
      if (/FROM events\b/.test(this.source)) seen.push({ source: this.source, args });
      return original[method].apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    Object.assign(prototype, original);
  }
  return seen;
}

/** SQLite's plan for each: how it finds the rows, so whether it visits the rest of the store. */
function plansOf(path: string, statements: readonly { source: string; args: unknown[] }[]): string[] {
  const db = new Database(path, { readonly: true });
  const plans = statements.map(({ source, args }) =>
    db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${source}`)
      .all(...args)
      .map((row) => row.detail)
      .join('; '),
  );
  db.close();
  return plans;
}

describe('lists on the SQLite store read from the stream index, not the whole store', () => {
  const directory = temporaryDirectory('indexed-reads');
  const path = () => directory.file('events.sqlite');

  it('listing templates and vacancy profiles among 2,000 other events searches the stream index only', async () => {
    const store = withContracts(new SqliteEventStore(path()));
    await new JourneyTemplateStore(store).publish({ ...DEFAULT_TEMPLATES[0]!, organisationId: 'demo' }, 'hr');
    await auditReads(store, 2_000);
    await new VacancyProfileStore(store).define(
      {
        id: 'p-1',
        organisationId: 'demo',
        version: 1,
        role: 'Jeugdzorgwerker',
        expectations: [],
        talents: [],
        offer: [],
        templateId: DEFAULT_TEMPLATES[0]!.id,
      },
      'hr',
    );

    let templates = 0;
    let profiles = 0;
    const statements = await statementsOn(async () => {
      for await (const _event of store.readAll({ streamPrefixes: [templateStreamName('demo', '')] })) templates += 1;
      profiles = (await new VacancyProfileStore(store).list('demo')).length;
    });
    await store.close();

    expect({ templates, profiles }).toEqual({ templates: 1, profiles: 1 });
    expect(statements.length).toBeGreaterThan(0);
    for (const plan of plansOf(path(), statements)) {
      // A range of the stream index, never a walk along the positions (`rowid>?`) or the whole table.
      expect(plan).toMatch(/SEARCH events USING (COVERING )?INDEX events_by_stream_position \(stream>\? AND stream<\?/);
      expect(plan).not.toMatch(/INTEGER PRIMARY KEY|SCAN events\b/);
    }
  });
});
