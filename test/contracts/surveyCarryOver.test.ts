import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { magicLinkKeyOf } from '../../services/auth/magicLinks';
import { loadConfig } from '../../services/shared/config';
import { dutchDate } from '../../services/shared/dutchClock';
import { openSurveyStore, sqliteSurveyPaths } from '../../services/survey/openSurveyStore';
import { SurveyTokenRefused } from '../../services/survey/signedLinkTokens';
import type { SurveyStorage } from '../../services/survey/surveyStorage';
import { SurveyStore } from '../../services/survey/surveyStore';
import type { SurveyGroup } from '../../workflows/domain/surveyGroups';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

const K = 5;
const DAY = 86_400_000;
const OPEN = 'ninety-days-open';
const RELEASED = 'ninety-days-released';
const CLOSED = 'ninety-days-closed';
/** Answered in SQLite with k out of reach: all of them still wait when the deployment moves. */
const WAITING = 16;
/** Every table the survey and exit questionnaire write content to (not the one-row first year). */
const CONTENT_TABLES = [
  'survey_invitations',
  'survey_pending_responses',
  'survey_responses',
  'survey_redactions',
  'survey_closed_waves',
  'exit_questionnaire_invitations',
  'exit_pending',
  'exit_responses',
  'exit_questionnaire_years',
];

const group = (team = 'Team Noord'): SurveyGroup => ({
  team,
  location: 'Tiel',
  startQuarter: '2026-Q3',
  roleFamily: 'client-work',
  templateId: 'rvdk',
});
const answer = (remark: string) => ({ enps: 8, remark });
const reasons = (openText: string) => ({ reasons: ['workload' as const], openText });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof SurveyTokenRefused ? error.reason : `failed: ${String(error)}`),
  );
const byJson = <T>(items: readonly T[]) => items.map((item) => JSON.stringify(item)).sort();

/**
 * A deployment that ran the survey on its two SQLite files moves to DATABASE_URL: the first start copies every
 * link, spent mark, closed wave and answer into the still empty tables, once, under one lock; after that the files
 * are history. What is asked of the PostgreSQL store goes through its public API (and, for what an operator with
 * the database would see, past it): links still open, spent and closed ones still refused, the same figures.
 */
describeWithServices(['postgres'], 'the survey moving from SQLite to DATABASE_URL', () => {
  // The SQLite store ran last year (in Dutch time), so the move is also the first start after its New Year.
  const lastYear = Number(dutchDate(Date.now()).slice(0, 4)) - 1;
  const sqliteNow = Date.UTC(lastYear, 5, 15, 10);
  let folder: string;
  let organisationId: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'soft-landing-survey-carry-'));
    organisationId = `jz-${randomUUID().slice(0, 8)}`;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const configOf = (dataDir: string, databaseUrl?: string) =>
    // One magic-link key for every process, as the compose file and the Helm chart give them.
    loadConfig({
      DATA_DIR: dataDir,
      MAGIC_LINK_KEY_PATH: join(folder, 'magic-link-key'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
  /** The SQLite files of `dataDir` as a store with last year's clock (the key is the one openSurveyStore reads). */
  const sqliteStore = (dataDir: string) => {
    const config = configOf(dataDir);
    return new SurveyStore(sqliteSurveyPaths(config), magicLinkKeyOf(config.auth.magicLinkKeyPath), () => sqliteNow);
  };
  const invite = (store: SurveyStorage, hireId: string, waveId: string, expiresAt = Date.now() + 30 * DAY) =>
    store.invite({
      organisationId,
      hireId,
      waveId,
      questionnaire: { id: 'ninety-days', version: 1 },
      group: group(),
      expiresAt,
    });
  const leave = (store: SurveyStorage, hireId: string, team: string) =>
    store.exitQuestionnaire.invite({ organisationId, hireId, team, expiresAt: Date.now() + 30 * DAY });

  async function withDatabase<T>(databaseUrl: string, work: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  }
  const rowCounts = (databaseUrl: string) =>
    withDatabase(databaseUrl, async (db) => {
      const counts: Record<string, number> = {};
      for (const table of CONTENT_TABLES)
        counts[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      return counts;
    });

  it('brings every link, spent mark, closed wave and answer along on the first start, once, pairing no answer with a link', async () => {
    const dataDir = join(folder, 'data');
    const file = sqliteStore(dataDir);
    const tokens = new Map<string, string>();
    // Waiting answers of the open wave, two links of it unspent, one expired.
    for (let index = 0; index < WAITING + 2; index += 1)
      tokens.set(`h-${index}`, await invite(file, `h-${index}`, OPEN));
    for (let index = 0; index < WAITING; index += 1)
      await file.submit(tokens.get(`h-${index}`)!, answer(`m-${index}`), 100);
    tokens.set('h-expired', await invite(file, 'h-expired', OPEN, sqliteNow + DAY));
    // A released wave with one open answer redacted.
    for (let index = 0; index < K; index += 1)
      await file.submit(await invite(file, `h-r-${index}`, RELEASED), answer(`r-${index}`), K);
    const [first, second] = await file.released(organisationId, RELEASED);
    const redactedId = first!.openAnswerIds!.remark!;
    expect(await file.redactOpenAnswer(organisationId, RELEASED, redactedId)).toEqual({
      itemId: 'remark',
      already: false,
    });
    // A closed wave: its one answer withheld, its unspent link closed.
    await file.submit(await invite(file, 'h-c-0', CLOSED), answer('c-0'), K);
    tokens.set('h-c-1', await invite(file, 'h-c-1', CLOSED));
    expect(await file.closeWave(organisationId, CLOSED, K)).toEqual({ released: 0, withheld: 1 });
    // The exit questionnaire: Zuid released, Noord and West (three each) still waiting, one link unspent.
    const spentExit = await leave(file, 'h-z-0', 'Team Zuid');
    await file.exitQuestionnaire.submit(spentExit, reasons('z-0'), K);
    for (let index = 1; index < K; index += 1)
      await file.exitQuestionnaire.submit(await leave(file, `h-z-${index}`, 'Team Zuid'), reasons(`z-${index}`), K);
    for (const team of ['Team Noord', 'Team West'])
      for (let index = 0; index < 3; index += 1)
        await file.exitQuestionnaire.submit(
          await leave(file, `h-${team}-${index}`, team),
          reasons(`${team}-${index}`),
          K,
        );
    const openExit = await leave(file, 'h-e-open', 'Team Noord');

    const before = {
      waves: await file.waves(organisationId),
      cells: await Promise.all([OPEN, RELEASED, CLOSED].map((wave) => file.invitedCells(organisationId, wave))),
      released: await file.released(organisationId, RELEASED),
      invitations: await Promise.all(
        [...tokens.keys()].map((hireId) => file.invitationOf(organisationId, hireId, 'ninety-days')),
      ),
    };
    const config = configOf(dataDir);
    const pendingKeys = new Database(config.survey.answersPath, { readonly: true });
    const sqliteKeys = (pendingKeys.prepare('SELECT id FROM pending_responses').all() as { id: Buffer }[]).map((row) =>
      row.id.toString('hex'),
    );
    pendingKeys.close();
    expect(sqliteKeys).toHaveLength(WAITING);
    file.close();

    const databaseUrl = await freshPostgresDatabase('survey_carry_over');
    // Two processes start at once (two replicas, or an API and its worker): one copies, the other finds it done.
    const [a, b] = await Promise.all([
      openSurveyStore(configOf(dataDir, databaseUrl)),
      openSurveyStore(configOf(dataDir, databaseUrl)),
    ]);
    try {
      // What an operator with the database sees: the waiting answers under new keys, in an order drawn anew that
      // neither follows the submissions nor lines up with the spent links, all written by one transaction.
      await withDatabase(databaseUrl, async (db) => {
        const pending = await db.query<{ id: Buffer; answers: string }>(
          'SELECT id, answers FROM survey_pending_responses WHERE organisation_id = $1 ORDER BY ctid',
          [organisationId],
        );
        expect(pending.rows.map((row) => row.id.toString('hex')).filter((id) => sqliteKeys.includes(id))).toEqual([]);
        const answerOrder = pending.rows.map((row) => Number(/m-(\d+)/.exec(row.answers)![1]));
        expect([...answerOrder].sort((x, y) => x - y)).toEqual(Array.from({ length: WAITING }, (_, index) => index));
        const spentOrder = (
          await db.query<{ hire_id: string }>(
            `SELECT hire_id FROM survey_invitations WHERE organisation_id = $1 AND wave_id = $2 AND spent ORDER BY ctid`,
            [organisationId, OPEN],
          )
        ).rows.map((row) => Number(row.hire_id.slice(2)));
        expect(answerOrder).not.toEqual(Array.from({ length: WAITING }, (_, index) => index));
        expect(answerOrder).not.toEqual(spentOrder);
        const writers = await db.query<{ n: string }>(
          `SELECT count(DISTINCT xmin::text) AS n FROM (${CONTENT_TABLES.map((table) => `SELECT xmin FROM ${table}`).join(' UNION ALL ')}) AS rows`,
        );
        expect(Number(writers.rows[0]!.n)).toBe(1);
      });

      expect(await a.store.waves(organisationId)).toEqual(before.waves);
      expect(
        await Promise.all([OPEN, RELEASED, CLOSED].map((wave) => b.store.invitedCells(organisationId, wave))),
      ).toEqual(before.cells);
      expect(
        await Promise.all(
          [...tokens.keys()].map((hireId) => b.store.invitationOf(organisationId, hireId, 'ninety-days')),
        ),
      ).toEqual(before.invitations);
      // The same released answers, with the same ids for their open answers, the redaction kept.
      expect(byJson(await b.store.released(organisationId, RELEASED))).toEqual(byJson(before.released));
      expect(await a.store.redactOpenAnswer(organisationId, RELEASED, redactedId)).toEqual({
        itemId: 'remark',
        already: true,
      });
      expect(await b.store.redactOpenAnswer(organisationId, RELEASED, second!.openAnswerIds!.remark!)).toEqual({
        itemId: 'remark',
        already: false,
      });
      // Spent links stay spent, closed and expired ones refused; an unspent one still opens.
      expect(await refusal(a.store.open(tokens.get('h-0')!))).toBe('spent');
      expect(await refusal(b.store.submit(tokens.get('h-3')!, answer('again'), K))).toBe('spent');
      expect(await refusal(a.store.open(tokens.get('h-c-1')!))).toBe('expired');
      expect(await refusal(b.store.submit(tokens.get('h-c-1')!, answer('late'), K))).toBe('expired');
      expect(await refusal(a.store.open(tokens.get('h-expired')!))).toBe('expired');
      expect(await a.store.open(tokens.get(`h-${WAITING}`)!)).toMatchObject({ organisationId, waveId: OPEN });
      // The waiting answers waited on: one more reaches k, and all of them are released, each once.
      expect((await b.store.submit(tokens.get(`h-${WAITING}`)!, answer(`m-${WAITING}`), K)).released).toBe(WAITING + 1);
      expect((await a.store.released(organisationId, OPEN)).map((r) => r.answers.remark).sort()).toEqual(
        Array.from({ length: WAITING + 1 }, (_, index) => `m-${index}`).sort(),
      );

      expect(await refusal(a.store.exitQuestionnaire.open(spentExit))).toBe('spent');
      expect(await b.store.exitQuestionnaire.open(openExit)).toMatchObject({ organisationId });
      // Zuid as released in SQLite; the six still waiting in small teams pooled at the first report after last
      // year's New Year, as the SQLite store would have (its first year came along).
      expect(
        (await a.store.exitQuestionnaire.released(organisationId, K))
          .map((entry) => `${entry.team}:${entry.openText}`)
          .sort(),
      ).toEqual([
        ...['Team Noord', 'Team West'].flatMap((team) => [0, 1, 2].map((index) => `*:${team}-${index}`)),
        ...[0, 1, 2, 3, 4].map((index) => `Team Zuid:z-${index}`),
      ]);
    } finally {
      await a.close();
      await b.close();
    }

    // The second start finds the tables in use: nothing is copied again, not even what the file got since.
    const counts = await rowCounts(databaseUrl);
    const later = sqliteStore(dataDir);
    await invite(later, 'h-after-the-move', OPEN);
    later.close();
    const again = await openSurveyStore(configOf(dataDir, databaseUrl));
    try {
      expect(await again.store.invitationOf(organisationId, 'h-after-the-move', 'ninety-days')).toBeUndefined();
      expect(await rowCounts(databaseUrl)).toEqual(counts);
    } finally {
      await again.close();
    }
    // Nor are the files read at all any more: unreadable ones do not stop the start.
    writeFileSync(config.survey.tokensPath, 'geen SQLite');
    writeFileSync(config.survey.answersPath, 'geen SQLite');
    const third = await openSurveyStore(configOf(dataDir, databaseUrl));
    await third.close();
    expect(await rowCounts(databaseUrl)).toEqual(counts);
  });

  it('copies nothing into tables that already hold something, not even into the ones still empty', async () => {
    const databaseUrl = await freshPostgresDatabase('survey_carry_over');
    // This database already served a deployment: one exit questionnaire link, nothing else.
    const earlier = await openSurveyStore(configOf(join(folder, 'elsewhere'), databaseUrl));
    const ownLink = await leave(earlier.store, 'h-own', 'Team Noord');
    await earlier.close();

    const dataDir = join(folder, 'data');
    const file = sqliteStore(dataDir);
    const fileLink = await invite(file, 'h-file', OPEN);
    await file.exitQuestionnaire.submit(await leave(file, 'h-file-exit', 'Team Noord'), reasons('x'), K);
    file.close();

    const opened = await openSurveyStore(configOf(dataDir, databaseUrl));
    try {
      expect(await opened.store.invitationOf(organisationId, 'h-file', 'ninety-days')).toBeUndefined();
      expect(await refusal(opened.store.open(fileLink))).toBe('invalid');
      expect(await opened.store.exitQuestionnaire.open(ownLink)).toMatchObject({ organisationId });
      expect(await rowCounts(databaseUrl)).toEqual({
        ...Object.fromEntries(CONTENT_TABLES.map((table) => [table, 0])),
        exit_questionnaire_invitations: 1,
      });
    } finally {
      await opened.close();
    }
  });
});
