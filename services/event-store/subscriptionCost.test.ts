import Database from 'better-sqlite3';
import { createLogger } from '../shared/logger';
import type { CheckpointStore, EventStore, RecordedEvent } from './eventStore';
import { startResumingSubscription } from './resumingSubscription';
import { SqliteEventStore } from './sqliteEventStore';
import { HIRE_STREAM_PREFIX } from './streamNames';
import { withContracts } from './withContracts';
import { auditReads } from '../../test/support/eventStoreFill';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

/**
 * What an append costs the subscriptions, counted (not timed): the rows of `events` every read of `$all` could
 * have visited, from the position it reads after up to the bound it reads to (the head, when it has none).
 */
interface ReadOfAll {
  readonly after: bigint;
  readonly upTo: bigint | undefined;
}

const logger = createLogger('subscription-cost-test', 'silent');
const UNRELATED = 3_000;

/** The reads of `$all` made (by any subscription in this process) while `work` runs, and what `work` returned. */
async function readsOfAllDuring<T>(work: () => Promise<T>): Promise<{ reads: ReadOfAll[]; result: T }> {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { all: (...args: unknown[]) => unknown };
  probe.close();
  const original = prototype.all;
  const reads: ReadOfAll[] = [];
  prototype.all = function (this: { source: string }, ...args: unknown[]) {
    if (/FROM events WHERE position > \?/.test(this.source)) {
      const bounded = /position <= \?/.test(this.source);
      reads.push({ after: BigInt(args[0] as bigint), upTo: bounded ? BigInt(args[1] as bigint) : undefined });
    }
    return original.apply(this, args);
  };
  try {
    return { reads, result: await work() };
  } finally {
    prototype.all = original;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rowsVisited(path: string, reads: readonly ReadOfAll[]): number {
  const db = new Database(path, { readonly: true });
  const count = db.prepare<[bigint, bigint], { n: number }>(
    `SELECT COUNT(*) AS n FROM events WHERE position > ? AND position <= ?`,
  );
  const head = BigInt(db.prepare<[], { head: number }>(`SELECT MAX(position) AS head FROM events`).get()!.head);
  const visited = reads.reduce((sum, read) => sum + count.get(read.after, read.upTo ?? head)!.n, 0);
  db.close();
  return visited;
}

const hireEvent = (index: number) => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  type: 'HireRegistered',
  data: {
    organisationId: 'demo',
    hireId: `h-${index}`,
    startDate: '2027-02-01',
    role: 'Jeugdzorgwerker',
    team: 'Team Rivierenland',
  },
  metadata: {
    organisationId: 'demo',
    hireId: `h-${index}`,
    actor: 'test',
    occurredAt: '2026-12-01T00:00:00.000Z',
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  },
});

async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await pause(20);
  }
}

function follow(store: EventStore & CheckpointStore, name: string, seen: RecordedEvent[]) {
  return startResumingSubscription({
    store,
    checkpoints: store,
    subscriberName: name,
    streamPrefixes: [HIRE_STREAM_PREFIX],
    logger,
    handler: () => async (events) => {
      seen.push(...events);
      await store.save(name, events[events.length - 1]!.position);
    },
  });
}

describe('subscriptions on the SQLite store cost the same per append, however many unrelated events came before', () => {
  const directory = temporaryDirectory('subscription-cost');
  let path: string;

  beforeEach(() => {
    path = directory.file('events.sqlite');
  });

  it(`an audit append after ${UNRELATED} audit events makes the hire subscriptions read a handful of rows, not thousands`, async () => {
    const store = withContracts(new SqliteEventStore(path));
    await store.appendToStream('hire-demo.h-1', [hireEvent(1)], { expectedRevision: 'no_stream' });
    await auditReads(store, UNRELATED);
    const seen: RecordedEvent[] = [];
    const subscriptions = [follow(store, 'relay-like', seen), follow(store, 'feed-like', seen)];
    await waitUntil(() => seen.length === 2);
    // Idle: every subscription has read up to the head.
    await pause(300);

    const { reads } = await readsOfAllDuring(async () => {
      await auditReads(store, 1);
      // Past a cross-process poll: whatever the subscriptions read for it, they have read by then.
      await pause(400);
    });
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    await store.close();

    // At most the new row for each of the two subscriptions (the old scan visited all 3,001 non-hire events each).
    expect(rowsVisited(path, reads)).toBeLessThanOrEqual(4);
  });

  it('a checkpoint past filtered-out events is saved, and a restart reads on from there, not from the last hire event', async () => {
    const first = withContracts(new SqliteEventStore(path));
    const hire = await first.appendToStream('hire-demo.h-1', [hireEvent(1)], { expectedRevision: 'no_stream' });
    await auditReads(first, UNRELATED);
    const head = hire.position.commit + BigInt(UNRELATED);
    const seen: RecordedEvent[] = [];
    const running = follow(first, 'relay-like', seen);
    await waitUntil(async () => ((await first.load('relay-like'))?.commit ?? 0n) >= head);
    await running.stop();
    await first.close();
    expect(seen.map((event) => event.id)).toEqual([hireEvent(1).id]);

    const reopened = withContracts(new SqliteEventStore(path));
    await reopened.appendToStream('hire-demo.h-2', [hireEvent(2)], { expectedRevision: 'no_stream' });
    const again: RecordedEvent[] = [];
    const { reads, result: resumed } = await readsOfAllDuring(async () => {
      const subscription = follow(reopened, 'relay-like', again);
      await waitUntil(() => again.length === 1);
      return subscription;
    });
    await resumed.stop();
    await reopened.close();
    expect(again.map((event) => event.id)).toEqual([hireEvent(2).id]);
    expect(rowsVisited(path, reads)).toBeLessThanOrEqual(2);
  });

  it('a checkpoint as the code before stored it (the last hire event handled) is resumed right after it', async () => {
    const store = new SqliteEventStore(path);
    const contracted = withContracts(store);
    const hire = await contracted.appendToStream('hire-demo.h-1', [hireEvent(1)], { expectedRevision: 'no_stream' });
    await auditReads(contracted, 10);
    await contracted.appendToStream('hire-demo.h-2', [hireEvent(2)], { expectedRevision: 'no_stream' });
    await contracted.close();
    const raw = new Database(path);
    raw
      .prepare(`INSERT INTO checkpoints (subscriber, position, updated_at) VALUES (?, ?, ?)`)
      .run('relay-like', `${hire.position.commit}/${hire.position.prepare}`, new Date().toISOString());
    raw.close();

    const reopened = withContracts(new SqliteEventStore(path));
    const seen: RecordedEvent[] = [];
    const running = follow(reopened, 'relay-like', seen);
    await waitUntil(() => seen.length === 1);
    await pause(300);
    await running.stop();
    await reopened.close();
    expect(seen.map((event) => event.id)).toEqual([hireEvent(2).id]);
  });

  it('saving and loading checkpoints, appending and subscribing prepare no statement after the store is open', async () => {
    const store = withContracts(new SqliteEventStore(path));
    await store.appendToStream('hire-demo.h-1', [hireEvent(1)], { expectedRevision: 'no_stream' });
    await auditReads(store, 1);
    const seen: RecordedEvent[] = [];
    const running = follow(store, 'relay-like', seen);
    await waitUntil(() => seen.length === 1);
    const prototype = Database.prototype as unknown as { prepare: (...args: unknown[]) => unknown };
    const original = prototype.prepare;
    let prepared = 0;
    prototype.prepare = function (this: unknown, ...args: unknown[]) {
      prepared += 1;
      return original.apply(this, args);
    };
    try {
      for (let i = 0; i < 20; i += 1) {
        await auditReads(store, 1);
        await store.save('relay-like', (await store.load('relay-like'))!);
      }
      await store.appendToStream('hire-demo.h-1', [hireEvent(2)], { expectedRevision: 0n });
      await waitUntil(() => seen.length === 2);
    } finally {
      prototype.prepare = original;
    }
    await running.stop();
    await store.close();
    expect(prepared).toBe(0);
  });

  it('an idle subscription passes over appends to streams it leaves out without reading the store at all', async () => {
    const store = withContracts(new SqliteEventStore(path));
    await store.appendToStream('hire-demo.h-1', [hireEvent(1)], { expectedRevision: 'no_stream' });
    const seen: RecordedEvent[] = [];
    const running = follow(store, 'relay-like', seen);
    await waitUntil(() => seen.length === 1);
    await pause(50);

    const { reads } = await readsOfAllDuring(async () => {
      await auditReads(store, 50);
      await pause(50);
    });
    expect(reads).toEqual([]);

    // Then a hire event: read and handed out once, right after the audit events passed over.
    await store.appendToStream('hire-demo.h-2', [hireEvent(2)], { expectedRevision: 'no_stream' });
    await waitUntil(() => seen.length === 2);
    await pause(300);
    await running.stop();
    await store.close();
    expect(seen.map((event) => event.id)).toEqual([hireEvent(1).id, hireEvent(2).id]);
  });

  it(`passing over ${UNRELATED} unrelated appends one at a time offers checkpoints past them, a few, not one each`, async () => {
    const store = new SqliteEventStore(path);
    const contracted = withContracts(store);
    await contracted.appendToStream('hire-demo.h-1', [hireEvent(1)], { expectedRevision: 'no_stream' });
    const seen: RecordedEvent[] = [];
    const running = follow(contracted, 'relay-like', seen);
    await waitUntil(() => seen.length === 1);
    const original = store.save.bind(store);
    let saves = 0;
    store.save = async (name, position) => {
      saves += 1;
      await original(name, position);
    };
    await auditReads(contracted, UNRELATED);
    await waitUntil(async () => ((await store.load('relay-like'))?.commit ?? 0n) >= BigInt(UNRELATED - 999));
    await running.stop();
    await store.close();
    expect(saves).toBeGreaterThanOrEqual(2);
    expect(saves).toBeLessThanOrEqual(UNRELATED / 1_000 + 1);
  });

  it('hire and unrelated events appended in turn are each handed out once, in order, none skipped', async () => {
    const store = withContracts(new SqliteEventStore(path));
    const seen: RecordedEvent[] = [];
    const running = follow(store, 'relay-like', seen);
    const expected: string[] = [];
    for (let i = 1; i <= 40; i += 1) {
      await store.appendToStream(`hire-demo.h-${i}`, [hireEvent(i)], { expectedRevision: 'no_stream' });
      expected.push(hireEvent(i).id);
      await auditReads(store, i % 3);
      // Sometimes let the subscription catch up and wait, sometimes not.
      if (i % 4 === 0) await pause(5);
    }
    await waitUntil(() => seen.length >= 40);
    await pause(300);
    await running.stop();
    await store.close();
    expect(seen.map((event) => event.id)).toEqual(expected);
  });
});
