import { recordAuditRead } from '../audit/auditTrail';
import type { RecordedEvent } from './eventStore';
import { GroupCommit } from './groupCommit';
import { SqliteEventStore } from './sqliteEventStore';
import { withContracts } from './withContracts';
import { auditReadEvent } from '../../test/support/auditReadEvent';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

const STREAM = 'audit-demo';

describe('group commit: appends asked for together share one transaction, each settling with its own event', () => {
  const directory = temporaryDirectory('group-commit');
  let adapter: SqliteEventStore;
  /** The number of events in each append that reached the adapter. */
  let appends: number[];

  beforeEach(() => {
    adapter = new SqliteEventStore(directory.file('events.sqlite'));
    appends = [];
    const original = adapter.appendToStream.bind(adapter);
    adapter.appendToStream = (stream, events, options) => {
      appends.push(events.length);
      return original(stream, events, options);
    };
  });

  afterEach(() => adapter.close().catch(() => undefined));

  const stored = async (): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of adapter.readStream(STREAM)) events.push(event);
    return events;
  };

  it('50 concurrent audit reads are one append of 50, and each read returns only once its event is stored', async () => {
    const store = withContracts(adapter);
    const storedWhenSettled: boolean[] = [];
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await recordAuditRead(
          store,
          { organisationId: 'demo', hireId: 'h-1', what: 'history', by: 'auditor' },
          { requestId: `r-${i}`, at: new Date() },
        );
        const events = await stored();
        storedWhenSettled.push(events.some((event) => event.metadata.causationId === `request:r-${i}`));
        ids.push(`r-${i}`);
      }),
    );
    expect(appends).toEqual([50]);
    expect(storedWhenSettled).toEqual(Array.from({ length: 50 }, () => true));
    expect((await stored()).map((event) => event.metadata.causationId).sort()).toEqual(
      ids.map((id) => `request:${id}`).sort(),
    );
  });

  it('reads one after the other are each appended at once, not held back for company', async () => {
    const store = withContracts(adapter);
    for (let i = 0; i < 3; i += 1)
      await recordAuditRead(
        store,
        { organisationId: 'demo', hireId: 'h-1', what: 'state', by: 'auditor' },
        { requestId: `r-${i}`, at: new Date() },
      );
    expect(appends).toEqual([1, 1, 1]);
    expect(await stored()).toHaveLength(3);
  });

  it('appends asked for while a shared append is under way go in the next one: none lost, none twice', async () => {
    const group = new GroupCommit(withContracts(adapter));
    const first = Array.from({ length: 5 }, () => auditReadEvent());
    const second = Array.from({ length: 7 }, () => auditReadEvent());
    const firstDone = Promise.all(first.map((event) => group.append(STREAM, event)));
    // In the turn the first group is appended in, before it has settled.
    const secondDone = new Promise<void>((resolve, reject) =>
      setImmediate(() => Promise.all(second.map((event) => group.append(STREAM, event))).then(() => resolve(), reject)),
    );
    await Promise.all([firstDone, secondDone]);
    expect(appends.reduce((sum, n) => sum + n, 0)).toBe(12);
    expect(appends.length).toBeLessThanOrEqual(2);
    expect((await stored()).map((event) => event.id).sort()).toEqual([...first, ...second].map((e) => e.id).sort());
  });

  it('an event the store refuses fails only its own caller; the others in its group are stored', async () => {
    const group = new GroupCommit(withContracts(adapter));
    const good = [auditReadEvent(), auditReadEvent()];
    const bad = auditReadEvent('not-a-kind-of-read');
    const outcomes = await Promise.allSettled([
      group.append(STREAM, good[0]!),
      group.append(STREAM, bad),
      group.append(STREAM, good[1]!),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await stored()).map((event) => event.id)).toEqual(good.map((event) => event.id));
  });

  it('a store that cannot append fails every caller waiting on it', async () => {
    const group = new GroupCommit(adapter);
    await adapter.close();
    const outcomes = await Promise.allSettled([
      group.append(STREAM, auditReadEvent()),
      group.append(STREAM, auditReadEvent()),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });
});
