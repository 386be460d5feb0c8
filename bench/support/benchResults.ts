import { appendFileSync } from 'node:fs';

/**
 * One measured figure beside its baseline from the same run, for `npm run bench`'s one table (bench/runAll.ts).
 * Each bench still prints its own detail; this only hands the runner what its summary needs. A bench run on its
 * own (`npx tsx bench/x.bench.ts`) records nothing: BENCH_RESULTS is set by the runner only.
 */
export interface BenchResult {
  readonly bench: string;
  /** What was measured, e.g. "signed appends, 1 event each". */
  readonly what: string;
  readonly value: number;
  /** What the baseline is, e.g. "unsigned appends"; the same unit as `value`. */
  readonly baseline: string;
  readonly baselineValue: number;
  readonly unit: string;
  /** value / baselineValue (or the bench's own ratio where it states one the other way round). */
  readonly ratio: number;
  /** The goal in words, e.g. "ratio ≥ 0.5", "< 500 ms". */
  readonly goal?: string;
  readonly met?: boolean;
}

export function recordBenchResult(result: BenchResult): void {
  const file = process.env.BENCH_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}
