/**
 * A survey wave's report: 10,000 released answers read from the answer store and aggregated into every group of
 * every dimension (team, location, start quarter, role family, template) with complementary suppression
 * (workflows/domain/surveyReport.ts), beside a raw SQL GROUP BY per dimension over the same rows in the same run.
 * Run: npx tsx bench/surveyReport.bench.ts   (goal: < 200 ms per report, median)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { DEFAULT_QUESTIONNAIRE, type Questionnaire } from '../workflows/domain/questionnaire';
import { surveyReport } from '../workflows/domain/surveyReport';
import { SurveyStore } from '../services/survey/surveyStore';
import { recordBenchResult } from './support/benchResults';

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const GOAL_MS = 200;
const ORGANISATION = 'bench-org';
const WAVE = 'ninety-days-2026-Q4';
const questionnaire: Questionnaire = { ...DEFAULT_QUESTIONNAIRE, organisationId: ORGANISATION };

/** A deterministic spread: big and small teams, so that suppression has work to do. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function fill(answersPath: string): void {
  const random = seeded(42);
  const pick = <T>(values: readonly T[], skew = 1) => values[Math.floor(random() ** skew * values.length)]!;
  const teams = Array.from({ length: 12 }, (_, index) => `Team ${index + 1}`);
  const db = new Database(answersPath);
  const insert = db.prepare(
    `INSERT INTO responses (id, organisation_id, wave_id, questionnaire_id, questionnaire_version, team, location, start_quarter, role_family, template_id, answers) VALUES (?, ?, ?, 'ninety-days', 1, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let index = 0; index < ANSWERS; index += 1) {
      const answers: Record<string, number | string> = {};
      for (const item of questionnaire.items) {
        if (item.kind === 'likert') answers[item.id] = 1 + Math.floor(random() * 5);
        if (item.kind === 'enps') answers[item.id] = Math.floor(random() * 11);
      }
      insert.run(
        randomBytes(16),
        ORGANISATION,
        WAVE,
        // Two teams under k, so that suppression (and its complement) has work to do.
        index < 3 ? 'Team Klein' : index < 5 ? 'Team Nieuw' : pick(teams, 2.5),
        pick(['Tiel', 'Culemborg', 'Geldermalsen', 'Zaltbommel', 'Buren'], 2),
        pick(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']),
        pick(['client-work', 'behavioural-science', 'leadership', 'support'], 3),
        pick(['rvdk', 'jb-west', 'rivierenland-team'], 2),
        JSON.stringify(answers),
      );
    }
  })();
  db.close();
}

function median(timings: number[]): number {
  const sorted = [...timings].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'soft-landing-bench-survey-'));
  const paths = {
    tokensPath: join(folder, 'survey-tokens.sqlite'),
    answersPath: join(folder, 'survey-answers.sqlite'),
  };
  new SurveyStore(paths, randomBytes(32)).close(); // the schema, as the services make it
  fill(paths.answersPath);
  const store = new SurveyStore(paths, randomBytes(32));
  const raw = new Database(paths.answersPath, { readonly: true });
  const dimensions = ['team', 'location', 'start_quarter', 'role_family', 'template_id'];
  const groupBy = dimensions.map((column) =>
    raw.prepare(
      `SELECT r.${column} AS value, j.key AS item, count(*) AS n, avg(j.value) AS mean FROM responses r, json_each(r.answers) j
       WHERE r.organisation_id = ? AND r.wave_id = ? GROUP BY r.${column}, j.key`,
    ),
  );

  let shown = 0;
  let groups = 0;
  const ours: number[] = [];
  const aggregation: number[] = [];
  const sql: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    let started = performance.now();
    const responses = await store.released(ORGANISATION, WAVE);
    const invited = await store.invitedCells(ORGANISATION, WAVE);
    const read = performance.now();
    const report = surveyReport({ waveId: WAVE, questionnaire, responses, invited });
    ours.push(performance.now() - started);
    aggregation.push(performance.now() - read);
    shown = report.dimensions.reduce(
      (sum, dimension) => sum + dimension.groups.filter((group) => group.figures).length,
      0,
    );
    groups = report.dimensions.reduce((sum, dimension) => sum + dimension.groups.length, 0);
    if (report.overall?.responses !== ANSWERS)
      throw new Error(`the report counted ${report.overall?.responses}, not ${ANSWERS}`);

    started = performance.now();
    let rows = 0;
    for (const statement of groupBy) rows += statement.all(ORGANISATION, WAVE).length;
    sql.push(performance.now() - started);
    if (rows === 0) throw new Error('the GROUP BY found nothing');
  }
  const oursMs = median(ours);
  const sqlMs = median(sql);
  console.log(
    `survey report of ${ANSWERS} answers into ${groups} groups (${shown} shown after suppression): median ${oursMs.toFixed(1)} ms ` +
      `(read ${(oursMs - median(aggregation)).toFixed(1)} ms, aggregation and suppression ${median(aggregation).toFixed(1)} ms) ` +
      `(goal < ${GOAL_MS} ms) ${oursMs < GOAL_MS ? 'OK' : 'MISSED'}; raw SQL GROUP BY per dimension (no suppression) ${sqlMs.toFixed(1)} ms; ratio ${(oursMs / sqlMs).toFixed(2)}`,
  );
  recordBenchResult({
    bench: 'surveyReport',
    what: `survey report, ${ANSWERS} answers, with suppression`,
    value: oursMs,
    baseline: 'raw SQL GROUP BY',
    baselineValue: sqlMs,
    unit: 'ms',
    ratio: oursMs / sqlMs,
    goal: `< ${GOAL_MS} ms`,
    met: oursMs < GOAL_MS,
  });
  raw.close();
  store.close();
}

void main();
