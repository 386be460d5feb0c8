import { FakeEsdbClient } from '../../test/support/fakeEsdbClient';
import { collect } from '../../test/contracts/eventStoreContract';
import { MentorPool, mentorPoolStreamName } from '../people/mentorPool';
import { WebhookSubscriptions, deliveryLogStreamName } from '../webhooks/webhookSubscriptions';
import { appendOnce } from './appendOnce';
import { EsdbEventStore } from './esdbEventStore';
import type { EventStore } from './eventStore';
import { SqliteEventStore } from './sqliteEventStore';
import { type TemporaryDirectory, temporaryDirectory } from '../../test/support/temporaryDirectory';

/**
 * "Once" must not lean on the store deduplicating ids: EventStoreDB does that for expected revision `any` only
 * best-effort, and the client stand-in here does not do it at all (test/support/fakeEsdbClient.ts).
 */
const stores: [string, (directory: TemporaryDirectory) => EventStore][] = [
  ['EventStoreDB client 6.2.1, no deduplication at `any`', () => new EsdbEventStore(new FakeEsdbClient())],
  ['SQLite file', (directory) => new SqliteEventStore(directory.file('events.sqlite'))],
];

describe.each(stores)('appending once: %s', (_name, open) => {
  const directory = temporaryDirectory('once');
  let store: EventStore;
  beforeEach(() => {
    store = open(directory);
  });
  afterEach(() => store.close());

  it('a retried mentor load change lands once', async () => {
    const pool = new MentorPool(store);
    const change = { mentorRef: 'mentor-anna', hireId: 'h-1', hoursPerWeek: 4, kind: 'assign' as const };
    await pool.changeLoad('org-once', change);
    await pool.changeLoad('org-once', change);
    expect(await collect(store.readStream(mentorPoolStreamName('org-once')))).toHaveLength(1);
  });

  it('a redelivered webhook is recorded once', async () => {
    const log = new WebhookSubscriptions(store, undefined as never);
    const delivery = {
      subscriptionId: 's-1',
      organisationId: 'org-once',
      eventId: 'e-1',
      eventType: 'HireRegistered',
      hireId: 'h-1',
      status: 'delivered' as const,
      attempts: [],
    };
    await log.record(delivery);
    await log.record(delivery);
    expect(await collect(store.readStream(deliveryLogStreamName('org-once', 's-1')))).toHaveLength(1);
  });

  it('writers racing on one stream each land once, none lost', async () => {
    const ids = Array.from({ length: 6 }, (_, index) => `00000000-0000-4000-8000-00000000000${index}`);
    await Promise.all(
      [...ids, ...ids].map((id) => appendOnce(store, 'race-1', { id, type: 'SomethingHappened', data: {} })),
    );
    const written = (await collect(store.readStream('race-1'))).map((event) => event.id);
    expect([...written].sort()).toEqual(ids);
  });
});
