import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import pino from 'pino';
import { DEFAULT_QUESTIONNAIRE } from '../../workflows/domain/questionnaire';
import { createLogger } from '../../services/shared/logger';
import type { SurveyStore } from '../../services/survey/surveyStore';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { surveyStoreOf } from '../support/surveyRespondents';

const MIN_GROUP = DEFAULT_QUESTIONNAIRE.minimumGroupSize;
const ANSWER_TABLES = ['pending_responses', 'responses'];
/** Every column the answer store may have: coarse group attributes fixed at invitation, and the answers. */
const ANSWER_COLUMNS = [
  'id',
  'organisation_id',
  'wave_id',
  'questionnaire_id',
  'questionnaire_version',
  'team',
  'location',
  'start_quarter',
  'role_family',
  'template_id',
  'answers',
];

/**
 * An operator with every file of the deployment and every log line must not be able to tell which answer is whose.
 * N hires answer through the API in a random order with random pauses; then, from the bytes of every database file
 * and of the log, the answers' order (in the file, and by every column of the answer store) is compared with the
 * order in which the links were spent. Guessing "the k-th stored answer is the k-th spender's" must do no better
 * than chance (one right guess per wave on average, whatever N), and nothing in the answer store names a hire.
 */
describeWithServices(['temporal'], 'the survey answer store is unlinkable', () => {
  let system: RunningSystem;
  let dataDir: string;
  let logPath: string;
  let survey: SurveyStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-survey-'));
    logPath = join(dataDir, 'soft-landing.log');
    const logger = createLogger('test', 'debug', pino.destination({ dest: logPath, sync: true }));
    system = await startSystem({ kafka: false, dataDir, logger, auth: 'required' });
    // The worker's view of the same files, as it issues the links it mails.
    survey = surveyStoreOf({ dataDir });
  }, 60_000);
  afterAll(async () => {
    survey?.close();
    await system?.stop();
  });

  const submit = (token: string, answers: unknown) =>
    fetch(`${system.baseUrl}/survey/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, answers }),
    });

  function answersWithMarker(marker: string) {
    return DEFAULT_QUESTIONNAIRE.items.map((item) =>
      item.kind === 'open'
        ? { itemId: item.id, text: marker }
        : { itemId: item.id, value: item.kind === 'enps' ? 7 : 3 },
    );
  }

  /** Every file under the data folder, as an operator copying the disk would have it. */
  const allFiles = () =>
    readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => ({ name: entry.name, bytes: readFileSync(join(entry.parentPath, entry.name)) }));

  it('lets no order, time, column or log line match an answer to the hire who gave it (property)', async () => {
    const guesses: { right: number; n: number }[] = [];
    const columnGuesses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MIN_GROUP + 1, max: 3 * MIN_GROUP + 2 }).chain((n) =>
          fc.record({
            order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
            pauses: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: n, maxLength: n }),
          }),
        ),
        async ({ order, pauses }) => {
          const organisationId = `o-${randomUUID().slice(0, 8)}`;
          const waveId = 'ninety-days-2026-Q4';
          const hires: { hireId: string; token: string; marker: string }[] = [];
          for (const index of order.keys()) {
            const hireId = `h-${randomUUID().slice(0, 8)}-${index}`;
            const token = await survey.invite({
              organisationId,
              hireId,
              waveId,
              questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
              group: {
                team: 'Team Tiel',
                location: 'Tiel',
                startQuarter: '2026-Q3',
                roleFamily: 'client-work',
                templateId: 'rvdk',
              },
              expiresAt: Date.now() + 86_400_000,
            });
            hires.push({ hireId, token, marker: `antwoord-${randomUUID()}` });
          }
          // The links are spent in the drawn order, at drawn moments.
          for (const [step, index] of order.entries()) {
            await new Promise((resolve) => setTimeout(resolve, pauses[step]!));
            const response = await submit(hires[index]!.token, answersWithMarker(hires[index]!.marker));
            expect(response.status).toBe(202);
          }
          const closed = await fetch(`${system.baseUrl}/survey-waves/${waveId}/closure`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${system.apiKeys.issue({ organisationId, roles: ['hr-advisor'], label: 'hr', createdBy: 'test' }).token}`,
              'x-organisation-id': organisationId,
            },
          });
          expect(closed.status).toBe(200);

          const files = allFiles();
          const answersFile = files.find((file) => file.name === 'survey-answers.sqlite')!;
          // Nothing that names a hire or a link, in the answer store's file.
          for (const hire of hires) {
            expect(answersFile.bytes.includes(hire.hireId)).toBe(false);
            expect(answersFile.bytes.includes(hire.token.slice(4, 36))).toBe(false);
          }
          // No answer and no link in any other file or in the log: the invitations know who, never what.
          const log = readFileSync(logPath);
          for (const hire of hires) {
            expect(log.includes(hire.marker)).toBe(false);
            expect(log.includes(hire.token)).toBe(false);
            expect(log.includes(hire.token.slice(4, 36))).toBe(false);
            for (const file of files)
              if (file !== answersFile)
                expect([file.name, file.bytes.includes(hire.marker)]).toEqual([file.name, false]);
          }
          // One group: released in batches of k as they fill; the last, smaller batch is withheld at the close and
          // gone from the file (secure_delete), not kept where a later reader could match it.
          const releasedCount = hires.length - (hires.length % MIN_GROUP);
          const spent = order.map((index) => hires[index]!.marker).slice(0, releasedCount);
          for (const index of order.slice(releasedCount))
            expect(answersFile.bytes.includes(hires[index]!.marker)).toBe(false);
          // The attack by position in the file: each answer where its bytes are.
          const byOffset = order.slice(0, releasedCount).map((index) => ({
            marker: hires[index]!.marker,
            offset: answersFile.bytes.indexOf(hires[index]!.marker),
          }));
          expect(byOffset.every((entry) => entry.offset >= 0)).toBe(true);
          const stored = byOffset.sort((a, b) => a.offset - b.offset).map((entry) => entry.marker);
          guesses.push({
            right: stored.filter((marker, position) => spent[position] === marker).length,
            n: releasedCount,
          });
          // The attack by every column: rows read in the order of each column (and as SQLite hands them out).
          const db = new Database(join(dataDir, 'survey-answers.sqlite'), { readonly: true });
          try {
            for (const table of ANSWER_TABLES) {
              const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
                (column) => column.name,
              );
              expect(columns).toEqual(ANSWER_COLUMNS);
            }
            expect(
              (
                db
                  .prepare(`SELECT count(*) AS n FROM pending_responses WHERE organisation_id = ?`)
                  .get(organisationId) as { n: number }
              ).n,
            ).toBe(0);
            for (const column of ['', ...ANSWER_COLUMNS]) {
              const rows = db
                .prepare(
                  `SELECT answers FROM responses WHERE organisation_id = ?${column ? ` ORDER BY ${column}` : ''}`,
                )
                .all(organisationId) as { answers: string }[];
              expect(rows).toHaveLength(releasedCount);
              const markers = rows.map((row) =>
                String((JSON.parse(row.answers) as Record<string, unknown>)['open-keep-doing']),
              );
              columnGuesses.set(
                column || 'rowid-order',
                (columnGuesses.get(column || 'rowid-order') ?? 0) +
                  markers.filter((marker, position) => spent[position] === marker).length,
              );
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 25 },
    );
    // By chance, a permutation has one fixed point on average (whatever N); insertion order would give N.
    const runs = guesses.length;
    const right = guesses.reduce((sum, guess) => sum + guess.right, 0);
    const allRight = guesses.reduce((sum, guess) => sum + guess.n, 0);
    expect(runs).toBe(25);
    expect(right / runs).toBeLessThan(2.5);
    expect(right).toBeLessThan(allRight / 4);
    for (const [column, count] of columnGuesses) expect([column, count / runs < 2.5]).toEqual([column, true]);
  }, 300_000);
});
