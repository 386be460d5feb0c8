import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { collect } from '../../test/contracts/eventStoreContract';
import { ChainHeadLog } from './chainHeadLog';
import { ChainSigningKey } from './chainSigningKey';
import { type NewEvent, WrongExpectedRevisionError } from './eventStore';
import { EventSchemas } from './eventSchemas';
import { HashChainedEventStore } from './hashChainedEventStore';
import { chainLinkOf } from './hireStreamChain';
import { SqliteEventStore } from './sqliteEventStore';
import { hireStreamName } from './streamNames';
import { ValidatingEventStore } from './validatingEventStore';
import { verifyHireStreamChain } from './verifyHireStreamChain';
import { TEST_HIRE, workerEnvelope } from '../../test/support/workerEnvelope';
import { stageEvent } from '../../test/support/knownChainEvents';
import { SCHEME_2_HASHES } from '../../test/support/knownChainHashes';
import { sqliteEventStorePerTest } from '../../test/support/sqliteEventStorePerTest';

const hire = TEST_HIRE;
const stream = hireStreamName(hire);

describe('hash-chained hire streams', () => {
  const sqlite = sqliteEventStorePerTest('chain', (raw) => new HashChainedEventStore(raw));

  async function writeSixEvents(): Promise<void> {
    await sqlite.store.appendToStream(stream, [stageEvent(0), stageEvent(1)], { expectedRevision: 'no_stream' });
    await sqlite.store.appendToStream(stream, [stageEvent(2)], { expectedRevision: 1n });
    await sqlite.store.appendToStream(stream, [stageEvent(3), stageEvent(4)], { expectedRevision: 'any' });
    await sqlite.store.appendToStream(stream, [stageEvent(5)], { expectedRevision: 'stream_exists' });
  }

  /**
   * The raw store with another process racing it: before an append reaches the file, a rival chained store appends
   * one event to the same stream whenever `rivalFirst` says so for that attempt (counted from 1 in `attempts`).
   */
  function racedInner(rivalFirst: (attempt: number) => boolean): { store: SqliteEventStore; attempts: number } {
    const rival = new HashChainedEventStore(sqlite.raw);
    const raced = { store: Object.create(sqlite.raw) as SqliteEventStore, attempts: 0 };
    raced.store.appendToStream = async (name, events, options) => {
      raced.attempts += 1;
      if (rivalFirst(raced.attempts)) {
        await rival.appendToStream(name, [stageEvent(100 + raced.attempts)], { expectedRevision: 'any' });
      }
      return sqlite.raw.appendToStream(name, events, options);
    };
    return raced;
  }

  it('stores the known scheme-2 link hashes of two known events (vectors of test/support/knownChainHashes.ts, hashed with sha256sum)', async () => {
    await sqlite.store.appendToStream(stream, [stageEvent(0, '00000000-0000-4000-8000-000000000001')], {
      expectedRevision: 'no_stream',
    });
    await sqlite.store.appendToStream(stream, [stageEvent(1, '00000000-0000-4000-8000-000000000002')], {
      expectedRevision: 'any',
    });
    const stored = await collect(sqlite.raw.readStream(stream));
    expect(stored.map((event) => event.metadata.chain)).toEqual([
      { scheme: 2, previous: null, hash: SCHEME_2_HASHES[0] },
      { scheme: 2, previous: SCHEME_2_HASHES[0], hash: SCHEME_2_HASHES[1] },
    ]);
  });

  it('links every event to its predecessor, whatever the expected revision, and the chain verifies', async () => {
    await writeSixEvents();
    const links = (await collect(sqlite.raw.readStream(stream))).map((event) => chainLinkOf(event.metadata)!);
    expect(links[0]!.previous).toBeNull();
    for (let i = 1; i < links.length; i += 1) expect(links[i]!.previous).toBe(links[i - 1]!.hash);
    expect(new Set(links.map((link) => link.hash)).size).toBe(6);
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 6 });
  });

  it('leaves streams outside the hire category alone', async () => {
    await sqlite.store.appendToStream('idempotency-jeugdzorg-west.abc', [stageEvent(0)], {
      expectedRevision: 'no_stream',
    });
    const [event] = await collect(sqlite.raw.readStream('idempotency-jeugdzorg-west.abc'));
    expect(event!.metadata).not.toHaveProperty('chain');
  });

  it('a retried append with the same ids writes the same hashes, so it is recognised and writes nothing', async () => {
    const batch = [stageEvent(0), stageEvent(1)];
    const first = await sqlite.store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const before = await collect(sqlite.raw.readStream(stream));
    expect(await sqlite.store.appendToStream(stream, batch, { expectedRevision: 'no_stream' })).toEqual(first);

    const later = [stageEvent(2)];
    const second = await sqlite.store.appendToStream(stream, later, { expectedRevision: 'any' });
    expect(await sqlite.store.appendToStream(stream, later, { expectedRevision: 'any' })).toEqual(second);

    const after = await collect(sqlite.raw.readStream(stream));
    expect(after.slice(0, 2)).toEqual(before);
    expect(after).toHaveLength(3);
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 3 });
  });

  it('a stream_exists retry of the append that created the stream is recognised, not refused as "no stream"', async () => {
    const batch = [stageEvent(0), stageEvent(1)];
    const first = await sqlite.store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const before = await collect(sqlite.raw.readStream(stream));
    expect(await sqlite.store.appendToStream(stream, batch, { expectedRevision: 'stream_exists' })).toEqual(first);
    expect(first.nextExpectedRevision).toBe(1n);
    expect(await collect(sqlite.raw.readStream(stream))).toEqual(before);
  });

  it('the hash depends on content, not on the order keys were written in or on the store', async () => {
    const id = randomUUID();
    const reordered: NewEvent = {
      id,
      type: 'StageReached',
      metadata: { schemaVersion: 1, occurredAt: '2026-09-01T08:00:00.000Z', actor: 'system:journey' },
      data: { dueDate: '2026-09-01', stage: 'stage-0' },
    };
    const other = new SqliteEventStore(sqlite.directory.file('other.sqlite'));
    try {
      await sqlite.store.appendToStream(stream, [stageEvent(0, id)], { expectedRevision: 'no_stream' });
      await new HashChainedEventStore(other).appendToStream(stream, [reordered], { expectedRevision: 'no_stream' });
      const [a] = await collect(sqlite.raw.readStream(stream));
      const [b] = await collect(other.readStream(stream));
      expect(chainLinkOf(a!.metadata)).toEqual(chainLinkOf(b!.metadata));
    } finally {
      await other.close();
    }
  });

  it('lets an append wait for the one in flight even after an earlier one settled, and forgets settled appends', async () => {
    const log: string[] = [];
    let releaseSecond: () => void = () => undefined;
    const secondMayFinish = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    let calls = 0;
    const gated = Object.create(sqlite.raw) as SqliteEventStore;
    gated.appendToStream = async (name, events, options) => {
      calls += 1;
      const call = calls;
      log.push(`start ${call}`);
      if (call === 2) await secondMayFinish;
      const result = await sqlite.raw.appendToStream(name, events, options);
      log.push(`end ${call}`);
      return result;
    };
    const chained = new HashChainedEventStore(gated);
    const queues = (chained as unknown as { readonly queues: Map<string, unknown> }).queues;
    const first = chained.appendToStream(stream, [stageEvent(0)], { expectedRevision: 'any' });
    const second = chained.appendToStream(stream, [stageEvent(1)], { expectedRevision: 'any' });
    await first;
    // The first has settled while the second is in flight: a third must still queue behind the second.
    const third = chained.appendToStream(stream, [stageEvent(2)], { expectedRevision: 'any' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log).toEqual(['start 1', 'end 1', 'start 2']);
    releaseSecond();
    await Promise.all([second, third]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(queues.size).toBe(0);
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 3 });
  });

  it('closes the head log and the inner store when it is closed', async () => {
    const closed: string[] = [];
    const inner = Object.create(sqlite.raw) as SqliteEventStore;
    inner.close = async () => {
      closed.push('inner');
    };
    const heads = { record: () => undefined, close: () => closed.push('heads') };
    await new HashChainedEventStore(inner, heads as never).close();
    expect(closed).toEqual(['heads', 'inner']);
  });

  it('signs the stored hash of a repeat the store recognised at another revision than the one it was chained for', async () => {
    // The first append's head was never written (no head log then, as after a crash between store and log), and
    // two events came after it. A loose retry of it chains from the tail, at revision 3; the store recognises the
    // ids and answers with the original's revision 0, whose stored hash is what the head must vouch for.
    const first = stageEvent(0);
    await sqlite.store.appendToStream(stream, [first], { expectedRevision: 'no_stream' });
    await sqlite.store.appendToStream(stream, [stageEvent(1), stageEvent(2)], { expectedRevision: 'any' });
    const heads = new ChainHeadLog(':memory:', ChainSigningKey.ephemeral());
    const signing = new HashChainedEventStore(sqlite.raw, heads);
    const result = await signing.appendToStream(stream, [first], { expectedRevision: 'any' });
    expect(result.nextExpectedRevision).toBe(0n);
    const [stored] = await collect(sqlite.raw.readStream(stream));
    expect(await heads.entries()).toEqual([
      expect.objectContaining({ streamName: stream, revision: '0', hash: chainLinkOf(stored!.metadata)!.hash }),
    ]);
    expect(await collect(sqlite.raw.readStream(stream))).toHaveLength(3);
    await heads.close();
  });

  it('concurrent appends that do not mind the revision still form one unbroken chain', async () => {
    const stores = [new HashChainedEventStore(sqlite.raw), new HashChainedEventStore(sqlite.raw), sqlite.store];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        stores[i % 3]!.appendToStream(stream, [stageEvent(i)], { expectedRevision: 'any' }),
      ),
    );
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 12 });
  });

  describe('the verifier reports the first broken link after tampering with the SQLite file', () => {
    async function tamper(sql: string, ...args: unknown[]): Promise<void> {
      const db = new Database(sqlite.directory.file('events.sqlite'));
      try {
        const changes = db.prepare(sql).run(...args).changes;
        expect(changes).toBe(1);
      } finally {
        db.close();
      }
    }

    const CONTENT_CHANGED = 'the event’s content does not match its hash';
    it.each([
      {
        tampering: 'changed data',
        sql: `UPDATE events SET data = ? WHERE stream = ? AND revision = 2`,
        args: [JSON.stringify({ stage: 'skipped', dueDate: '2026-09-01' }), stream],
        brokenAt: 2n,
        reason: CONTENT_CHANGED,
      },
      {
        tampering: 'changed attribution in the metadata',
        sql: `UPDATE events SET metadata = json_set(metadata, '$.actor', 'hr:mallory') WHERE stream = ? AND revision = 1`,
        args: [stream],
        brokenAt: 1n,
        reason: CONTENT_CHANGED,
      },
      {
        tampering: 'a deleted event',
        sql: `DELETE FROM events WHERE stream = ? AND revision = 3`,
        args: [stream],
        brokenAt: 4n,
        reason: 'revision 3 is missing',
      },
      {
        tampering: 'a removed link',
        sql: `UPDATE events SET metadata = json_remove(metadata, '$.chain') WHERE stream = ? AND revision = 0`,
        args: [stream],
        brokenAt: 0n,
        reason: 'the event carries no chain link',
      },
      {
        tampering: 'an event marked as upcast, which is not the bytes that were hashed',
        sql: `UPDATE events SET metadata = json_set(metadata, '$.upcastFrom', 1) WHERE stream = ? AND revision = 5`,
        args: [stream],
        brokenAt: 5n,
        reason: 'the event was upcast on read; verify the stored stream',
      },
    ])('$tampering', async ({ sql, args, brokenAt, reason }) => {
      await writeSixEvents();
      await tamper(sql, ...args);
      expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: false, brokenAt, reason });
    });

    it('an event rewritten together with its own hash breaks the next link', async () => {
      await writeSixEvents();
      const [original] = await collect(sqlite.raw.readStream(stream, { fromRevision: 3n, maxCount: 1 }));
      const forged = { ...original!, data: { stage: 'skipped', dueDate: '2026-09-01' } };
      const { placedLinkHashOf } = await import('./hireStreamChain');
      const previous = chainLinkOf(original!.metadata)!.previous;
      const metadata = {
        ...forged.metadata,
        chain: { scheme: 2, previous, hash: placedLinkHashOf(previous, forged, { streamName: stream, revision: 3n }) },
      };
      await tamper(
        `UPDATE events SET data = ?, metadata = ? WHERE stream = ? AND revision = 3`,
        JSON.stringify(forged.data),
        JSON.stringify(metadata),
        stream,
      );
      expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({
        ok: false,
        brokenAt: 4n,
        reason: 'the link does not point at the preceding event’s hash',
      });
    });
  });

  it('an empty or unknown stream verifies with no events', async () => {
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 0 });
  });

  it('refuses a conflicting exact revision at once, and a stream_exists append to no stream, as the inner store would', async () => {
    await sqlite.store.appendToStream(stream, [stageEvent(0), stageEvent(1)], { expectedRevision: 'no_stream' });
    const conflict = await sqlite.store
      .appendToStream(stream, [stageEvent(2)], { expectedRevision: 0n })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(conflict).toMatchObject({ streamName: stream, expected: 0n, actual: 1n });
    const again = await sqlite.store
      .appendToStream(stream, [stageEvent(2)], { expectedRevision: 'no_stream' })
      .catch((error: unknown) => error);
    expect(again).toMatchObject({ name: 'WrongExpectedRevisionError', expected: 'no_stream', actual: 1n });

    const other = hireStreamName({ ...hire, hireId: `${hire.hireId}-other` });
    const missing = await sqlite.store
      .appendToStream(other, [stageEvent(0)], { expectedRevision: 'stream_exists' })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
    expect(missing).toMatchObject({ streamName: other, expected: 'stream_exists', actual: 'no_stream' });
    expect(await collect(sqlite.raw.readStream(other))).toEqual([]);
    // A refused append does not hold up the next one of the same stream.
    await sqlite.store.appendToStream(stream, [stageEvent(2)], { expectedRevision: 1n });
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 3 });
  });

  it('a loose append that loses the race every time gives up after ten tries with the caller’s expectation', async () => {
    // Another process appends to the stream between each read of its tail and each write.
    const racing = racedInner(() => true);
    await sqlite.store.appendToStream(stream, [stageEvent(0)], { expectedRevision: 'no_stream' });
    const loser = new HashChainedEventStore(racing.store);
    const error = await loser
      .appendToStream(stream, [stageEvent(1)], { expectedRevision: 'any' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamName: stream, expected: 'any', actual: 10n });
    expect(racing.attempts).toBe(10);
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 11 });
  });

  it('a loose append that loses the race once chains again from the new tail', async () => {
    const racing = racedInner((attempt) => attempt === 1);
    await sqlite.store.appendToStream(stream, [stageEvent(0)], { expectedRevision: 'no_stream' });
    for (const expectedRevision of ['any', 'stream_exists'] as const) {
      racing.attempts = 0;
      await new HashChainedEventStore(racing.store).appendToStream(stream, [stageEvent(1)], { expectedRevision });
      expect(racing.attempts).toBe(2);
    }
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 5 });
  });

  it('sends a loose retry of the latest append to the inner store as the same bytes at the same revision as the original', async () => {
    // Any store's idempotence (EventStoreDB's too, which compares more than ids) must see the very same append again.
    const sent: { events: readonly NewEvent[]; expectedRevision: unknown }[] = [];
    const recording = Object.create(sqlite.raw) as SqliteEventStore;
    recording.appendToStream = async (name, events, options) => {
      sent.push({ events, expectedRevision: options.expectedRevision });
      return sqlite.raw.appendToStream(name, events, options);
    };
    const chained = new HashChainedEventStore(recording);
    const first = [stageEvent(0), stageEvent(1)];
    await chained.appendToStream(stream, first, { expectedRevision: 'any' });
    await chained.appendToStream(stream, first, { expectedRevision: 'any' });
    const later = [stageEvent(2), stageEvent(3)];
    await chained.appendToStream(stream, later, { expectedRevision: 'any' });
    await chained.appendToStream(stream, later, { expectedRevision: 'stream_exists' });
    await chained.appendToStream(stream, later, { expectedRevision: 'any' });
    expect(sent.map((call) => call.expectedRevision)).toEqual(['no_stream', 'no_stream', 1n, 1n, 1n]);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[3]).toEqual(sent[2]);
    expect(sent[4]).toEqual(sent[2]);
    expect(sent[2]!.events[0]!.metadata!.chain).toEqual({
      scheme: 2,
      previous: chainLinkOf(sent[0]!.events[1]!.metadata!)!.hash,
      hash: expect.any(String),
    });
    expect(await collect(sqlite.raw.readStream(stream))).toHaveLength(4);
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 4 });
  });

  it('passes on a failure of the inner store that is no conflict at once, without retrying it', async () => {
    let attempts = 0;
    const failing = Object.create(sqlite.raw) as SqliteEventStore;
    failing.appendToStream = async () => {
      attempts += 1;
      throw new RangeError('disk full');
    };
    await sqlite.store.appendToStream(stream, [stageEvent(0)], { expectedRevision: 'no_stream' });
    for (const expectedRevision of ['any', 'stream_exists', 0n] as const) {
      attempts = 0;
      await expect(
        new HashChainedEventStore(failing).appendToStream(stream, [stageEvent(1)], { expectedRevision }),
      ).rejects.toThrow(new RangeError('disk full'));
      expect(attempts).toBe(1);
    }
  });

  it('reads, subscribes and keeps checkpoints through the inner store', async () => {
    await writeSixEvents();
    expect(await collect(sqlite.store.readStream(stream))).toEqual(await collect(sqlite.raw.readStream(stream)));
    expect((await collect(sqlite.store.readAll())).map((event) => event.id)).toEqual(
      (await collect(sqlite.raw.readAll())).map((event) => event.id),
    );
    const batches = await collect(sqlite.store.readAllBatches({ batchSize: 4 }));
    expect(batches.map((batch) => batch.map((event) => event.revision))).toEqual([
      [0n, 1n, 2n, 3n],
      [4n, 5n],
    ]);
    const last = (await collect(sqlite.raw.readAll())).at(-1);
    await sqlite.store.save('chain-test', last!.position);
    expect(await sqlite.store.load('chain-test')).toEqual(last!.position);
    expect(await sqlite.raw.load('chain-test')).toEqual(last!.position);
  });

  it('composes with the validating store: the worker’s envelope passes, and the stored chain verifies', async () => {
    const validating = new ValidatingEventStore(sqlite.store, EventSchemas.fromDirectory());
    await validating.appendToStream(
      stream,
      [
        {
          id: randomUUID(),
          type: 'JourneyStarted',
          data: { ...hire, startDate: '2026-09-01' },
          metadata: workerEnvelope(),
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const [read] = await collect(validating.readStream(stream));
    expect(chainLinkOf(read!.metadata)?.previous).toBeNull();
    expect(await verifyHireStreamChain(sqlite.raw, stream)).toEqual({ ok: true, events: 1 });
  });
});
