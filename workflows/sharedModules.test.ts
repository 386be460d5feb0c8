import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every module here is loaded once per worker and shared by all the journey runs it executes (preloadModules in
 * services/worker/createWorker.ts): a value a module keeps would be seen by the next run, on another journey,
 * and replay would depend on which journeys a worker happened to run before. So a module holds constants only:
 * no `let` or `var` of its own, and every collection it makes is typed read-only.
 */
const sources = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => [file, readFileSync(join(__dirname, file), 'utf8')] as const);

/** Module-level caches that are allowed, and why sharing them cannot change what a run computes. */
const SHARED_CACHES: Readonly<Record<string, readonly string[]>> = {
  // A memo of a pure function (a date's day number): any run would put the same value in.
  [join('domain', 'retention.ts')]: ['epochDays'],
};

describe('workflows/ modules, shared by every journey run in a worker', () => {
  it('include the journey and its rules', () => {
    expect(sources.map(([file]) => file)).toEqual(
      expect.arrayContaining(['hireJourney.ts', 'hireJourneyLegacy.ts', join('domain', 'journey', 'decide.ts')]),
    );
  });

  it.each(sources)('%s keeps no state of its own', (file, source) => {
    expect(source.match(/^(?:export\s+)?(?:let|var)\s+\w+/gm) ?? []).toEqual([]);
    const collections = [...source.matchAll(/^(?:export\s+)?const\s+(\w+)\s*(?::\s*([^=]+?))?\s*=\s*new\s+(\w+)/gm)];
    const writable = collections
      .filter(([, name, type]) => !type?.startsWith('Readonly') && !SHARED_CACHES[file]?.includes(name!))
      .map(([declaration]) => declaration);
    expect(writable).toEqual([]);
  });
});
