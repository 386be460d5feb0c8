/**
 * The auditor's "journey as of a date" from a 200-event hire stream: read the stream from the SQLite store (as
 * the API does, validated and upcast) and fold it (services/audit/journeyStateAsOf.ts).
 * Run: npx tsx bench/stateAsOf.bench.ts   (goal: < 10 ms per answer, median)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { journeyStateAsOf } from '../services/audit/journeyStateAsOf';
import type { NewEvent, RecordedEvent } from '../services/event-store/eventStore';
import { SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { hireStreamName } from '../services/event-store/streamNames';
import { withContracts } from '../services/event-store/withContracts';
import { recordBenchResult } from './support/benchResults';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
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

async function main(): Promise<void> {
  const store = withContracts(
    new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'soft-landing-bench-')), 'events.sqlite')),
  );
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
  const stream = hireStreamName(hire);
  for (let i = 0; i < events.length; i += 50) {
    await store.appendToStream(stream, events.slice(i, i + 50), {
      expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
    });
  }
  const asOf = new Date(Date.UTC(2026, 0, 5) + (EVENTS / 2) * 3_600_000);
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const read: RecordedEvent[] = [];
    for await (const recorded of store.readStream(stream)) read.push(recorded);
    const state = journeyStateAsOf(hire, read, asOf);
    if (!state) throw new Error('no state');
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)]!;
  const p95 = timings[Math.floor(timings.length * 0.95)]!;
  console.log(
    `state as of a date from a ${EVENTS}-event stream: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (goal < 10 ms) ${median < 10 ? 'OK' : 'MISSED'}`,
  );
  // No baseline is measured here: the figure stands beside its goal.
  recordBenchResult({
    bench: 'stateAsOf',
    what: `state as of a date, ${EVENTS}-event stream, median`,
    value: median,
    baseline: 'goal (no same-run baseline)',
    baselineValue: 10,
    unit: 'ms',
    ratio: median / 10,
    goal: '< 10 ms',
    met: median < 10,
  });
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
