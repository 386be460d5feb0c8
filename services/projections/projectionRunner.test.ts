import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BatchHandler, EventStore, RecordedEvent, SubscribeOptions } from '../event-store/eventStore';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import {
  ALL_PROJECTIONS,
  type Projection,
  type ReadModelDb,
  catchUp,
  hiresByStage,
  loadCheckpoint,
  openReadModels,
  openTasksForOwner,
  rebuild,
  startProjections,
} from './index';
import { HireScript, startSteps } from '../../test/fixtures/journeyScript';
import { CheckpointMovedError, applyBatch, matchesPrefixes } from './projection';
import { ORG, writeSampleJourneys } from '../../test/fixtures/sampleJourneys';

const TODAY = '2026-04-15';

/** Every row of every read-model table, in a stable order: two files with the same dump hold the same read models. */
function dump(db: ReadModelDb, projections: readonly Projection[] = ALL_PROJECTIONS): Record<string, string[]> {
  return Object.fromEntries(
    projections.flatMap((projection) =>
      projection.tables.map((table) => [
        table,
        db
          .prepare(`SELECT * FROM "${table}"`)
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    ),
  );
}

async function lastPositionFor(store: EventStore, projection: Projection): Promise<bigint | undefined> {
  let last: bigint | undefined;
  for await (const event of store.readAll({ streamPrefixes: projection.streamPrefixes })) last = event.position.commit;
  return last;
}

async function waitUntilCaughtUp(
  store: EventStore,
  db: ReadModelDb,
  projections: readonly Projection[] = ALL_PROJECTIONS,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (const projection of projections) {
    const target = await lastPositionFor(store, projection);
    while (target !== undefined && (loadCheckpoint(db, projection.name)?.position.commit ?? -1n) < target) {
      if (Date.now() > deadline) throw new Error(`${projection.name} did not catch up to ${target}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
  }
}

/** A store whose subscriptions deliver every batch twice and then again overlapping with the next: at-least-once at its worst. */
function stuttering(inner: EventStore): EventStore {
  return {
    appendToStream: (...args) => inner.appendToStream(...args),
    readStream: (...args) => inner.readStream(...args),
    readAll: (...args) => inner.readAll(...args),
    readAllBatches: (...args) => inner.readAllBatches(...args),
    close: () => inner.close(),
    subscribeToAll(options: SubscribeOptions, handler: BatchHandler) {
      let previous: readonly RecordedEvent[] = [];
      return inner.subscribeToAll(options, async (events) => {
        await handler(events);
        await handler(events);
        await handler([...previous.slice(-3), ...events]);
        previous = events;
      });
    },
  };
}

describe('projection runner', () => {
  let directory: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'soft-landing-projections-'));
    store = new SqliteEventStore(join(directory, 'events.sqlite'));
  });

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function rebuiltFromZero(): Promise<Record<string, string[]>> {
    const fresh = openReadModels(join(directory, `fresh-${Date.now()}-${Math.random()}.sqlite`));
    try {
      await rebuild(store, fresh, ALL_PROJECTIONS);
      return dump(fresh);
    } finally {
      fresh.close();
    }
  }

  it('follows the store live and ends where a rebuild from zero ends', async () => {
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    const runner = startProjections({ store, db, projections: ALL_PROJECTIONS, retryDelayMs: 10 });
    await writeSampleJourneys(store);
    await waitUntilCaughtUp(store, db);
    await runner.stop();

    expect(hiresByStage(db, ORG, 'preboarding', { today: TODAY }).items.map((hire) => hire.hireId)).toEqual([
      'h-fleur',
      'h-cor',
      'h-ida',
    ]);
    const live = dump(db);
    expect(live.open_tasks!.length).toBeGreaterThan(50);
    expect(live).toEqual(await rebuiltFromZero());

    // rebuild(name) in place: the same rows again.
    await rebuild(store, db, ALL_PROJECTIONS);
    expect(dump(db)).toEqual(live);
    db.close();
  });

  it('changes nothing when events are delivered twice, or overlapping', async () => {
    await writeSampleJourneys(store);
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    const runner = startProjections({ store: stuttering(store), db, projections: ALL_PROJECTIONS, retryDelayMs: 10 });
    await waitUntilCaughtUp(store, db);
    await runner.stop();
    expect(dump(db)).toEqual(await rebuiltFromZero());

    // The same batch handed over again, straight to the fold: skipped, checkpoint unmoved.
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll({ streamPrefixes: ['hire-'] })) events.push(event);
    const hires = ALL_PROJECTIONS.find((projection) => projection.name === 'hires')!;
    const before = dump(db);
    const checkpoint = loadCheckpoint(db, 'hires')!.position;
    expect(applyBatch(db, hires, checkpoint, events)).toEqual(checkpoint);
    expect(dump(db)).toEqual(before);
    db.close();
  });

  it('keeps its checkpoint across a restart and folds each event once', async () => {
    const path = join(directory, 'read-models.sqlite');
    const applied = new Map<string, number>();
    const counting = ALL_PROJECTIONS.map((projection) => ({
      ...projection,
      apply(db: ReadModelDb, event: RecordedEvent) {
        applied.set(`${projection.name}/${event.id}`, (applied.get(`${projection.name}/${event.id}`) ?? 0) + 1);
        projection.apply(db, event);
      },
    }));

    await writeSampleJourneys(store);
    let db = openReadModels(path);
    let runner = startProjections({ store, db, projections: counting, retryDelayMs: 10 });
    await waitUntilCaughtUp(store, db);
    await runner.stop();
    const checkpoints = counting.map((projection) => loadCheckpoint(db, projection.name)?.position);
    db.close();

    db = openReadModels(path);
    expect(counting.map((projection) => loadCheckpoint(db, projection.name)?.position)).toEqual(checkpoints);
    runner = startProjections({ store, db, projections: counting, retryDelayMs: 10 });
    const late = new HireScript(store, ORG, 'h-late');
    await late.append(...startSteps('2026-04-14', { startDate: '2026-05-11' }));
    await waitUntilCaughtUp(store, db);
    await runner.stop();

    expect([...applied.values()].every((count) => count === 1)).toBe(true);
    expect(applied.size).toBeGreaterThan(100);
    expect(hiresByStage(db, ORG, 'preboarding', { today: TODAY }).items.map((hire) => hire.hireId)).toContain('h-late');
    expect(dump(db)).toEqual(await rebuiltFromZero());
    db.close();
  });

  it('moves rows and checkpoint together: a fold that fails leaves neither behind', async () => {
    await writeSampleJourneys(store);
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll({ streamPrefixes: ['hire-'] })) events.push(event);
    const hires = ALL_PROJECTIONS.find((projection) => projection.name === 'hires')!;
    hires.setup(db);
    const failing: Projection = {
      ...hires,
      apply(database, event) {
        if (event.type === 'MentorAccepted') throw new Error('fold broke');
        hires.apply(database, event);
      },
    };
    expect(() => applyBatch(db, failing, undefined, events)).toThrow('fold broke');
    expect(loadCheckpoint(db, 'hires')).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) AS n FROM hires').get()).toEqual({ n: 0 });

    // A writer whose idea of the checkpoint is stale is refused, and nothing lands.
    applyBatch(db, hires, undefined, events.slice(0, 5));
    expect(() => applyBatch(db, hires, undefined, events.slice(5))).toThrow(CheckpointMovedError);
    expect(loadCheckpoint(db, 'hires')?.position).toEqual(events[4]!.position);
    db.close();
  });

  it('survives a rebuild from another process while it runs, and ends consistent', async () => {
    const path = join(directory, 'read-models.sqlite');
    const db = openReadModels(path);
    const runner = startProjections({ store, db, projections: ALL_PROJECTIONS, retryDelayMs: 10 });
    await writeSampleJourneys(store);
    await waitUntilCaughtUp(store, db);

    const other = openReadModels(path); // as the rebuild command would open it
    const rebuilding = rebuild(store, other, ALL_PROJECTIONS, { batchSize: 7 });
    const late = new HireScript(store, ORG, 'h-late');
    await late.append(...startSteps('2026-04-14', { startDate: '2026-05-11' }));
    await rebuilding;
    other.close();
    await waitUntilCaughtUp(store, db);
    await runner.stop();
    expect(dump(db)).toEqual(await rebuiltFromZero());
    db.close();
  });

  it('rebuilds one projection alone, and a projection whose version changed from zero', async () => {
    await writeSampleJourneys(store);
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    await rebuild(store, db, ALL_PROJECTIONS);
    const whole = dump(db);
    const mentorCheckpoint = loadCheckpoint(db, 'mentor_load');

    const openTasks = ALL_PROJECTIONS.find((projection) => projection.name === 'open_tasks')!;
    db.exec(`DELETE FROM open_tasks WHERE owner_role = 'team'`); // damage only this read model
    expect(openTasksForOwner(db, ORG, { ownerRole: 'team' }).items).toEqual([]);
    await rebuild(store, db, [openTasks]);
    expect(dump(db)).toEqual(whole);
    expect(loadCheckpoint(db, 'mentor_load')).toEqual(mentorCheckpoint);

    db.exec(`DELETE FROM hires`);
    const hires = ALL_PROJECTIONS.find((projection) => projection.name === 'hires')!;
    const hiresV2 = { ...hires, version: hires.version + 1 };
    await catchUp(store, db, [hiresV2]);
    expect(loadCheckpoint(db, 'hires')?.version).toBe(hires.version + 1);
    expect(dump(db, [hiresV2])).toEqual({ hires: whole.hires });
    db.close();
  });

  it('runs as a command: npx tsx services/projections/rebuildCommand.ts', async () => {
    await writeSampleJourneys(store);
    const readModelPath = join(directory, 'cli-read-models.sqlite');
    const { stdout } = await promisify(execFile)(
      resolve('node_modules/.bin/tsx'),
      [resolve('services/projections/rebuildCommand.ts'), 'all'],
      {
        env: {
          ...process.env,
          DATA_DIR: directory,
          SQLITE_PATH: store.path,
          READ_MODEL_PATH: readModelPath,
          ESDB_CONNECTION_STRING: '',
          LOG_LEVEL: 'warn',
        },
      },
    );
    expect(stdout).toMatch(/hires, open_tasks, mentor_load, retention: \d+ events in [\d.]+ s/);
    const db = openReadModels(readModelPath);
    expect(dump(db)).toEqual(await rebuiltFromZero());
    db.close();
  }, 60_000);

  it('moves its checkpoint past events of streams it does not read, so a restart does not read them again', async () => {
    await writeSampleJourneys(store);
    const others = Array.from({ length: 1_500 }, (_, i) => ({
      id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      type: 'AuditRead',
      data: {},
      metadata: {},
    }));
    const last = await store.appendToStream('audit-x', others, { expectedRevision: 'no_stream' });
    const db = openReadModels(join(directory, 'read-models.sqlite'));
    const runner = startProjections({ store, db, projections: ALL_PROJECTIONS, retryDelayMs: 10 });
    const deadline = Date.now() + 10_000;
    const behind = () =>
      ALL_PROJECTIONS.some(
        (projection) => (loadCheckpoint(db, projection.name)?.position.commit ?? 0n) < last.position.commit,
      );
    while (behind() && Date.now() < deadline) await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    await runner.stop();
    expect(behind()).toBe(false);
    // Moving the checkpoint folded nothing: the read models are what the events they read make of them.
    expect(dump(db)).toEqual(await rebuiltFromZero());
    db.close();
  });

  it('only feeds a projection the streams it asked for', () => {
    const [hires, openTasks, mentor] = ALL_PROJECTIONS;
    expect(matchesPrefixes(hires!, 'mentorpool-x')).toBe(false);
    expect(matchesPrefixes(openTasks!, 'journeytemplate-x.y')).toBe(true);
    expect(matchesPrefixes(mentor!, 'mentorpool-x')).toBe(true);
  });
});
