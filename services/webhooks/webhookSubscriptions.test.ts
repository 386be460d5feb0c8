import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import { withContracts } from '../event-store/withContracts';
import { WebhookSecretBox } from './webhookSecretBox';
import { WebhookSubscriptions, secretOf, webhookStreamName } from './webhookSubscriptions';

describe('webhook subscriptions in the event store', () => {
  const store = withContracts(
    new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'webhook-subscriptions-')), 'events.sqlite')),
  );
  const box = WebhookSecretBox.ephemeral();
  const subscriptions = new WebhookSubscriptions(store, box);
  afterAll(() => store.close());

  it('read a subscription saved before secrets were sealed (v1) with its old secret, until it is saved again', async () => {
    const organisationId = 'oud';
    await store.appendToStream(
      webhookStreamName(organisationId),
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          type: 'WebhookSubscriptionSaved',
          data: {
            subscriptionId: 'hr',
            organisationId,
            url: 'https://hooks.example/oud',
            eventTypes: ['*'],
            secret: 'een-geheim-van-minstens-16-tekens',
            contentMode: 'binary',
          },
          metadata: { organisationId, actor: 'api-key:oud' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const legacy = (await subscriptions.get(organisationId, 'hr'))!;
    expect(legacy).toMatchObject({
      url: 'https://hooks.example/oud',
      legacySecret: 'een-geheim-van-minstens-16-tekens',
    });
    expect(legacy).not.toHaveProperty('sealedSecret');
    expect(legacy).not.toHaveProperty('contentMode');
    expect(secretOf(legacy, box)).toBe('een-geheim-van-minstens-16-tekens');

    const renewed = await subscriptions.save(
      organisationId,
      'hr',
      { url: legacy.url, eventTypes: ['*'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      'api-key:oud',
    );
    expect(renewed).not.toHaveProperty('legacySecret');
    expect(secretOf(renewed, box)).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(renewed.since).toEqual(legacy.since);
  });

  it('append nothing for a retry with the same content, and a new sealed secret for a new one', async () => {
    const request = {
      url: 'https://hooks.example/a',
      eventTypes: ['HireRegistered'],
      secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    };
    const count = async () => {
      let n = 0;
      for await (const _ of store.readStream(webhookStreamName('nieuw'))) n += 1;
      return n;
    };
    await subscriptions.save('nieuw', 'a', request, 'api-key:nieuw');
    await subscriptions.save('nieuw', 'a', request, 'api-key:nieuw');
    expect(await count()).toBe(1);
    await subscriptions.save(
      'nieuw',
      'a',
      { ...request, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      'api-key:nieuw',
    );
    expect(await count()).toBe(2);
  });
});
