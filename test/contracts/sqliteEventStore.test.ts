import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError } from '../../services/event-store/eventStore';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { withContracts } from '../../services/event-store/withContracts';
import { collect, contractSchemas, eventStoreContract, events } from './eventStoreContract';

const schemas = contractSchemas();

function temporaryFile(): { path: string; remove: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-contract-'));
  return { path: join(directory, 'events.sqlite'), remove: () => rmSync(directory, { recursive: true, force: true }) };
}

eventStoreContract('SQLite file', async () => {
  const file = temporaryFile();
  return {
    open: async () => new SqliteEventStore(file.path),
    dispose: async () => file.remove(),
  };
});

/** As the running system opens it (services/event-store/openEventStore.ts): validated, hash-chained, then stored. */
eventStoreContract('SQLite file with contracts (production wiring)', async () => {
  const file = temporaryFile();
  return {
    open: async () => withContracts(new SqliteEventStore(file.path), schemas),
    dispose: async () => file.remove(),
  };
});

/** Beyond the shared contract: event ids are unique across the whole file, which EventStoreDB does not promise. */
describe('SQLite event store, beyond the contract', () => {
  let file: ReturnType<typeof temporaryFile>;
  let store: SqliteEventStore;

  beforeEach(() => {
    file = temporaryFile();
    store = new SqliteEventStore(file.path);
  });

  afterEach(async () => {
    await store.close();
    file.remove();
  });

  it('refuses an id already used in another stream as a conflict, writing nothing', async () => {
    const [taken] = events(1);
    await store.appendToStream('hire-a.1', [taken!], { expectedRevision: 'no_stream' });
    const error = await store.appendToStream('hire-a.2', [taken!], { expectedRevision: 'any' }).catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamName: 'hire-a.2', expected: 'any', actual: 'no_stream' });
    expect(await collect(store.readStream('hire-a.2'))).toEqual([]);
  });

  it('a batch whose later event reuses an id leaves none of its events behind', async () => {
    const [taken] = events(1);
    await store.appendToStream('hire-a.1', [taken!], { expectedRevision: 'no_stream' });
    const batch = [...events(2), taken!];
    await expect(store.appendToStream('hire-a.2', batch, { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await collect(store.readAll())).toHaveLength(1);
  });

  it('refuses the same id twice in one batch', async () => {
    const [event] = events(1);
    await expect(store.appendToStream('hire-a.1', [event!, event!], { expectedRevision: 'no_stream' })).rejects.toThrow(
      /same event id twice/,
    );
  });

  it('offers checkpoints past filtered-out events in order with the batches: never past an event not yet handed out', async () => {
    const log: { kind: 'event' | 'checkpoint'; position: bigint }[] = [];
    for (let round = 0; round < 3; round += 1) {
      await store.appendToStream(`hire-a.${round}`, events(1), { expectedRevision: 'no_stream' });
      await store.appendToStream(`audit-a.${round}`, events(1_500), { expectedRevision: 'no_stream' });
    }
    const subscription = store.subscribeToAll(
      {
        streamPrefixes: ['hire-'],
        onCheckpoint: async (position) => void log.push({ kind: 'checkpoint', position: position.commit }),
      },
      async (batch) =>
        void log.push(...batch.map((event) => ({ kind: 'event' as const, position: event.position.commit }))),
    );
    const head = 3n * 1_501n;
    const deadline = Date.now() + 10_000;
    while (!log.some((entry) => entry.kind === 'checkpoint' && entry.position === head) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await subscription.stop();

    expect(log.filter((entry) => entry.kind === 'event').map((entry) => entry.position)).toEqual([1n, 1_502n, 3_003n]);
    expect(log.filter((entry) => entry.kind === 'checkpoint').length).toBeGreaterThanOrEqual(1);
    // One order for both: a subscriber saving either as its checkpoint never skips an event it was not handed.
    const positions = log.map((entry) => entry.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(log[log.length - 1]).toEqual({ kind: 'checkpoint', position: head });
  });
});
