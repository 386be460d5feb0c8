import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { closeServer, listen } from '../../services/http/listen';
import { SqlitePeopleDirectory } from '../../services/people/sqlitePeopleDirectory';
import { createLogger } from '../../services/shared/logger';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import { apiRequest } from '../support/apiRequest';
import { devModeApp } from '../support/devModeApp';
import { useFoldedReadModels } from '../support/foldedReadModels';
import { appendStartedHire } from '../support/startedHireStream';

/**
 * GET /hires filters, searches, counts and pages on the server (what the HR overview asks of it): team, location,
 * start month and a search on the start of the code or role, the stage counts under the other filters and the
 * filters' choices on the first page, a manager's own hires only, refusals as problem+json, ETags per query.
 * The read models are folded from real hire streams in the SQLite event store; lists never ask Temporal.
 */
describe('GET /hires: filters, search and facets on the server', () => {
  const organisationId = 'filters';
  const today = isoDateOfEpochMs(Date.now());
  const nextMonth = addDays(today, 31).slice(0, 7);
  let directory: SqlitePeopleDirectory;
  let server: Server;
  let baseUrl: string;

  /** hireId, start date, role, team (location: the team's town), manager */
  const hires: [string, string, string, string, string][] = [
    ['h-tiel-1', addDays(today, -40), 'Jeugdzorgwerker', 'Team Tiel', 'm-anna'],
    ['h-tiel-2', `${nextMonth}-15`, 'Gedragswetenschapper', 'Team Tiel', 'm-anna'],
    ['h-buren-1', `${nextMonth}-02`, 'Jeugdzorgwerker', 'Team Buren', 'm-bram'],
    ['H-Buren-2', addDays(today, 100), 'Pleegzorgbegeleider', 'Team Buren', 'm-bram'],
    ['h-beesd-1', addDays(today, -10), 'Jeugdzorgwerker', 'Team Beesd', 'm-anna'],
  ];

  const folded = useFoldedReadModels('soft-landing-hire-filters-', async (store) => {
    for (const [hireId, startDate, role, team, managerRef] of hires) {
      await appendStartedHire(store, organisationId, {
        hireId,
        registeredOn: addDays(startDate, -60),
        startDate,
        role,
        team,
        managerRef,
      });
    }
  });

  beforeAll(async () => {
    directory = new SqlitePeopleDirectory(join(folded.directory, 'people.sqlite'));
    const app = devModeApp({
      client: new Client(),
      store: folded.store,
      logger: createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'),
      directory,
      readModels: folded.db,
    });
    server = await listen(app, 0);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  // After the read models' own afterAll (hooks run in the order declared): by then no request is under way.
  afterAll(async () => {
    await closeServer(server);
    directory.close();
  });

  const get = (query: string, headers: Record<string, string> = {}) =>
    apiRequest(baseUrl, organisationId, 'GET', `/hires${query}`, undefined, { 'x-role': 'hr-advisor', ...headers });
  interface HireList {
    hires: { hireId: string }[];
    next?: string;
    facets?: {
      stages: Record<'registered' | 'preboarding' | 'onboarding' | 'on-leave' | 'leaving' | 'ended', number>;
      teams: string[];
      locations: string[];
    };
  }
  const list = async (query: string, headers: Record<string, string> = {}): Promise<HireList> => {
    const response = await get(query, headers);
    expect(response.status).toBe(200);
    return (await response.json()) as HireList;
  };
  const ids = async (query: string) => (await list(query)).hires.map((hire) => hire.hireId);

  it('filters by team, location and start month, and searches the start of the code or role in any case', async () => {
    expect(await ids('?team=Team%20Tiel')).toEqual(['h-tiel-1', 'h-tiel-2']);
    expect(await ids('?location=Buren')).toEqual(['h-buren-1', 'H-Buren-2']);
    expect(await ids(`?startMonth=${nextMonth}`)).toEqual(['h-buren-1', 'h-tiel-2']);
    expect(await ids(`?startMonth=${nextMonth}&team=Team%20Buren`)).toEqual(['h-buren-1']);
    expect(await ids('?search=h-buren')).toEqual(['h-buren-1', 'H-Buren-2']);
    expect(await ids('?search=GEDRAG')).toEqual(['h-tiel-2']);
    expect(await ids('?search=jeugd&stage=onboarding')).toEqual(['h-tiel-1', 'h-beesd-1']);
    // A prefix, not anywhere in the text: "tiel" is in no code's or role's start.
    expect(await ids('?search=tiel')).toEqual([]);
    expect(await ids('?team=Team%20Nergens')).toEqual([]);
  });

  it('counts every stage under the other filters on the first page, with the teams and locations to choose from', async () => {
    const all = await list('');
    expect(all.facets).toEqual({
      stages: { registered: 0, preboarding: 3, onboarding: 2, 'on-leave': 0, leaving: 0, ended: 0 },
      teams: ['Team Beesd', 'Team Buren', 'Team Tiel'],
      locations: ['Beesd', 'Buren', 'Tiel'],
    });
    // The stage filter narrows the list, never its own counts; the other filters narrow both.
    const onboarding = await list('?stage=onboarding&search=jeugd');
    expect(onboarding.facets!.stages).toMatchObject({ preboarding: 1, onboarding: 2 });
    expect(onboarding.facets!.teams).toEqual(['Team Beesd', 'Team Buren', 'Team Tiel']);
    const tiel = await list('?team=Team%20Tiel');
    expect(tiel.facets!.stages).toMatchObject({ preboarding: 1, onboarding: 1 });
  });

  it('pages a filtered list with its filter, the facets on the first page only', async () => {
    const first = await list('?search=h-b&limit=2');
    expect(first.hires).toHaveLength(2);
    expect(first.facets!.stages.preboarding + first.facets!.stages.onboarding).toBe(3);
    const second = await list(`?search=h-b&limit=2&after=${first.next}`);
    expect(second.facets).toBeUndefined();
    expect(second.next).toBeUndefined();
    expect([...first.hires, ...second.hires].map((hire) => hire.hireId)).toEqual([
      'h-beesd-1',
      'h-buren-1',
      'H-Buren-2',
    ]);
  });

  it('gives a manager their own hires only, in the list, the counts and the choices', async () => {
    const own = await list('', { 'x-role': 'manager', 'x-person-ref': 'm-bram' });
    expect(own.hires.map((hire) => hire.hireId)).toEqual(['h-buren-1', 'H-Buren-2']);
    expect(own.facets).toEqual({
      stages: { registered: 0, preboarding: 2, onboarding: 0, 'on-leave': 0, leaving: 0, ended: 0 },
      teams: ['Team Buren'],
      locations: ['Buren'],
    });
    const searched = await list('?search=h-tiel', { 'x-role': 'manager', 'x-person-ref': 'm-bram' });
    expect(searched.hires).toEqual([]);
  });

  it.each([
    ['?startMonth=2027-13', 'query/startMonth'],
    ['?startMonth=februari', 'query/startMonth'],
    ['?search=', 'query/search'],
    [`?search=${'a'.repeat(101)}`, 'query/search'],
    ['?team=', 'query/team'],
  ])('refuses %s with a problem in Dutch, and in English when asked', async (query, field) => {
    const dutch = await get(query);
    expect(dutch.status).toBe(400);
    expect(dutch.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await dutch.json()) as { title: string; errors?: { pointer?: string; detail: string }[] };
    expect(JSON.stringify(problem.errors)).toContain(field.split('/')[1]);
    const english = await get(query, { 'accept-language': 'en' });
    expect(english.status).toBe(400);
    const englishProblem = (await english.json()) as { title: string };
    expect(englishProblem.title).not.toBe(problem.title);
  });

  it('tags each filtered page: 304 for the same query, another tag for another filter', async () => {
    const first = await get('?team=Team%20Tiel');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    const again = await get('?team=Team%20Tiel', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const other = await get('?team=Team%20Buren', { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });
});
