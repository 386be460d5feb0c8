/**
 * How much the event store costs over bare better-sqlite3, and how fast one hire's state is rebuilt.
 * Run: npx tsx bench/eventStoreAppend.bench.ts   (goals: ratio ≥ 0.5; rebuild of 200 events < 10 ms)
 * Every side writes the same contract-valid events, to files in the same temporary directory, with the same
 * pragmas, one transaction per append. Two stores are measured against the raw insert: the bare adapter (its own
 * work: expected-revision and idempotency checks) and the store as production wires it (withContracts: schema
 * validation and the hash chain with its signed head log), which is what every service appends through.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChainHeadLog } from '../services/event-store/chainHeadLog';
import { ChainSigningKey } from '../services/event-store/chainSigningKey';
import type { EventStore, NewEvent, RecordedEvent } from '../services/event-store/eventStore';
import { EVENTS_TABLE, SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { hireStreamName } from '../services/event-store/streamNames';
import { withContracts } from '../services/event-store/withContracts';
import { recordBenchResult } from './support/benchResults';

const SINGLE_APPENDS = Number(process.env.BENCH_SINGLE_APPENDS ?? 20_000);
const BATCH_APPENDS = Number(process.env.BENCH_BATCH_APPENDS ?? 4_000);
const BATCH_SIZE = 10;
const HISTORY_LENGTH = 200;
const REBUILD_RUNS = 200;

const ORGANISATION = 'jeugdzorg-west';

/** A hire stream as production names it: the hash chain applies to these only. */
const streamOf = (label: string, index: number) =>
  hireStreamName({ organisationId: ORGANISATION, hireId: `h-${label}${index}` });

function journeyEvent(index: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'TaskCompleted',
    data: { organisationId: ORGANISATION, hireId: 'h-0042', itemId: `task:t${index % 7}` },
    metadata: {
      organisationId: 'jeugdzorg-west',
      hireId: 'h-0042',
      actor: 'system:journey',
      occurredAt: '2026-09-01T08:00:00.000Z',
      correlationId: 'hire-journey:jeugdzorg-west:h-0042',
      causationId: 'run/1',
      schemaVersion: 1,
    },
  };
}

/** Ids are made before the clock starts: neither side should pay for randomUUID. */
function batches(count: number, size: number): NewEvent[][] {
  return Array.from({ length: count }, (_, b) => Array.from({ length: size }, (_, i) => journeyEvent(b * size + i)));
}

async function storeRate(store: EventStore, work: NewEvent[][], label: string): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < work.length; i += 1) {
    await store.appendToStream(streamOf(label, i), work[i]!, { expectedRevision: 'no_stream' });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (work.length * work[0]!.length) / seconds;
}

function rawRate(path: string, work: NewEvent[][], label: string): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(EVENTS_TABLE);
  const insert = db.prepare(
    `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const append = db.transaction((stream: string, events: NewEvent[]) => {
    const recordedAt = new Date().toISOString();
    events.forEach((event, revision) => {
      insert.run(
        event.id,
        stream,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
    });
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < work.length; i += 1) append(streamOf(label, i), work[i]!);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return (work.length * work[0]!.length) / seconds;
}

interface HireState {
  events: number;
  done: ReadonlySet<unknown>;
  lastTaskAt?: unknown;
}

function evolve(state: HireState, event: RecordedEvent): HireState {
  return {
    events: state.events + 1,
    done: new Set(state.done).add(event.data.itemId),
    lastTaskAt: event.metadata.occurredAt,
  };
}

async function rebuildTimes(path: string): Promise<{ median: number; p95: number; first: number }> {
  const store = production(path);
  const stream = streamOf('rebuild', 0);
  await store.appendToStream(stream, batches(1, HISTORY_LENGTH)[0]!, { expectedRevision: 'no_stream' });
  const times: number[] = [];
  for (let run = 0; run < REBUILD_RUNS; run += 1) {
    const started = process.hrtime.bigint();
    let state: HireState = { events: 0, done: new Set() };
    for await (const event of store.readStream(stream)) state = evolve(state, event);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (state.events !== HISTORY_LENGTH) throw new Error(`rebuilt ${state.events} events, expected ${HISTORY_LENGTH}`);
  }
  await store.close();
  const sorted = [...times].sort((a, b) => a - b);
  return {
    first: times[0]!,
    median: sorted[Math.floor(sorted.length / 2)]!,
    p95: sorted[Math.floor(sorted.length * 0.95)]!,
  };
}

const adapter = (path: string): EventStore => new SqliteEventStore(path);

/** As openEventStore wires it: the adapter inside validation and the hash chain, its heads signed in a log beside it. */
const production = (path: string): EventStore =>
  withContracts(
    new SqliteEventStore(path),
    undefined,
    new ChainHeadLog(`${path}-heads.sqlite`, ChainSigningKey.ephemeral()),
  );

async function rateOf(open: (path: string) => EventStore, path: string, work: NewEvent[][], label: string) {
  const store = open(path);
  try {
    return await storeRate(store, work, label);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-bench-'));
  try {
    // A short warm-up on throwaway files, so neither side pays for the JIT or the first file growth.
    await rateOf(adapter, join(directory, 'warm-adapter.sqlite'), batches(1_000, 1), 'w');
    await rateOf(production, join(directory, 'warm-production.sqlite'), batches(1_000, 1), 'w');
    rawRate(join(directory, 'warm-raw.sqlite'), batches(1_000, 1), 'w');

    const single = batches(SINGLE_APPENDS, 1);
    const batched = batches(BATCH_APPENDS, BATCH_SIZE);
    const rows = [
      {
        workload: `1 event per append (${SINGLE_APPENDS} appends)`,
        adapter: await rateOf(adapter, join(directory, 'a1.sqlite'), single, 's'),
        production: await rateOf(production, join(directory, 'p1.sqlite'), single, 's'),
        raw: rawRate(join(directory, 'r1.sqlite'), single, 's'),
      },
      {
        workload: `${BATCH_SIZE} events per append (${BATCH_APPENDS} appends)`,
        adapter: await rateOf(adapter, join(directory, 'a10.sqlite'), batched, 'b'),
        production: await rateOf(production, join(directory, 'p10.sqlite'), batched, 'b'),
        raw: rawRate(join(directory, 'r10.sqlite'), batched, 'b'),
      },
    ];
    const rebuild = await rebuildTimes(join(directory, 'rebuild.sqlite'));

    const pad = (text: string, width: number) => text.padEnd(width);
    const num = (value: number) => Math.round(value).toLocaleString('en-US').padStart(12);
    console.log('\nSQLite event store: append throughput to distinct hire streams (events/s)\n');
    console.log(
      `${pad('workload', 36)}${pad('store', 26)}${'events/s'.padStart(12)}${'raw insert'.padStart(12)}${'ratio'.padStart(8)}  goal ≥ 0.5`,
    );
    console.log('-'.repeat(108));
    for (const row of rows) {
      for (const [store, rate] of [
        ['adapter alone', row.adapter],
        ['production (withContracts)', row.production],
      ] as const) {
        const ratio = rate / row.raw;
        console.log(
          `${pad(row.workload, 36)}${pad(store, 26)}${num(rate)}${num(row.raw)}${ratio.toFixed(2).padStart(8)}  ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
        );
        recordBenchResult({
          bench: 'eventStoreAppend',
          what: `${store}, ${row.workload}`,
          value: rate,
          baseline: 'raw insert',
          baselineValue: row.raw,
          unit: 'events/s',
          ratio,
          goal: 'ratio ≥ 0.5',
          met: ratio >= 0.5,
        });
      }
    }
    console.log(
      `\nRebuild one hire's state from a ${HISTORY_LENGTH}-event stream through the production store (read + fold), ${REBUILD_RUNS} runs\n`,
    );
    console.log(`${pad('first run', 16)}${pad('median', 12)}${pad('p95', 12)}goal < 10 ms`);
    console.log('-'.repeat(52));
    const ms = (value: number) => pad(`${value.toFixed(2)} ms`, 12);
    console.log(
      `${pad(`${rebuild.first.toFixed(2)} ms`, 16)}${ms(rebuild.median)}${ms(rebuild.p95)}${rebuild.p95 < 10 ? 'met' : 'MISSED'}\n`,
    );
    recordBenchResult({
      bench: 'eventStoreAppend',
      what: `rebuild one hire (${HISTORY_LENGTH} events), p95`,
      value: rebuild.p95,
      baseline: 'median',
      baselineValue: rebuild.median,
      unit: 'ms',
      ratio: rebuild.p95 / rebuild.median,
      goal: 'p95 < 10 ms',
      met: rebuild.p95 < 10,
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
