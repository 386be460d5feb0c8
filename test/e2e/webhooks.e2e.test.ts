import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { dirname, join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { apiRequest } from '../support/apiRequest';
import { type WebhookAnswer, startWebhookReceiver } from '../support/webhookReceiver';

/**
 * A real HTTP receiver: `/ok` always answers 204, `/flaky` fails twice per event and then accepts, `/down` always
 * fails, `/redirect` sends the caller on to `/ok-after-redirect` (which it must not follow).
 */
function startReceiver() {
  const failures = new Map<string, number>();
  return startWebhookReceiver(({ path, body }): WebhookAnswer | undefined => {
    if (path === '/down') return { status: 500, body: 'stuk' };
    if (path === '/redirect') return { status: 307, headers: { location: '/ok-after-redirect' } };
    if (path === '/flaky') {
      const eventId = (JSON.parse(body) as { id: string }).id;
      const failed = failures.get(eventId) ?? 0;
      if (failed < 2) {
        failures.set(eventId, failed + 1);
        return { status: 503 };
      }
    }
    return undefined;
  });
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** What a receiver does with a ready library: the parsed body, or a thrown WebhookVerificationError. */
const verify = (secret: string, delivery: { body: string; headers: IncomingHttpHeaders }) =>
  new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as Record<string, unknown>;

/**
 * A receiver and a system (without Kafka) for the enclosing describe, started before its tests and stopped after
 * them, with a fresh organisation and secret; `send` and `deliveries` speak to the system's API as that organisation.
 */
function receiverAndSystem(webhooks: Parameters<typeof startSystem>[0]['webhooks'], allowedHosts: string[]) {
  const running = {} as { system: RunningSystem; receiver: Awaited<ReturnType<typeof startReceiver>> };
  const organisationId = `webhooks-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    running.receiver = await startReceiver();
    running.system = await startSystem({ kafka: false, webhookAllowedHosts: allowedHosts, webhooks });
  });
  afterAll(async () => {
    await running.system?.stop();
    await running.receiver?.close();
  });
  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(running.system.baseUrl, organisationId, method, path, body, extra);
  const deliveries = async (id: string) =>
    ((await (await send('GET', `/webhooks/${id}/deliveries`)).json()) as { deliveries: Record<string, any>[] })
      .deliveries;
  return { running, organisationId, secret: newSecret(), send, deliveries };
}

describeWithServices(['temporal'], 'webhooks to a real HTTP receiver', () => {
  // The receivers are on loopback, which is refused unless the operator allows it (WEBHOOK_ALLOWED_HOSTS).
  const { running, organisationId, secret, send, deliveries } = receiverAndSystem(
    { maxAttempts: 3, backoffMs: 100, timeoutMs: 2_000 },
    ['127.0.0.1'],
  );

  it('manages subscriptions: the secret is never returned, an invalid one is refused in Dutch, a deleted one is gone', async () => {
    const saved = await send('PUT', '/webhooks/temporary', {
      url: `${running.receiver.url}/ok`,
      eventTypes: ['*'],
      secret,
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({
      id: 'temporary',
      organisationId,
      url: `${running.receiver.url}/ok`,
      eventTypes: ['*'],
      contentMode: 'structured',
    });
    expect(await (await send('GET', '/webhooks/temporary')).json()).not.toHaveProperty('secret');

    // A secret that is not `whsec_<base64 of 24+ bytes>`, and binary mode, which could not be signed whole.
    for (const body of [
      { url: 'ftp://elders', eventTypes: [], secret: 'kort' },
      { url: `${running.receiver.url}/ok`, eventTypes: ['*'], secret: 'een-geheim-van-minstens-16-tekens' },
      { url: `${running.receiver.url}/ok`, eventTypes: ['*'], secret: 'whsec_dGUta29ydA==' },
      { url: `${running.receiver.url}/ok`, eventTypes: ['*'], secret, contentMode: 'binary' },
    ]) {
      const invalid = await send('PUT', '/webhooks/bad', body);
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({ title: 'Ongeldig verzoek' });
    }
    expect((await send('GET', '/webhooks/bad')).status).toBe(404);

    expect((await send('DELETE', '/webhooks/temporary')).status).toBe(204);
    const gone = await send('GET', '/webhooks/temporary');
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ title: 'Webhook niet gevonden' });
    expect((await send('DELETE', '/webhooks/temporary')).status).toBe(404);
  });

  it("refuses URLs on the server's own network with a 422 in Dutch or English, and stores nothing", async () => {
    const last = async () =>
      (
        await running.system.store
          .readStream(`webhooks-${organisationId}`, { direction: 'backwards', maxCount: 1 })
          [Symbol.asyncIterator]()
          .next()
      ).value?.id;
    const before = await last();
    const port = new URL(running.receiver.url).port;
    // Only 127.0.0.1 is allowed here: another loopback address, in whatever notation, is not.
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://10.0.0.7/hooks',
      'http://192.168.1.1/',
      `http://127.0.0.2:${port}/ok`,
      `http://0x7f.0.0.3:${port}/ok`,
      `http://[::1]:${port}/ok`,
      `http://[::ffff:127.0.0.4]:${port}/ok`,
      'http://0.0.0.0/',
    ]) {
      const refused = await send('PUT', '/webhooks/inside', { url, eventTypes: ['*'], secret });
      expect([url, refused.status, refused.headers.get('content-type')]).toEqual([
        url,
        422,
        expect.stringMatching(/^application\/problem\+json/),
      ]);
      expect(await refused.json()).toMatchObject({
        type: '/problems/webhook-url-not-allowed',
        title: 'Webhook-adres niet toegestaan',
        status: 422,
      });
    }
    const english = await send(
      'PUT',
      '/webhooks/inside',
      { url: 'http://169.254.169.254/', eventTypes: ['*'], secret },
      { 'accept-language': 'en' },
    );
    expect(await english.json()).toMatchObject({
      title: 'Webhook address not allowed',
      detail: expect.stringContaining('WEBHOOK_ALLOWED_HOSTS'),
    });
    const unknown = await send('PUT', '/webhooks/inside', {
      url: `http://bestaat-niet-${randomUUID()}.invalid/`,
      eventTypes: ['*'],
      secret,
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ type: '/problems/webhook-url-unresolvable' });

    expect((await send('GET', '/webhooks/inside')).status).toBe(404);
    expect(await last()).toBe(before);
  });

  it('delivers structured CloudEvents signed the Standard Webhooks way, retries with back-off, and logs a receiver that never answers as failed', async () => {
    for (const [id, path] of [
      ['ok', '/ok'],
      ['flaky', '/flaky'],
      ['down', '/down'],
      ['redirect', '/redirect'],
    ] as const) {
      expect(
        (
          await send('PUT', `/webhooks/${id}`, {
            url: `${running.receiver.url}${path}`,
            eventTypes: ['HireRegistered'],
            secret,
          })
        ).status,
      ).toBe(200);
    }
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const registered = await send(
      'POST',
      '/hires',
      { hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker' },
      { 'idempotency-key': randomUUID() },
    );
    expect(registered.status).toBe(201);

    // As a receiver verifies it: the standardwebhooks package, with nothing but the secret.
    const [ok] = await waitFor(
      () => running.receiver.received.filter((r) => r.path === '/ok'),
      (list) => list.length >= 1,
    );
    expect(ok!.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    const event = verify(secret, ok!);
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'nl.softlanding.HireRegistered.v1',
      source: `/soft-landing/organisations/${organisationId}`,
      subject: `hires/${hireId}`,
      datacontenttype: 'application/json',
      data: { organisationId, hireId, role: 'Jeugdzorgwerker' },
    });
    expect(ok!.headers['webhook-id']).toBe(event.id);
    expect(ok!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    // Every CloudEvents attribute is in the signed body; nothing rides along unsigned in ce-* headers.
    expect(Object.keys(ok!.headers).filter((name) => name.startsWith('ce-'))).toEqual([]);
    const tampered = (change: (e: Record<string, unknown>) => void) => {
      const copy = JSON.parse(ok!.body) as Record<string, unknown>;
      change(copy);
      return { ...ok!, body: JSON.stringify(copy) };
    };
    expect(JSON.stringify(JSON.parse(ok!.body))).toBe(ok!.body);
    // A change to any signed attribute, or to the data, breaks the signature.
    const tamperings: ((e: Record<string, unknown>) => void)[] = [
      (e) => (e.type = 'nl.softlanding.TerminationRegistered.v1'),
      (e) => (e.source = '/soft-landing/organisations/een-ander'),
      (e) => (e.subject = 'hires/h-iemand-anders'),
      (e) => ((e.data as Record<string, unknown>).role = 'Directeur'),
    ];
    for (const change of tamperings) expect(() => verify(secret, tampered(change))).toThrow(/signature/i);
    expect(() => verify(secret, { ...ok!, headers: { ...ok!.headers, 'webhook-id': randomUUID() } })).toThrow(
      /signature/i,
    );
    expect(() => verify(newSecret(), ok!)).toThrow(/signature/i);

    // Accepted on the third attempt; every attempt of one event carries the same webhook-id.
    const flaky = await waitFor(
      () => deliveries('flaky'),
      (list) => list.length === 1,
      30_000,
    );
    expect(flaky[0]).toMatchObject({ eventType: 'HireRegistered', hireId, status: 'delivered', eventId: event.id });
    expect(flaky[0]!.attempts.map((attempt: { statusCode?: number }) => attempt.statusCode)).toEqual([503, 503, 204]);
    const retried = running.receiver.received.filter((r) => r.path === '/flaky');
    expect(retried.map((r) => r.headers['webhook-id'])).toEqual([event.id, event.id, event.id]);
    expect(verify(secret, retried[2]!)).toMatchObject({ id: event.id, data: { hireId } });
    // Back-off: the waits grow (at least 100 ms, then at least 200 ms; jitter adds up to half again).
    const times = flaky[0]!.attempts.map((attempt: { at: string }) => Date.parse(attempt.at));
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(90);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(190);

    // Always failing: every attempt used, then logged as failed, and the subscription moved on.
    const down = await waitFor(
      () => deliveries('down'),
      (list) => list.length === 1,
      30_000,
    );
    expect(down[0]).toMatchObject({ status: 'failed', hireId });
    expect(down[0]!.attempts).toHaveLength(3);
    expect(down[0]!.attempts.every((attempt: { statusCode?: number }) => attempt.statusCode === 500)).toBe(true);
    expect(await deliveries('ok')).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: [expect.objectContaining({ statusCode: 204 })] }),
    ]);

    // A redirect is an answer, not an instruction: never followed.
    const redirected = await waitFor(
      () => deliveries('redirect'),
      (list) => list.length === 1,
      30_000,
    );
    expect(redirected[0]).toMatchObject({ status: 'failed' });
    expect(redirected[0]!.attempts.map((attempt: { statusCode?: number }) => attempt.statusCode)).toEqual([
      307, 307, 307,
    ]);
    expect(running.receiver.received.filter((r) => r.path === '/ok-after-redirect')).toEqual([]);

    // Only subscribed types: the journey's further events (JourneyStarted, TaskOpened, …) were not sent.
    const second = `h-${randomUUID().slice(0, 8)}`;
    await send(
      'POST',
      '/hires',
      { hireId: second, startDate: '2027-03-01', role: 'Jeugdzorgwerker' },
      { 'idempotency-key': randomUUID() },
    );
    await waitFor(
      () => deliveries('ok'),
      (list) => list.length === 2,
      30_000,
    );
    expect(
      running.receiver.received
        .filter((r) => r.path === '/ok')
        .every((r) => verify(secret, r).type === 'nl.softlanding.HireRegistered.v1'),
    ).toBe(true);
  });

  it('keeps secrets out of the event store: the raw SQLite files hold none of them', async () => {
    const secrets = [newSecret(), newSecret()];
    // Saved, then saved again with another secret: neither may be written where a reader of the files finds it.
    for (const secret of secrets) {
      expect(
        (await send('PUT', '/webhooks/sealed', { url: `${running.receiver.url}/ok`, eventTypes: ['*'], secret }))
          .status,
      ).toBe(200);
    }
    const directory = dirname(running.system.sqlitePath);
    // The store with its write-ahead log, as a backup or a reader of the file would see it.
    const files = readdirSync(directory).filter((file) => file.startsWith('events.sqlite'));
    expect(files).toContain('events.sqlite');
    const raw = Buffer.concat(files.map((file) => readFileSync(join(directory, file))));
    expect(raw.includes(Buffer.from('webhooks-'))).toBe(true);
    for (const candidate of [secret, ...secrets]) {
      expect(raw.includes(Buffer.from(candidate))).toBe(false);
      expect(raw.includes(Buffer.from(candidate.slice('whsec_'.length)))).toBe(false);
      expect(raw.includes(Buffer.from(candidate.slice('whsec_'.length), 'base64'))).toBe(false);
    }
    // The saved subscription still signs with the newest secret.
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    await send(
      'POST',
      '/hires',
      { hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker' },
      { 'idempotency-key': randomUUID() },
    );
    const sealed = await waitFor(
      () => deliveries('sealed'),
      (list) => list.some((d) => d.eventType === 'HireRegistered'),
      30_000,
    );
    const delivered = running.receiver.received.find(
      (r) =>
        r.headers['webhook-id'] === sealed.find((d) => d.eventType === 'HireRegistered')!.eventId &&
        r.headers['soft-landing-subscription'] === 'sealed',
    );
    expect(verify(secrets[1]!, delivered!)).toMatchObject({ data: { hireId } });
  });
});

describeWithServices(['temporal'], 'webhook deliveries check the address they connect to', () => {
  // The API was told loopback is fine, the dispatcher was not: what it resolves at delivery time decides, as
  // when a name is rebound to an inside address after it was saved.
  const { running, secret, send, deliveries } = receiverAndSystem(
    { maxAttempts: 3, backoffMs: 100, timeoutMs: 2_000, allowedHosts: [] },
    ['127.0.0.1', 'localhost'],
  );

  it('records a failed delivery, without a request, for an address (or a name resolving to one) it may not call', async () => {
    const port = new URL(running.receiver.url).port;
    expect(
      (
        await send('PUT', '/webhooks/by-address', {
          url: `${running.receiver.url}/ok`,
          eventTypes: ['HireRegistered'],
          secret,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send('PUT', '/webhooks/by-name', {
          url: `http://localhost:${port}/ok`,
          eventTypes: ['HireRegistered'],
          secret,
        })
      ).status,
    ).toBe(200);
    await send(
      'POST',
      '/hires',
      { hireId: 'h-binnen', startDate: '2027-03-01', role: 'Jeugdzorgwerker' },
      { 'idempotency-key': randomUUID() },
    );

    for (const id of ['by-address', 'by-name']) {
      const log = (
        await waitFor(
          () => deliveries(id),
          (list) => list.length === 1,
          30_000,
        )
      )[0]!;
      // Refused before connecting, and not retried: waiting does not make an address allowed.
      expect(log).toMatchObject({
        status: 'failed',
        hireId: 'h-binnen',
        attempts: [{ error: expect.stringMatching(/not allowed/) }],
      });
      expect(log.attempts[0]).not.toHaveProperty('statusCode');
    }
    expect(running.receiver.received).toEqual([]);
  });
});
