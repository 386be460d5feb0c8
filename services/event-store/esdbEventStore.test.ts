import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeEsdbClient } from '../../test/support/fakeEsdbClient';
import { collect, events, waitUntil } from '../../test/contracts/eventStoreContract';
import { openEsdbClient } from './esdbConnection';
import { EsdbEventStore, type PoisonEvent } from './esdbEventStore';
import { type Position, type RecordedEvent, StaleFencingToken, WrongExpectedRevisionError } from './eventStore';

/**
 * The adapter's own handling of what @eventstore/db-client 6.2.1 hands it. The client's reads and subscriptions are
 * its real ReadStream and Subscription over the protobuf messages a server sends (test/support/fakeEsdbClient.ts);
 * the contract suite (test/contracts/esdbEventStore.test.ts) runs the same adapter against a real server.
 */
describe('EsdbEventStore against the client 6.2.1', () => {
  let client: FakeEsdbClient;
  let store: EsdbEventStore;

  const open = (
    options: ConstructorParameters<typeof FakeEsdbClient>[0] = {},
    poisoned?: (event: PoisonEvent) => void,
  ) => {
    client = new FakeEsdbClient(options);
    store = new EsdbEventStore(client, { onPoisonEvent: poisoned, credentials: { username: 'admin', password: 'pw' } });
  };

  afterEach(async () => {
    await store.close();
  });

  it('reads by stream prefix through a filter the server applies, not a scan of $all', async () => {
    open();
    await store.appendToStream('hire-1', events(2), { expectedRevision: 'no_stream' });
    await store.appendToStream('audit-1', events(50), { expectedRevision: 'no_stream' });
    await store.appendToStream('hire-2', events(1), { expectedRevision: 'no_stream' });
    client.calls.length = 0;

    const read = await collect(store.readAll({ streamPrefixes: ['hire-'] }));

    expect(read.map((event) => [event.streamName, event.revision])).toEqual([
      ['hire-1', 0n],
      ['hire-1', 1n],
      ['hire-2', 0n],
    ]);
    const subscribed = client.calls.filter((call) => call.method === 'subscribeToAll');
    expect(subscribed).toHaveLength(1);
    expect(subscribed[0]!.options).toMatchObject({ filter: { filterOn: 'streamName', prefixes: ['hire-'] } });
    // The only $all read is the one that finds the head: backwards, one event.
    expect(client.calls.filter((call) => call.method === 'readAll').map((call) => call.options)).toEqual([
      expect.objectContaining({ direction: 'backwards', fromPosition: 'end', maxCount: 1 }),
    ]);
  });

  it('a prefix read ends at the head of the moment, past events appended during it, and honours after and maxCount', async () => {
    open();
    const first = await store.appendToStream('hire-1', events(3), { expectedRevision: 'no_stream' });
    await store.appendToStream('hire-2', events(2), { expectedRevision: 'no_stream' });
    const after = (await collect(store.readStream('hire-1')))[0]!.position;
    const seen: RecordedEvent[] = [];
    for await (const event of store.readAll({ streamPrefixes: ['hire-'], after })) {
      if (seen.length === 0) await store.appendToStream('hire-3', events(1), { expectedRevision: 'no_stream' });
      seen.push(event);
    }
    expect(seen.map((event) => `${event.streamName}@${event.revision}`)).toEqual([
      'hire-1@1',
      'hire-1@2',
      'hire-2@0',
      'hire-2@1',
    ]);
    expect(first.nextExpectedRevision).toBe(2n);
    expect(await collect(store.readAll({ streamPrefixes: ['hire-'], maxCount: 2 }))).toHaveLength(2);
    expect(await collect(store.readAll({ streamPrefixes: ['nothing-'] }))).toEqual([]);
  });

  it('passes the server’s filter checkpoints to onCheckpoint, in order, after the events before them', async () => {
    open({ checkpointWindow: 32 });
    await store.appendToStream('hire-1', events(1), { expectedRevision: 'no_stream' });
    await store.appendToStream('audit-1', events(100), { expectedRevision: 'no_stream' });
    const log: string[] = [];
    let last: Position | undefined;
    const subscription = store.subscribeToAll(
      {
        streamPrefixes: ['hire-'],
        onCheckpoint: async (position) => {
          log.push(`checkpoint ${position.commit}`);
          last = position;
        },
      },
      async (batch) => void log.push(...batch.map((event) => `event ${event.position.commit}`)),
    );
    await waitUntil(() => log.filter((entry) => entry.startsWith('checkpoint')).length >= 3);
    await subscription.stop();

    expect(log[0]).toMatch(/^event /);
    const positions = log.map((entry) => BigInt(entry.split(' ')[1]!));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const audit = await collect(store.readStream('audit-1'));
    expect(last!.commit).toBeGreaterThanOrEqual(audit[95]!.position.commit);
  });

  it('refuses events without a position (servers before 22.6 leave the protobuf fields at "0")', async () => {
    open({ positionsOnStreamReads: false });
    await store.appendToStream('hire-1', events(1), { expectedRevision: 'no_stream' });
    await expect(collect(store.readStream('hire-1'))).rejects.toThrow(/without a position: EventStoreDB ≥ 22.6/);
  });

  it('reports the stream’s actual revision when the client returns a failed append instead of throwing', async () => {
    open({ throwOnAppendFailure: false });
    await store.appendToStream('hire-1', events(4), { expectedRevision: 'no_stream' });
    const error = await store.appendToStream('hire-1', events(1), { expectedRevision: 0n }).catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ expected: 0n, actual: 3n });
    const missing = await store.appendToStream('hire-2', events(1), { expectedRevision: 2n }).catch((e) => e);
    expect(missing).toMatchObject({ expected: 2n, actual: 'no_stream' });
  });

  it('passes over a poison event (data not a JSON object), counts and reports it, and keeps the subscription going', async () => {
    const poisoned: PoisonEvent[] = [];
    open({}, (event) => poisoned.push(event));
    await store.appendToStream('hire-1', events(1), { expectedRevision: 'no_stream' });
    client.store('hire-1', 'SomethingHappened', 'application/json', '"not an object"');
    client.store('hire-1', 'SomethingHappened', 'application/octet-stream', Buffer.from([0xde, 0xad]));
    const seen: bigint[] = [];
    const subscription = store.subscribeToAll({ streamPrefixes: ['hire-'] }, async (batch) => {
      seen.push(...batch.map((event) => event.revision));
    });
    let failed = false;
    void subscription.failed.then(() => (failed = true));
    await waitUntil(() => seen.length >= 1);
    await store.appendToStream('hire-1', events(1), { expectedRevision: 2n });
    await waitUntil(() => seen.length >= 2);
    await subscription.stop();

    expect(seen).toEqual([0n, 3n]);
    expect(failed).toBe(false);
    expect(poisoned.map((event) => [event.streamName, event.revision])).toEqual([
      ['hire-1', 1n],
      ['hire-1', 2n],
    ]);
    expect(poisoned[0]).not.toHaveProperty('data');
    expect(store.poisonEvents).toBe(2);
    expect((await collect(store.readAll())).map((event) => event.revision)).toEqual([0n, 3n]);
  });

  it('saves a fenced checkpoint at the revision it compared with, and refuses an older token', async () => {
    open();
    const at = (commit: bigint) => ({ commit, prepare: commit });
    await store.save('relay', at(1n), 5);
    await store.save('relay', at(2n), 7);
    await expect(store.save('relay', at(3n), 5)).rejects.toBeInstanceOf(StaleFencingToken);
    expect(await store.load('relay')).toEqual(at(2n));
    const appends = client.calls.filter((call) => call.method === 'appendToStream');
    expect(appends.map((call) => (call.options as { expectedRevision?: unknown }).expectedRevision)).toEqual([
      'no_stream',
      0n,
    ]);
    // Two saves at once: one append loses the race (wrong expected revision), compares again, and is refused.
    const racing = await Promise.allSettled([store.save('relay', at(4n), 9), store.save('relay', at(3n), 8)]);
    expect(racing.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect(client.calls.filter((call) => call.method === 'appendToStream')).toHaveLength(appends.length + 2);
    expect(await store.load('relay')).toEqual(at(4n));
  });

  it('sets the checkpoint stream’s max count once, keeping other metadata, retrying a concurrent change and a failure', async () => {
    open();
    client.writeMetadata('checkpoint-relay', { $acl: { $r: 'ops' } });
    // Another writer changes the metadata between our read of it and our write.
    const read = client.getStreamMetadata.bind(client);
    let interfered = false;
    client.getStreamMetadata = (async (streamName: string, options?: object) => {
      const result = await read(streamName, options);
      if (!interfered) {
        interfered = true;
        client.writeMetadata(streamName, { ...result.metadata, custom: { owner: 'ops' } });
      }
      return result;
    }) as typeof client.getStreamMetadata;
    const position = { commit: 1n, prepare: 1n };
    await store.save('relay', position);
    expect(client.metadataOf('checkpoint-relay')).toEqual({
      $acl: { $r: 'ops' },
      custom: { owner: 'ops' },
      maxCount: 1,
    });

    // A save whose metadata write fails is retried by the next save, not only at revision 0.
    const set = client.setStreamMetadata.bind(client);
    let failOnce = true;
    client.setStreamMetadata = (async (...args: Parameters<typeof set>) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('unavailable');
      }
      return set(...args);
    }) as typeof client.setStreamMetadata;
    await expect(store.save('projection', position)).rejects.toThrow('unavailable');
    expect(client.metadataOf('checkpoint-projection')).toBeUndefined();
    await store.save('projection', position);
    expect(client.metadataOf('checkpoint-projection')).toEqual({ maxCount: 1 });
    const writes = client.calls.filter((call) => call.method === 'setStreamMetadata').length;
    await store.save('projection', position);
    expect(client.calls.filter((call) => call.method === 'setStreamMetadata')).toHaveLength(writes);
    expect(await store.load('projection')).toEqual(position);
  });

  it('sends the credentials with every call', async () => {
    open();
    await store.appendToStream('hire-1', events(1), { expectedRevision: 'no_stream' });
    await collect(store.readAll({ streamPrefixes: ['hire-'] }));
    await collect(store.readAll());
    await store.save('relay', { commit: 1n, prepare: 1n });
    expect(client.calls.length).toBeGreaterThan(5);
    for (const call of client.calls)
      expect(call.options).toMatchObject({ credentials: { username: 'admin', password: 'pw' } });
  });
});

describe('connection strings', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it.each(['kdb://', 'kurrentdb://', 'kurrent://', 'esdb://', 'KDB+discover://'])('accepts %s', async (scheme) => {
    const store = new EsdbEventStore(`${scheme}localhost:2113?tls=false`);
    await store.close();
  });

  it('keeps the password out of everything the client writes to the console, and still sends it', async () => {
    const connection = openEsdbClient(
      'kdb://admin:s%40cret-pw@localhost:2113?tls=true&tlsVerifyCert=false&unknownKey=1&keepAliveInterval=5000',
    );
    expect(connection.credentials).toEqual({ username: 'admin', password: 's@cret-pw' });
    expect(connection.ignoredKeys).toEqual(['tlsVerifyCert', 'unknownKey']);
    const store = new EsdbEventStore('esdb://admin:s3cret-pw@localhost:2113?tls=false&mystery=yes&tlsVerifyCert=false');
    await store.close();
    await connection.client.dispose();
    const written = warn.mock.calls.flat().map(String).join('\n');
    expect(written).not.toMatch(/s3cret|s%40cret|s@cret/);
  });

  it('hands the TLS keys of a KurrentDB string to the client as they are', async () => {
    // The client reads the CA file when it is made: a missing file shows the key arrived, a present one is taken.
    expect(() =>
      openEsdbClient('kurrentdb://admin:s3cret@db.internal:2113?tls=true&tlsCAFile=/nonexistent/kurrentdb-ca.crt'),
    ).toThrow(/^ESDB_CONNECTION_STRING: Failed to load certificate file\. File was not found\.$/);
    const dir = mkdtempSync(join(tmpdir(), 'soft-landing-esdb-tls-'));
    try {
      writeFileSync(join(dir, 'ca.crt'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      const connection = openEsdbClient(
        `kurrentdb+discover://admin:s3cret@db-1.internal:2113,db-2.internal:2113?tls=true&tlsCAFile=${join(dir, 'ca.crt')}&nodePreference=leader`,
      );
      expect(connection.ignoredKeys).toEqual([]);
      await connection.client.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a string that is no connection string without repeating it', () => {
    expect(() => new EsdbEventStore('https://admin:s3cret@localhost')).toThrow(/not an esdb:\/\//);
    const error = (() => {
      try {
        openEsdbClient('esdb://admin:s3cret@localhost:notaport');
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify({ ...error, message: error!.message })).not.toContain('s3cret');
  });
});
