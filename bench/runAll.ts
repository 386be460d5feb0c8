/**
 * `npm run bench`: every bench in bench/ one after the other (they measure, so never two at a time), then one table
 * of what each measured beside its baseline from the same run, the ratio and the goal. BENCH_ONLY=retention,relay
 * runs some; the benches' own settings (BENCH_HIRES, BENCH_RUNS, …) pass through. A bench whose services are missing
 * (Temporal, Kafka, Chromium) fails alone and is listed as failed; the run's exit code is then 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './support/benchResults';

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const benches = readdirSync(__dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

const directory = mkdtempSync(join(tmpdir(), 'soft-landing-bench-all-'));
const outcomes: { bench: string; seconds: number; status: number | null }[] = [];
const results: BenchResult[] = [];
try {
  for (const bench of benches) {
    const file = join(directory, `${bench}.jsonl`);
    writeFileSync(file, '');
    console.log(`\n=== ${bench} ===`);
    const started = Date.now();
    // --expose-gc for the benches that weigh memory (journeyStart); the others do not mind it.
    const run = spawnSync(
      process.execPath,
      [join(__dirname, '../node_modules/tsx/dist/cli.mjs'), '--expose-gc', join(__dirname, `${bench}.bench.ts`)],
      {
        stdio: 'inherit',
        env: { ...process.env, BENCH_RESULTS: file },
      },
    );
    outcomes.push({ bench, seconds: (Date.now() - started) / 1000, status: run.status });
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line.trim() !== '') results.push(JSON.parse(line) as BenchResult);
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

const figure = (value: number, unit: string) =>
  `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3)} ${unit}`;
const rows = results.map((result) => [
  result.bench,
  result.what,
  figure(result.value, result.unit),
  `${result.baseline}: ${figure(result.baselineValue, result.unit)}`,
  result.ratio.toFixed(2),
  result.goal ?? '–',
  result.met === undefined ? '–' : result.met ? 'met' : 'MISSED',
]);
for (const outcome of outcomes) {
  if (outcome.status !== 0)
    rows.push([
      outcome.bench,
      `failed (exit ${outcome.status ?? 'signal'}) after ${outcome.seconds.toFixed(0)} s; see its output above`,
      '',
      '',
      '',
      '',
      'FAILED',
    ]);
  else if (!results.some((result) => result.bench === outcome.bench))
    rows.push([outcome.bench, 'ran, but recorded no ratio', '', '', '', '', '–']);
}
const header = ['bench', 'what', 'value', 'baseline (same run)', 'ratio', 'goal', ''];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: readonly string[]) =>
  `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
console.log(
  `\nAll benches (${outcomes.length}, ${outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0).toFixed(0)} s)\n`,
);
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
if (outcomes.some((outcome) => outcome.status !== 0)) process.exitCode = 1;
