import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSchemas } from '../../services/event-store/eventSchemas';
import { startResumingSubscription } from '../../services/event-store/resumingSubscription';
import { createLogger } from '../../services/shared/logger';
import {
  type CheckpointStore,
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
  StaleFencingToken,
  WrongExpectedRevisionError,
} from '../../services/event-store/eventStore';

export type StoreUnderTest = EventStore & CheckpointStore;

export interface ContractFixture {
  /** Each call opens a store on the same storage, so a reopened store must see what a closed one wrote. */
  open(): Promise<StoreUnderTest>;
  dispose(): Promise<void>;
}

/**
 * The one behaviour every adapter must have. Stream names carry a fresh prefix per test because an EventStoreDB
 * server is shared by all tests of a run: nothing here may assume an empty store.
 */
export function eventStoreContract(name: string, createFixture: () => Promise<ContractFixture>): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: ContractFixture;
    let store: StoreUnderTest;
    const opened: StoreUnderTest[] = [];
    let prefix: string;

    const open = async (): Promise<StoreUnderTest> => {
      const next = await fixture.open();
      opened.push(next);
      return next;
    };
    const stream = (label: string): string => `${prefix}${label}`;

    beforeEach(async () => {
      fixture = await createFixture();
      store = await open();
      prefix = `contract${randomUUID().replace(/-/g, '').slice(0, 12)}-`;
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close().catch(() => undefined);
      await fixture.dispose();
    });

    describe('appending with an expected revision', () => {
      it('creates a stream with no_stream and refuses no_stream once it exists, reporting the actual revision', async () => {
        const s = stream('a');
        const first = await store.appendToStream(s, events(2), { expectedRevision: 'no_stream' });
        expect(first.nextExpectedRevision).toBe(1n);

        const conflict = await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' }).catch((e) => e);
        expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
        expect(conflict).toMatchObject({ streamName: s, expected: 'no_stream', actual: 1n });
      });

      it('appends at the exact revision and refuses a stale one', async () => {
        const s = stream('a');
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(s, events(1), { expectedRevision: 0n });
        expect(second.nextExpectedRevision).toBe(1n);

        const stale = await store.appendToStream(s, events(1), { expectedRevision: 0n }).catch((e) => e);
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect(stale).toMatchObject({ expected: 0n, actual: 1n });
        expect(await typesIn(store, s)).toHaveLength(2);
      });

      it('refuses an exact revision on a missing stream with actual no_stream', async () => {
        const error = await store.appendToStream(stream('a'), events(1), { expectedRevision: 3n }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ actual: 'no_stream' });
      });

      it('stream_exists appends to an existing stream and refuses a missing one', async () => {
        const missing = await store
          .appendToStream(stream('missing'), events(1), { expectedRevision: 'stream_exists' })
          .catch((e) => e);
        expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
        expect(missing).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });

        const s = stream('a');
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(s, events(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('any appends whatever the stream holds', async () => {
        const s = stream('a');
        expect((await store.appendToStream(s, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(s, events(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2n);
      });

      it('reports the position of the last appended event, usable as an exclusive `after`', async () => {
        const s = stream('a');
        const before = await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const batch = await store.appendToStream(s, events(3), { expectedRevision: 0n });
        const read = await collect(store.readStream(s));
        expect(read[3]!.position).toEqual(batch.position);
        expect(read[0]!.position).toEqual(before.position);
        expect(await collect(store.readAll({ after: batch.position, streamPrefixes: [prefix] }))).toEqual([]);
      });
    });

    describe('what the port promises under load and races', () => {
      it('of two writers at the same expected revision exactly one wins; the other gets WrongExpectedRevisionError', async () => {
        const s = stream('a');
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const other = await open();
        const [mine, theirs] = [events(1), events(1)];
        const results = await Promise.allSettled([
          store.appendToStream(s, mine, { expectedRevision: 0n }),
          other.appendToStream(s, theirs, { expectedRevision: 0n }),
        ]);
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(lost[0]!.reason).toMatchObject({ expected: 0n, actual: 1n });
        const ids = (await collect(store.readStream(s))).map((e) => e.id);
        expect(ids).toHaveLength(2);
        expect([mine[0]!.id, theirs[0]!.id]).toContain(ids[1]);
      });

      it('a batch of over 500 events is written whole and read, subscribed and batched whole, in order', async () => {
        const s = stream('big');
        const batch = events(750);
        const result = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(749n);
        expect((await collect(store.readStream(s))).map((e) => e.id)).toEqual(batch.map((e) => e.id));
        expect((await collect(store.readAllBatches({ streamPrefixes: [s] }))).map((b) => b.length)).toEqual([500, 250]);
        const handed: number[] = [];
        const seen: string[] = [];
        const subscription = store.subscribeToAll({ streamPrefixes: [s] }, async (events) => {
          handed.push(events.length);
          seen.push(...events.map((e) => e.id));
        });
        await waitUntil(() => seen.length >= 750, 20_000);
        await subscription.stop();
        expect(seen).toEqual(batch.map((e) => e.id));
        expect(Math.max(...handed)).toBeLessThanOrEqual(500);
      }, 30_000);
    });

    describe('idempotent appends', () => {
      it('a repeat of the same ids returns the original result and writes nothing', async () => {
        const s = stream('a');
        const batch = events(3);
        const original = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        const repeat = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        expect(repeat).toEqual(original);
        expect((await collect(store.readStream(s))).map((e) => e.id)).toEqual(batch.map((e) => e.id));
        expect(await collect(store.readAll({ streamPrefixes: [prefix] }))).toHaveLength(3);
      });

      it('a repeat with expected revision any returns the original result and writes nothing', async () => {
        const s = stream('a');
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const batch = events(2);
        const original = await store.appendToStream(s, batch, { expectedRevision: 'any' });
        expect(await store.appendToStream(s, batch, { expectedRevision: 'any' })).toEqual(original);
        expect(await typesIn(store, s)).toHaveLength(3);
      });

      it('a repeat of a later batch, at its own expected revision, returns that batch’s result', async () => {
        const s = stream('a');
        await store.appendToStream(s, events(2), { expectedRevision: 'no_stream' });
        const later = events(2);
        const original = await store.appendToStream(s, later, { expectedRevision: 1n });
        expect(await store.appendToStream(s, later, { expectedRevision: 1n })).toEqual(original);
        expect(await typesIn(store, s)).toHaveLength(4);
      });

      it('a batch that overlaps an earlier one only in part is a conflict and writes nothing', async () => {
        const s = stream('a');
        const [first, second] = events(2) as [NewEvent, NewEvent];
        await store.appendToStream(s, [first], { expectedRevision: 'no_stream' });
        const error = await store.appendToStream(s, [first, second], { expectedRevision: 'no_stream' }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: s, expected: 'no_stream', actual: 0n });
        expect((await collect(store.readStream(s))).map((e) => e.id)).toEqual([first.id]);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards with the data, metadata and attribution as written', async () => {
        const s = stream('a');
        const written: NewEvent = {
          id: randomUUID(),
          type: 'SomethingHappened',
          data: { hireId: 'h-1', startDate: '2026-09-01', nested: { list: [1, 'two', null] } },
          metadata: { actor: 'hr:anna', correlationId: 'c-1' },
        };
        const before = Date.now();
        await store.appendToStream(s, [written], { expectedRevision: 'no_stream' });
        const [read] = await collect(store.readStream(s));
        expect(read).toMatchObject({ ...written, streamName: s, revision: 0n });
        expect(read!.recordedAt).toBeInstanceOf(Date);
        // Server clocks may differ a little from ours; a minute is far outside any real skew here.
        expect(Math.abs(read!.recordedAt.getTime() - before)).toBeLessThan(60_000);
      });

      it('reads forwards from a revision, backwards from the end or a revision, with maxCount', async () => {
        const s = stream('a');
        await store.appendToStream(s, events(5), { expectedRevision: 'no_stream' });
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await collect(store.readStream(s, options))).map((e) => e.revision);

        expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n, 4n]);
        expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
        expect(await revisions({ direction: 'backwards' })).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([4n, 3n]);
        expect(await revisions({ direction: 'backwards', fromRevision: 2n })).toEqual([2n, 1n, 0n]);
        expect(await revisions({ fromRevision: 9n })).toEqual([]);
      });

      it('reads a missing stream as empty, in both directions', async () => {
        expect(await collect(store.readStream(stream('nothing')))).toEqual([]);
        expect(await collect(store.readStream(stream('nothing'), { direction: 'backwards' }))).toEqual([]);
      });
    });

    describe('reading $all', () => {
      it('keeps one global order across streams, the order in which appends happened', async () => {
        const appended: string[] = [];
        for (const label of ['x', 'y', 'x', 'z', 'y']) {
          const batch = events(1);
          await store.appendToStream(stream(label), batch, { expectedRevision: 'any' });
          appended.push(batch[0]!.id);
        }
        const all = await collect(store.readAll({ streamPrefixes: [prefix] }));
        expect(all.map((e) => e.id)).toEqual(appended);
        for (let i = 1; i < all.length; i += 1) expect(isAfter(all[i]!.position, all[i - 1]!.position)).toBe(true);
      });

      it('keeps one global order across several streams and prefixes, in reads and in a subscription alike', async () => {
        const labels = ['hire-1', 'audit-1', 'hire-2', 'other-1', 'audit-2', 'hire-1', 'other-1', 'audit-1', 'hire-2'];
        const appended: { id: string; streamName: string }[] = [];
        for (const label of labels) {
          const batch = events(2);
          await store.appendToStream(stream(label), batch, { expectedRevision: 'any' });
          appended.push(...batch.map((e) => ({ id: e.id, streamName: stream(label) })));
        }
        const wanted = [stream('hire-'), stream('audit-')];
        const expected = appended.filter((e) => wanted.some((p) => e.streamName.startsWith(p))).map((e) => e.id);
        const read = await collect(store.readAll({ streamPrefixes: wanted }));
        expect(read.map((e) => e.id)).toEqual(expected);
        for (let i = 1; i < read.length; i += 1) expect(isAfter(read[i]!.position, read[i - 1]!.position)).toBe(true);

        const seen: string[] = [];
        const subscription = store.subscribeToAll({ streamPrefixes: wanted }, async (batch) => {
          seen.push(...batch.map((e) => e.id));
        });
        await waitUntil(() => seen.length >= expected.length);
        await store.appendToStream(stream('other-1'), events(1), { expectedRevision: 'any' });
        const live = events(1);
        await store.appendToStream(stream('audit-3'), live, { expectedRevision: 'no_stream' });
        await waitUntil(() => seen.length >= expected.length + 1);
        await subscription.stop();
        expect(seen).toEqual([...expected, live[0]!.id]);
      });

      it('hands out no system events and no checkpoints, to a reader or a subscriber of everything', async () => {
        const mark = await store.appendToStream(stream('a'), events(1), { expectedRevision: 'no_stream' });
        // Saving a checkpoint writes the checkpoint and (EventStoreDB) its stream's metadata, a `$$` system stream.
        await store.save(`${prefix}relay`, mark.position);
        await store.save(`${prefix}relay`, mark.position);
        const after = events(1);
        await store.appendToStream(stream('b'), after, { expectedRevision: 'no_stream' });

        const read = await collect(store.readAll({ after: mark.position }));
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({ after: mark.position }, async (batch) => void seen.push(...batch));
        await waitUntil(() => seen.some((e) => e.id === after[0]!.id));
        await subscription.stop();
        for (const event of [...read, ...seen]) {
          expect(event.streamName.startsWith('$')).toBe(false);
          expect(event.type.startsWith('$')).toBe(false);
          expect(event.streamName).not.toContain(`${prefix}relay`);
        }
        expect(read.map((e) => e.id)).toContain(after[0]!.id);
      });

      it('reads strictly after a position, only the streams with a given prefix, up to maxCount', async () => {
        await store.appendToStream(stream('hire-1'), events(2), { expectedRevision: 'no_stream' });
        const mark = await store.appendToStream(stream('other-1'), events(1), { expectedRevision: 'no_stream' });
        const wanted = events(3);
        await store.appendToStream(stream('hire-2'), wanted.slice(0, 2), { expectedRevision: 'no_stream' });
        await store.appendToStream(stream('other-1'), events(1), { expectedRevision: 0n });
        await store.appendToStream(stream('hire-1'), wanted.slice(2), { expectedRevision: 1n });

        const after = await collect(store.readAll({ after: mark.position, streamPrefixes: [stream('hire-')] }));
        expect(after.map((e) => e.id)).toEqual(wanted.map((e) => e.id));
        expect(after.map((e) => e.streamName)).toEqual([stream('hire-2'), stream('hire-2'), stream('hire-1')]);

        const limited = await collect(
          store.readAll({ after: mark.position, streamPrefixes: [stream('hire-')], maxCount: 2 }),
        );
        expect(limited.map((e) => e.id)).toEqual(wanted.slice(0, 2).map((e) => e.id));

        const both = await collect(store.readAll({ streamPrefixes: [stream('hire-'), stream('other-')] }));
        expect(both).toHaveLength(7);
      });

      it('reads the same events in batches: in order, none empty, none over batchSize, with after, prefixes and maxCount', async () => {
        await store.appendToStream(stream('hire-1'), events(3), { expectedRevision: 'no_stream' });
        const mark = await store.appendToStream(stream('other-1'), events(1), { expectedRevision: 'no_stream' });
        await store.appendToStream(stream('hire-2'), events(4), { expectedRevision: 'no_stream' });
        await store.appendToStream(stream('other-1'), events(2), { expectedRevision: 0n });
        await store.appendToStream(stream('hire-1'), events(3), { expectedRevision: 2n });

        const cases = [
          { streamPrefixes: [stream('hire-')], batchSize: 3 },
          { streamPrefixes: [stream('hire-'), stream('other-')], batchSize: 4 },
          { streamPrefixes: [prefix], batchSize: 1 },
          { streamPrefixes: [prefix] },
          { after: mark.position, streamPrefixes: [stream('hire-')], batchSize: 2 },
          { after: mark.position, streamPrefixes: [prefix], batchSize: 3, maxCount: 5 },
          { streamPrefixes: [stream('hire-')], batchSize: 10, maxCount: 0 },
        ];
        for (const { batchSize, ...options } of cases) {
          const batches = await collect(store.readAllBatches({ ...options, ...(batchSize ? { batchSize } : {}) }));
          expect(batches.every((batch) => batch.length > 0 && batch.length <= (batchSize ?? 500))).toBe(true);
          expect(batches.flat()).toEqual(await collect(store.readAll(options)));
        }
        const hires = await collect(store.readAllBatches({ streamPrefixes: [stream('hire-')], batchSize: 4 }));
        expect(hires.map((batch) => batch.length)).toEqual([4, 4, 2]);
        expect(
          await collect(store.readAllBatches({ after: mark.position, streamPrefixes: [stream('nothing-')] })),
        ).toEqual([]);
      });
      it('reads only the types asked for, in order, counting only those against maxCount', async () => {
        const mixed = (n: number) =>
          Array.from(
            { length: n },
            (_, i) => events(1, i % 3 === 0 ? 'SomethingHappened' : 'SomethingElseHappened')[0]!,
          );
        await store.appendToStream(stream('hire-1'), mixed(7), { expectedRevision: 'no_stream' });
        const mark = await store.appendToStream(stream('other-1'), events(2, 'SomethingHappened'), {
          expectedRevision: 'no_stream',
        });
        await store.appendToStream(stream('hire-2'), mixed(5), { expectedRevision: 'no_stream' });
        const all = await collect(store.readAll({ streamPrefixes: [stream('hire-')] }));
        const kept = all.filter((event) => event.type === 'SomethingHappened');
        expect(kept.length).toBe(5);

        for (const options of [
          { streamPrefixes: [stream('hire-')], types: ['SomethingHappened'], batchSize: 2 },
          { streamPrefixes: [stream('hire-'), stream('nothing-')], types: ['SomethingHappened'] },
        ]) {
          const batches = await collect(store.readAllBatches(options));
          expect(batches.every((batch) => batch.length > 0 && batch.length <= (options.batchSize ?? 500))).toBe(true);
          expect(batches.flat()).toEqual(kept);
        }
        const limited = await collect(
          store.readAllBatches({ streamPrefixes: [stream('hire-')], types: ['SomethingHappened'], maxCount: 3 }),
        );
        expect(limited.flat()).toEqual(kept.slice(0, 3));
        const afterMark = await collect(
          store.readAllBatches({
            after: mark.position,
            streamPrefixes: [stream('hire-')],
            types: ['SomethingHappened', 'NothingLikeIt'],
          }),
        );
        expect(afterMark.flat()).toEqual(kept.filter((event) => event.streamName === stream('hire-2')));
        expect((await collect(store.readAllBatches({ streamPrefixes: [stream('hire-')], types: [] }))).flat()).toEqual(
          all,
        );
      });
    });

    describe('catch-up subscriptions and checkpoints', () => {
      it('delivers the history after a checkpoint, then live events, in order and once each', async () => {
        const s = stream('a');
        const early = events(2);
        const checkpoint = await store.appendToStream(s, early, { expectedRevision: 'no_stream' });
        const history = events(3);
        await store.appendToStream(s, history, { expectedRevision: 1n });
        await store.appendToStream(stream('b'), events(1), { expectedRevision: 'no_stream' });

        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll(
          { after: checkpoint.position, streamPrefixes: [s] },
          async (batch) => {
            seen.push(...batch);
          },
        );
        await waitUntil(() => seen.length >= 3);
        const live = events(2);
        await store.appendToStream(s, live.slice(0, 1), { expectedRevision: 4n });
        await store.appendToStream(s, live.slice(1), { expectedRevision: 5n });
        await waitUntil(() => seen.length >= 5);
        await subscription.stop();

        expect(seen.map((e) => e.id)).toEqual([...history, ...live].map((e) => e.id));
        expect(seen.map((e) => e.revision)).toEqual([2n, 3n, 4n, 5n, 6n]);
      });

      it('without a checkpoint starts at the beginning', async () => {
        const s = stream('a');
        const written = events(2);
        await store.appendToStream(s, written, { expectedRevision: 'no_stream' });
        const seen: string[] = [];
        const subscription = store.subscribeToAll({ streamPrefixes: [s] }, async (batch) => {
          seen.push(...batch.map((e) => e.id));
        });
        await waitUntil(() => seen.length >= 2);
        await subscription.stop();
        expect(seen).toEqual(written.map((e) => e.id));
      });

      it('a checkpoint saved, then the store closed and reopened, resumes exactly after it', async () => {
        const s = stream('a');
        const subscriber = `${prefix}projection`;
        expect(await store.load(subscriber)).toBeUndefined();
        await store.appendToStream(s, events(2), { expectedRevision: 'no_stream' });

        const firstRun: RecordedEvent[] = [];
        const first = store.subscribeToAll({ streamPrefixes: [s] }, async (batch) => {
          firstRun.push(...batch);
          await store.save(subscriber, batch[batch.length - 1]!.position);
        });
        await waitUntil(() => firstRun.length >= 2);
        await first.stop();
        const saved = await store.load(subscriber);
        expect(saved).toEqual(firstRun[1]!.position);
        await store.close();

        const reopened = await open();
        expect(await reopened.load(subscriber)).toEqual(saved);
        const missed = events(2);
        await reopened.appendToStream(s, missed, { expectedRevision: 1n });
        const secondRun: string[] = [];
        const second = reopened.subscribeToAll(
          { after: (await reopened.load(subscriber))!, streamPrefixes: [s] },
          async (batch) => {
            secondRun.push(...batch.map((e) => e.id));
          },
        );
        await waitUntil(() => secondRun.length >= 2);
        await second.stop();
        expect(secondRun).toEqual(missed.map((e) => e.id));
      });

      it('the latest saved checkpoint wins', async () => {
        const subscriber = `${prefix}relay`;
        const a = await store.appendToStream(stream('a'), events(1), { expectedRevision: 'no_stream' });
        const b = await store.appendToStream(stream('a'), events(1), { expectedRevision: 0n });
        await store.save(subscriber, a.position);
        await store.save(subscriber, b.position);
        expect(await store.load(subscriber)).toEqual(b.position);
      });

      it('refuses a checkpoint save fenced by an older token than the last one, and keeps its position', async () => {
        const subscriber = `${prefix}relay`;
        const [a, b, c] = [1, 2, 3].map((commit) => ({ commit: BigInt(commit), prepare: BigInt(commit) }));
        await store.save(subscriber, a!, 5);
        await store.save(subscriber, b!, 5);
        await store.save(subscriber, c!, 7);
        await expect(store.save(subscriber, b!, 5)).rejects.toBeInstanceOf(StaleFencingToken);
        expect(await store.load(subscriber)).toEqual(c);
        // Another subscriber's checkpoint is fenced on its own; a save without a token is never refused.
        await store.save(`${prefix}webhooks`, a!, 1);
        await store.save(subscriber, b!);
        expect(await store.load(subscriber)).toEqual(b);
      });

      it('of two holders saving at once, only the one with the newer token can win', async () => {
        const subscriber = `${prefix}relay`;
        const [a, b] = [1, 2].map((commit) => ({ commit: BigInt(commit), prepare: BigInt(commit) }));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 4 }, (_, index) => store.save(subscriber, index % 2 ? b! : a!, index % 2 ? 9 : 8)),
        );
        // The newer holder's saves all land; the older one's are refused once the newer one has saved.
        expect(outcomes.filter((outcome, index) => index % 2 === 1 && outcome.status === 'rejected')).toEqual([]);
        expect(await store.load(subscriber)).toEqual(b);
        await expect(store.save(subscriber, a!, 8)).rejects.toBeInstanceOf(StaleFencingToken);
      });

      it('a handler that throws settles `failed` with its error and receives nothing more', async () => {
        const s = stream('a');
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        let calls = 0;
        const subscription = store.subscribeToAll({ streamPrefixes: [s] }, async () => {
          calls += 1;
          throw new Error('projection broke');
        });
        const failure = await withTimeout(subscription.failed, 10_000);
        expect(failure.message).toBe('projection broke');
        await store.appendToStream(s, events(1), { expectedRevision: 0n });
        await sleep(400);
        expect(calls).toBe(1);
        await subscription.stop();
      });

      it('stop() ends delivery, resolves, and never settles `failed`', async () => {
        const s = stream('a');
        const seen: string[] = [];
        const subscription = store.subscribeToAll({ streamPrefixes: [s] }, async (batch) => {
          seen.push(...batch.map((e) => e.id));
        });
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        await waitUntil(() => seen.length === 1);
        let failed = false;
        void subscription.failed.then(() => (failed = true));
        await withTimeout(subscription.stop(), 10_000);
        await store.appendToStream(s, events(1), { expectedRevision: 0n });
        await sleep(400);
        expect(seen).toHaveLength(1);
        expect(failed).toBe(false);
      });

      it('stop() while a handler runs waits for it, then hands out nothing more and never settles `failed`', async () => {
        const s = stream('a');
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const log: string[] = [];
        let release: () => void = () => undefined;
        const running = new Promise<void>((resolve) => (release = resolve));
        const subscription = store.subscribeToAll({ streamPrefixes: [s] }, async (batch) => {
          log.push(`handler ${batch.length}`);
          if (log.length === 1) await running;
          log.push('handler done');
        });
        let failed = false;
        void subscription.failed.then(() => (failed = true));
        await waitUntil(() => log.length === 1);
        await store.appendToStream(s, events(2), { expectedRevision: 0n });
        const stopping = subscription.stop().then(() => log.push('stopped'));
        await sleep(200);
        expect(log).toEqual(['handler 1']);
        release();
        await withTimeout(stopping, 10_000);
        await sleep(300);
        expect(log).toEqual(['handler 1', 'handler done', 'stopped']);
        expect(failed).toBe(false);
      });

      it('a resuming subscriber that drops resumes after its checkpoint: nothing lost, only what was not checkpointed again', async () => {
        const s = stream('a');
        const subscriber = `${prefix}resumer`;
        const first = events(3);
        await store.appendToStream(s, first, { expectedRevision: 'no_stream' });
        const handled: string[] = [];
        let dropped = false;
        const resuming = startResumingSubscription({
          store,
          checkpoints: store,
          subscriberName: subscriber,
          streamPrefixes: [s],
          logger: createLogger('contract', 'silent'),
          retryDelayMs: 20,
          handler: () => async (batch) => {
            for (const event of batch) {
              handled.push(event.id);
              // The connection drops after the second event is handled but before it is checkpointed.
              if (!dropped && handled.length === 2) {
                dropped = true;
                throw new Error('connection dropped');
              }
              await store.save(subscriber, event.position);
            }
          },
        });
        await waitUntil(() => dropped && handled.includes(first[2]!.id));
        const live = events(2);
        await store.appendToStream(s, live, { expectedRevision: 2n });
        await waitUntil(() => handled.includes(live[1]!.id));
        await resuming.stop();
        const [a, b, c] = first.map((e) => e.id);
        expect(handled).toEqual([a, b, b, c, ...live.map((e) => e.id)]);
        expect(await store.load(subscriber)).toEqual((await collect(store.readStream(s)))[4]!.position);
      });

      it('close() stops open subscriptions', async () => {
        const subscription = store.subscribeToAll({ streamPrefixes: [stream('a')] }, async () => undefined);
        let failed = false;
        void subscription.failed.then(() => (failed = true));
        await withTimeout(store.close(), 10_000);
        await sleep(100);
        expect(failed).toBe(false);
      });
    });
  });
}

/**
 * The schemas of contracts/events plus one for the suite's own `SomethingHappened`, so the production wiring
 * (withContracts, which refuses types without a schema) can run the same suite.
 */
export function contractSchemas(): EventSchemas {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-contract-schemas-'));
  try {
    cpSync(join(__dirname, '../../contracts/events'), directory, { recursive: true });
    for (const type of ['SomethingHappened', 'SomethingElseHappened'])
      writeFileSync(
        join(directory, `${type}.v1.json`),
        JSON.stringify({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          $id: `https://soft-landing.example/contracts/events/${type}.v1.json`,
          type: 'object',
          properties: { index: { type: 'integer', minimum: 0 } },
        }),
      );
    return EventSchemas.fromDirectory(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export function events(count: number, type = 'SomethingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type,
    data: { index },
    metadata: { actor: 'contract-test' },
  }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function typesIn(store: EventStore, streamName: string): Promise<string[]> {
  return (await collect(store.readStream(streamName))).map((e) => e.type);
}

function isAfter(position: Position, bound: Position): boolean {
  return position.commit > bound.commit || (position.commit === bound.commit && position.prepare > bound.prepare);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
