/**
 * The auditor's "journey as of a date" from a 200-event hire stream: read the stream from the store as production
 * wires it (withContracts: validated and upcast) and fold it (services/audit/journeyStateAsOf.ts). Twice in one
 * run: in a store holding only this hire, and in one where BENCH_OTHER_EVENTS (default 1,000,000) events of 1,000
 * other hires came before and after it, so the answer must not depend on how big the store has grown.
 * Run: npx tsx bench/stateAsOf.bench.ts   (goals: < 10 ms per answer, median; the large store ≤ 2× the small one)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { journeyStateAsOf } from '../services/audit/journeyStateAsOf';
import { ChainHeadLog } from '../services/event-store/chainHeadLog';
import { ChainSigningKey } from '../services/event-store/chainSigningKey';
import type { EventStore, NewEvent, RecordedEvent } from '../services/event-store/eventStore';
import { SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { hireStreamName } from '../services/event-store/streamNames';
import { withContracts } from '../services/event-store/withContracts';
import { recordBenchResult } from './support/benchResults';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const OTHER_EVENTS = Number(process.env.BENCH_OTHER_EVENTS ?? 1_000_000);
const OTHER_HIRES = 1_000;
const hire = { organisationId: 'bench-org', hireId: 'h-bench' };
function event(type: string, data: Record<string, unknown>, index: number): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: { ...hire, ...data },
    metadata: {
      ...hire,
      actor: 'bench',
      occurredAt: new Date(Date.UTC(2026, 0, 5) + index * 3_600_000).toISOString(),
      correlationId: 'wf-bench',
      causationId: `bench:${index}`,
      schemaVersion: 1,
    },
  };
}

/** The bench hire's stream: registered, started with 40 tasks, then reminders and completions. */
function hireEvents(): NewEvent[] {
  const items = Array.from({ length: 40 }, (_item, i) => ({
    id: `task:t${i}`,
    kind: 'preboarding-task',
    ownerRole: 'hr',
    dueDate: '2026-02-20',
  }));
  const events: NewEvent[] = [
    event('HireRegistered', { startDate: '2026-03-02', role: 'Jeugdzorgwerker' }, 0),
    event(
      'JourneyStarted',
      { startDate: '2026-03-02', templateId: 'bench', templateVersion: 1, endDate: '2026-08-29', items },
      1,
    ),
  ];
  for (let i = events.length; i < EVENTS; i += 1) {
    const itemId = `task:t${i % 40}`;
    events.push(
      i % 2 === 0
        ? event(
            'TaskReminderSent',
            { itemId, title: `Taak ${i}`, dueDate: '2026-02-20', ownerRole: 'hr', mailDelivered: false },
            i,
          )
        : event('TaskCompleted', { itemId }, i),
    );
  }
  return events;
}

async function appendHire(store: EventStore): Promise<void> {
  const events = hireEvents();
  for (let i = 0; i < events.length; i += 50) {
    await store.appendToStream(hireStreamName(hire), events.slice(i, i + 50), {
      expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
    });
  }
}

/** Other hires' completions, straight to the adapter in big batches: filling is not what is measured. */
async function appendOthers(adapter: SqliteEventStore, count: number, from: number): Promise<void> {
  const perHire = Math.max(1, Math.ceil(count / OTHER_HIRES));
  for (let written = 0; written < count; written += perHire) {
    const other = { organisationId: 'bench-org', hireId: `h-other-${from + written / perHire}` };
    const size = Math.min(perHire, count - written);
    await adapter.appendToStream(
      hireStreamName(other),
      Array.from({ length: size }, (_, i) => ({
        id: randomUUID(),
        type: 'TaskCompleted',
        data: { ...other, itemId: `task:t${i % 40}` },
        metadata: { ...other, actor: 'bench', occurredAt: '2026-01-05T08:00:00.000Z', schemaVersion: 1 },
      })),
      { expectedRevision: 'any' },
    );
  }
}

/** A store as production wires it over `adapter`: validation and upcasting on read, the hash chain on append. */
function production(adapter: SqliteEventStore, directory: string): EventStore {
  return withContracts(
    adapter,
    undefined,
    new ChainHeadLog(join(directory, 'heads.sqlite'), ChainSigningKey.ephemeral()),
  );
}

async function asOfTimings(store: EventStore): Promise<{ median: number; p95: number }> {
  const asOf = new Date(Date.UTC(2026, 0, 5) + (EVENTS / 2) * 3_600_000);
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const read: RecordedEvent[] = [];
    for await (const recorded of store.readStream(hireStreamName(hire))) read.push(recorded);
    const state = journeyStateAsOf(hire, read, asOf);
    if (!state) throw new Error('no state');
    if (read.length !== EVENTS) throw new Error(`read ${read.length} events of the hire, expected ${EVENTS}`);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { median: timings[Math.floor(timings.length / 2)]!, p95: timings[Math.floor(timings.length * 0.95)]! };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-bench-'));
  try {
    const smallDir = mkdtempSync(join(directory, 'small-'));
    const small = production(new SqliteEventStore(join(smallDir, 'events.sqlite')), smallDir);
    await appendHire(small);

    const largeDir = mkdtempSync(join(directory, 'large-'));
    const largeAdapter = new SqliteEventStore(join(largeDir, 'events.sqlite'));
    const filledAt = performance.now();
    await appendOthers(largeAdapter, Math.floor(OTHER_EVENTS / 2), 0);
    const large = production(largeAdapter, largeDir);
    await appendHire(large);
    await appendOthers(largeAdapter, OTHER_EVENTS - Math.floor(OTHER_EVENTS / 2), OTHER_HIRES);
    console.log(`${OTHER_EVENTS} other events written in ${((performance.now() - filledAt) / 1000).toFixed(1)} s`);

    // Alternate so drift on a shared machine hits both alike; the second pair of rounds is the one kept.
    await asOfTimings(small);
    await asOfTimings(large);
    const alone = await asOfTimings(small);
    const amongMany = await asOfTimings(large);
    await small.close();
    await large.close();

    const ratio = amongMany.median / alone.median;
    const row = (what: string, t: { median: number; p95: number }) =>
      `${what.padEnd(44)}${`${t.median.toFixed(2)} ms`.padStart(12)}${`${t.p95.toFixed(2)} ms`.padStart(12)}`;
    console.log(`\nState as of a date from a ${EVENTS}-event stream, ${RUNS} runs each\n`);
    console.log(`${'store'.padEnd(44)}${'median'.padStart(12)}${'p95'.padStart(12)}`);
    console.log('-'.repeat(68));
    console.log(row('only this hire', alone));
    console.log(row(`this hire among ${OTHER_EVENTS.toLocaleString('en-US')} other events`, amongMany));
    console.log(
      `\nratio ${ratio.toFixed(2)} (goal ≤ 2: ${ratio <= 2 ? 'met' : 'MISSED'}); median among many < 10 ms: ${amongMany.median < 10 ? 'met' : 'MISSED'}`,
    );
    recordBenchResult({
      bench: 'stateAsOf',
      what: `state as of a date, ${EVENTS}-event stream among ${OTHER_EVENTS} other events, median`,
      value: amongMany.median,
      baseline: 'the same, store holding only this hire',
      baselineValue: alone.median,
      unit: 'ms',
      ratio,
      goal: '< 10 ms and ≤ 2× the small store',
      met: amongMany.median < 10 && ratio <= 2,
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
