/**
 * What anchoring every hire-stream append in the signed head log costs (services/event-store/chainHeadLog.ts):
 * the hash-chained store over SQLite with a head log (one Ed25519 signature and one head row per append) against
 * the same store without one, on files in the same temporary directory, in the same run.
 * Run: npx tsx bench/chainHeads.bench.ts   (goal: ratio ≥ 0.5 for single-event appends, the worst case)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainHeadLog } from '../services/event-store/chainHeadLog';
import { ChainSigningKey } from '../services/event-store/chainSigningKey';
import type { NewEvent } from '../services/event-store/eventStore';
import { HashChainedEventStore } from '../services/event-store/hashChainedEventStore';
import { SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { recordBenchResult } from './support/benchResults';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 5_000);
const APPENDS_PER_STREAM = 10;

function stage(index: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'StageReached',
    data: { organisationId: 'bench-org', hireId: 'h-bench', stage: `stage-${index % 7}`, dueDate: '2026-09-01' },
    metadata: { actor: 'system:journey', occurredAt: '2026-09-01T08:00:00.000Z', schemaVersion: 1 },
  };
}

/** Appends of `size` events, ten to each stream, each at the revision the last one left. */
async function rate(directory: string, label: string, size: number, signed: boolean): Promise<number> {
  const raw = new SqliteEventStore(join(directory, `${label}.sqlite`));
  const heads = signed
    ? new ChainHeadLog(join(directory, `${label}-heads.sqlite`), ChainSigningKey.ephemeral())
    : undefined;
  const store = new HashChainedEventStore(raw, heads);
  const work = Array.from({ length: APPENDS }, (_, i) => Array.from({ length: size }, (_, j) => stage(i * size + j)));
  const started = process.hrtime.bigint();
  for (let i = 0; i < work.length; i += 1) {
    const round = i % APPENDS_PER_STREAM;
    const expectedRevision = round === 0 ? 'no_stream' : BigInt(round * size - 1);
    await store.appendToStream(`hire-bench.${label}-${Math.floor(i / APPENDS_PER_STREAM)}`, work[i]!, {
      expectedRevision,
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return (APPENDS * size) / seconds;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-bench-heads-'));
  try {
    await rate(directory, 'warm-plain', 1, false);
    await rate(directory, 'warm-signed', 1, true);
    console.log('\nHash-chained hire-stream appends with and without signed heads (events/s)\n');
    console.log(
      `${'workload'.padEnd(28)}${'signed'.padStart(12)}${'unsigned'.padStart(12)}${'ratio'.padStart(8)}  goal ≥ 0.5`,
    );
    console.log('-'.repeat(74));
    for (const size of [1, 10]) {
      const signed = await rate(directory, `signed-${size}`, size, true);
      const plain = await rate(directory, `plain-${size}`, size, false);
      const ratio = signed / plain;
      const num = (value: number) => Math.round(value).toLocaleString('en-US').padStart(12);
      console.log(
        `${`${size} event(s) per append`.padEnd(28)}${num(signed)}${num(plain)}${ratio.toFixed(2).padStart(8)}  ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
      );
      recordBenchResult({
        bench: 'chainHeads',
        what: `signed heads, ${size} event(s) per append`,
        value: signed,
        baseline: 'unsigned',
        baselineValue: plain,
        unit: 'events/s',
        ratio,
        goal: 'ratio ≥ 0.5',
        met: ratio >= 0.5,
      });
    }
    console.log('');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
