import Database from 'better-sqlite3';
import { StaleFencingToken, fencedCheckpoints } from './eventStore';
import { SqliteEventStore } from './sqliteEventStore';
import { temporaryDirectory } from '../../test/support/temporaryDirectory';

const at = (commit: number) => ({ commit: BigInt(commit), prepare: BigInt(commit) });

/** What every adapter does is in test/contracts/eventStoreContract.ts; here the SQLite file's own part and the wrapper. */
describe('checkpoints fenced by a lease token (SQLite)', () => {
  const directory = temporaryDirectory('fencing');
  const fresh = () => new SqliteEventStore(directory.file('events.sqlite'));

  it('tells the holder it was replaced when a fenced save is refused', async () => {
    const store = fresh();
    await store.save('kafka-relay', at(5), 2);
    const stale: StaleFencingToken[] = [];
    const old = fencedCheckpoints(store, 1, (error) => stale.push(error));
    await expect(old.save('kafka-relay', at(6))).rejects.toBeInstanceOf(StaleFencingToken);
    expect(stale).toEqual([expect.objectContaining({ subscriberName: 'kafka-relay', fencingToken: 1 })]);
    await fencedCheckpoints(store, 3, () => stale.push(new StaleFencingToken('unexpected', 3))).save(
      'kafka-relay',
      at(7),
    );
    expect(stale).toHaveLength(1);
    expect(await store.load('kafka-relay')).toEqual(at(7));
    await store.close();
  });

  it('adds the token column to a file from before leases, keeping its checkpoints', async () => {
    const path = directory.file('events.sqlite');
    const old = new Database(path);
    old.exec(`CREATE TABLE checkpoints (subscriber TEXT PRIMARY KEY, position TEXT NOT NULL, updated_at TEXT NOT NULL);
      INSERT INTO checkpoints VALUES ('kafka-relay', '41/41', '2026-01-01T00:00:00.000Z');`);
    old.close();
    const store = new SqliteEventStore(path);
    expect(await store.load('kafka-relay')).toEqual(at(41));
    await store.save('kafka-relay', at(42), 1);
    await expect(store.save('kafka-relay', at(43), 0)).rejects.toBeInstanceOf(StaleFencingToken);
    await store.close();
    // A second open finds the column there and adds nothing.
    await new SqliteEventStore(path).close();
  });
});
