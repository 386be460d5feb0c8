/**
 * How fast the read models rebuild from zero, against bare better-sqlite3 writing the same rows.
 * Run: npx tsx bench/projectionRebuild.bench.ts      (goal: ≥ 50,000 events/s; BENCH_EVENTS to change the size)
 *
 * The store holds ~100k events of whole, landed journeys written as the workflow writes them (start, mentor asked
 * and accepted, reminders, every task and milestone completed, mails, survey, mentorship end, programme end) plus
 * the mentor pool's assignments and releases. The rebuild reads them through the store as production wires it
 * (withContracts: upcasting reads over the SQLite adapter) and folds them into all three projections, a transaction
 * per 5,000 events with the checkpoints. The floor is what any rebuild must do at least: bare better-sqlite3
 * reading and parsing the same events, plus inserting the rows the rebuild ended with into the same tables (same
 * indexes, pragmas and transaction size) with nothing to fold; each half is shown apart too. All rates are per
 * source event; best of 3 runs (BENCH_RUNS), wall time and CPU time both, because a shared machine's load moves
 * wall time a lot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays } from '../workflows/domain/calendar';
import { ChainHeadLog } from '../services/event-store/chainHeadLog';
import { ChainSigningKey } from '../services/event-store/chainSigningKey';
import { SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { withContracts } from '../services/event-store/withContracts';
import { hireStreamName } from '../services/event-store/streamNames';
import { ALL_PROJECTIONS, type Projection, type ReadModelDb, openReadModels, rebuild } from '../services/projections';
import { appendPoolEvent, mentorOffered, syntheticJourney, toNewEvents } from '../test/fixtures/journeyScript';
import { recordBenchResult } from './support/benchResults';

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH_SIZE = 5_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MENTORS = 200;
const ORGANISATIONS = ['rivierenland', 'jbwest', 'rvdk', 'molendrift'];

async function fill(store: SqliteEventStore): Promise<number> {
  let events = 0;
  for (const org of ORGANISATIONS) {
    for (let m = 0; m < MENTORS / ORGANISATIONS.length; m += 1) {
      await appendPoolEvent(
        store,
        org,
        'MentorOffered',
        mentorOffered(`m-${m}`, { maxMentees: 1000, hoursPerWeekAvailable: 5000 }),
        `offer:m-${m}`,
      );
      events += 1;
    }
  }
  for (let hire = 0; events < TARGET_EVENTS; hire += 1) {
    const org = ORGANISATIONS[hire % ORGANISATIONS.length]!;
    const hireId = `h-${String(hire).padStart(6, '0')}`;
    const mentorRef = `m-${hire % (MENTORS / ORGANISATIONS.length)}`;
    const steps = syntheticJourney(addDays('2024-01-01', hire % 700), mentorRef);
    await store.appendToStream(hireStreamName({ organisationId: org, hireId }), toNewEvents(org, hireId, steps), {
      expectedRevision: 'no_stream',
    });
    for (const [type, change] of [
      ['MentorAssigned', 'assign'],
      ['MentorReleased', 'release'],
    ] as const) {
      await appendPoolEvent(
        store,
        org,
        type,
        { mentorRef, hireId, hoursPerWeek: 5 },
        `${change}:${hireId}:${mentorRef}`,
      );
    }
    events += steps.length + 2;
  }
  return events;
}

interface Measured {
  readonly what: string;
  readonly events: number;
  readonly seconds: number;
  /** CPU time of this process: less at the mercy of other processes on a shared machine than wall time. */
  readonly cpuSeconds: number;
}

async function measure(what: string, events: number, work: () => Promise<unknown> | unknown): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { what, events, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** Best of `runs`: the run least disturbed by everything else on the machine. */
async function best(runs: number, run: () => Promise<Measured>): Promise<Measured> {
  let fastest: Measured | undefined;
  for (let i = 0; i < runs; i += 1) {
    const measured = await run();
    if (!fastest || measured.seconds < fastest.seconds) fastest = measured;
  }
  return fastest!;
}

/** Baseline: the final rows of every read-model table inserted raw into a fresh file with the same schema. */
async function rawInserts(path: string, source: ReadModelDb, events: number): Promise<Measured> {
  const tables = ALL_PROJECTIONS.flatMap((projection) => projection.tables).map((table) => ({
    rows: source.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][],
    columns: source
      .prepare(`SELECT * FROM "${table}" LIMIT 0`)
      .columns()
      .map((column) => column.name),
    table,
  }));
  const total = tables.reduce((sum, table) => sum + table.rows.length, 0);
  rmSync(path, { force: true });
  const target = openReadModels(path);
  for (const projection of ALL_PROJECTIONS) projection.setup(target);
  const work = tables.flatMap(({ table, columns, rows }) => {
    const insert = target.prepare(
      `INSERT INTO "${table}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    return rows.map((row) => ({ insert, row }));
  });
  const write = target.transaction((slice: typeof work) => {
    for (const { insert, row } of slice) insert.run(...row);
  });
  const measured = await measure(`raw better-sqlite3 inserts of the ${total} resulting rows`, events, () => {
    for (let i = 0; i < work.length; i += BATCH_SIZE) write(work.slice(i, i + BATCH_SIZE));
  });
  target.close();
  return measured;
}

/** The floor under any rebuild: bare better-sqlite3 reading the same events and parsing their JSON. */
async function rawRead(path: string): Promise<Measured> {
  const db = new Database(path, { readonly: true });
  const select = db.prepare<
    [number, number],
    { position: number; data: string; metadata: string; recorded_at: string }
  >(`SELECT position, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?`);
  let count = 0;
  const measured = await measure('raw better-sqlite3 read + JSON.parse of the same events', 0, () => {
    let after = 0;
    for (;;) {
      const rows = select.all(after, 500);
      for (const row of rows) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        new Date(row.recorded_at);
      }
      count += rows.length;
      if (rows.length < 500) return;
      after = rows[rows.length - 1]!.position;
    }
  });
  db.close();
  return { ...measured, events: count };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-projection-bench-'));
  try {
    const eventsPath = join(directory, 'events.sqlite');
    const store = new SqliteEventStore(eventsPath);
    const filledAt = process.hrtime.bigint();
    const written = await fill(store);
    process.stdout.write(
      `${written} events written in ${(Number(process.hrtime.bigint() - filledAt) / 1e9).toFixed(1)} s\n`,
    );

    // Filled through the bare adapter (setup, not measured); read as every service reads it.
    const production = withContracts(
      store,
      undefined,
      new ChainHeadLog(join(directory, 'chain-heads.sqlite'), ChainSigningKey.ephemeral()),
    );
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    await rebuild(production, db, ALL_PROJECTIONS, { batchSize: BATCH_SIZE }); // warm-up: JIT, page cache
    const rebuildAll = (what: string, projections: readonly Projection[]) => async () => {
      let events = 0;
      const measured = await measure(what, 0, async () => {
        events = (await rebuild(production, db, projections, { batchSize: BATCH_SIZE })).events;
      });
      return { ...measured, events };
    };
    const all = await best(
      RUNS,
      rebuildAll(`rebuild all (${ALL_PROJECTIONS.map((projection) => projection.name).join(', ')})`, ALL_PROJECTIONS),
    );
    const singles: Measured[] = [];
    for (const projection of ALL_PROJECTIONS)
      singles.push(await best(1, rebuildAll(`rebuild ${projection.name} alone`, [projection])));
    await rebuild(production, db, ALL_PROJECTIONS, { batchSize: BATCH_SIZE });
    const inserts = await best(RUNS, () => rawInserts(join(directory, 'raw.sqlite'), db, all.events));
    const read = await best(RUNS, () => rawRead(eventsPath));
    db.close();
    await production.close();
    // Reading and writing happen one after the other in a rebuild, so their floors add up.
    const floor: Measured = {
      what: 'floor: raw read + JSON.parse, then raw inserts',
      events: all.events,
      seconds: read.seconds + inserts.seconds,
      cpuSeconds: read.cpuSeconds + inserts.cpuSeconds,
    };

    const rate = (measured: Measured) => measured.events / measured.seconds;
    const cpuRate = (measured: Measured) => measured.events / measured.cpuSeconds;
    const number = (value: number) => Math.round(value).toLocaleString('en');
    const lines = [
      `| what | events | wall s | events/s | events per CPU-s | ratio to the floor |`,
      '|---|---:|---:|---:|---:|---:|',
      ...[all, ...singles, floor, read, inserts].map(
        (measured) =>
          `| ${measured.what} | ${measured.events} | ${measured.seconds.toFixed(3)} | ${number(rate(measured))} | ${number(cpuRate(measured))} | ` +
          `${(rate(measured) / rate(floor)).toFixed(2)} |`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    recordBenchResult({
      bench: 'projectionRebuild',
      what: 'rebuild all read models',
      value: rate(all),
      baseline: 'raw read + raw inserts',
      baselineValue: rate(floor),
      unit: 'events/s',
      ratio: rate(all) / rate(floor),
      goal: '≥ 50,000 events/s',
      met: rate(all) >= 50_000,
    });
    process.stdout.write(
      `goal ≥ 50,000 events/s for a full rebuild: ${rate(all) >= 50_000 ? 'met' : 'NOT met'} (${number(rate(all))} events/s wall, ` +
        `${number(cpuRate(all))} per CPU-second; best of ${RUNS}; load average ${loadavg()
          .map((load) => load.toFixed(1))
          .join(' ')} on ${cpus().length} CPUs)\n`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
