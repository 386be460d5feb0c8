import { randomUUID } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../services/webhooks/webhookSignature';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { apiRequest } from '../support/apiRequest';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A real HTTP receiver: `/ok` always answers 204, `/flaky` fails twice per event and then accepts, `/down` always fails. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const failures = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      received.push({ path, headers: req.headers, body });
      if (path === '/down') return void res.writeHead(500).end('stuk');
      if (path === '/flaky') {
        const eventId = (JSON.parse(body) as { id: string }).id;
        const failed = failures.get(eventId) ?? 0;
        if (failed < 2) {
          failures.set(eventId, failed + 1);
          return void res.writeHead(503).end();
        }
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describeWithServices(['temporal'], 'webhooks to a real HTTP receiver', () => {
  let system: RunningSystem;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const organisationId = `webhooks-${randomUUID().slice(0, 8)}`;
  const secret = 'een-geheim-van-minstens-16-tekens';

  beforeAll(async () => {
    receiver = await startReceiver();
    system = await startSystem({ kafka: false, webhooks: { maxAttempts: 3, backoffMs: 100, timeoutMs: 2_000 } });
  });
  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    apiRequest(system.baseUrl, organisationId, method, path, body, extra);
  const deliveries = async (id: string) => ((await (await send('GET', `/webhooks/${id}/deliveries`)).json()) as { deliveries: Record<string, any>[] }).deliveries;

  it('manages subscriptions: the secret is never returned, an invalid one is refused in Dutch, a deleted one is gone', async () => {
    const saved = await send('PUT', '/webhooks/temporary', { url: `${receiver.url}/ok`, eventTypes: ['*'], secret });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ id: 'temporary', organisationId, url: `${receiver.url}/ok`, eventTypes: ['*'], contentMode: 'binary' });
    expect(await (await send('GET', '/webhooks/temporary')).json()).not.toHaveProperty('secret');

    const invalid = await send('PUT', '/webhooks/bad', { url: 'ftp://elders', eventTypes: [], secret: 'kort' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ title: 'Ongeldig verzoek', errors: expect.arrayContaining([expect.objectContaining({ pointer: '/secret' })]) });

    expect((await send('DELETE', '/webhooks/temporary')).status).toBe(204);
    const gone = await send('GET', '/webhooks/temporary');
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ title: 'Webhook niet gevonden' });
    expect((await send('DELETE', '/webhooks/temporary')).status).toBe(404);
  });

  it('delivers signed CloudEvents, retries with back-off, and logs a receiver that never answers as failed', async () => {
    for (const [id, path, contentMode] of [['ok', '/ok', 'binary'], ['flaky', '/flaky', 'structured'], ['down', '/down', 'binary']] as const) {
      expect((await send('PUT', `/webhooks/${id}`, { url: `${receiver.url}${path}`, eventTypes: ['HireRegistered'], secret, contentMode })).status).toBe(200);
    }
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const registered = await send('POST', '/hires', { hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker' }, { 'idempotency-key': randomUUID() });
    expect(registered.status).toBe(201);

    // Binary mode: attributes in ce-* headers, the event's data as the body, signed over "<t>.<body>".
    const [ok] = await waitFor(() => receiver.received.filter((r) => r.path === '/ok'), (list) => list.length >= 1);
    expect(ok!.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-type': 'nl.softlanding.HireRegistered.v1',
      'ce-source': `/soft-landing/organisations/${organisationId}`,
      'ce-subject': `hires/${hireId}`,
      'content-type': 'application/json',
    });
    expect(JSON.parse(ok!.body)).toMatchObject({ organisationId, hireId, role: 'Jeugdzorgwerker' });
    const signature = ok!.headers['soft-landing-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, ok!.body, signature)).toBe(true);
    expect(verifySignature(secret, ok!.body.replace('Jeugdzorgwerker', 'Directeur'), signature)).toBe(false);
    expect(verifySignature('een-ander-geheim-van-16-tekens', ok!.body, signature)).toBe(false);

    // Structured mode, accepted on the third attempt.
    const flaky = await waitFor(() => deliveries('flaky'), (list) => list.length === 1, 30_000);
    expect(flaky[0]).toMatchObject({ eventType: 'HireRegistered', hireId, status: 'delivered', eventId: ok!.headers['ce-id'] });
    expect(flaky[0]!.attempts.map((attempt: { statusCode?: number }) => attempt.statusCode)).toEqual([503, 503, 204]);
    const structured = receiver.received.filter((r) => r.path === '/flaky');
    expect(structured[2]!.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(JSON.parse(structured[2]!.body)).toMatchObject({ specversion: '1.0', type: 'nl.softlanding.HireRegistered.v1', id: ok!.headers['ce-id'], data: { hireId } });
    expect(verifySignature(secret, structured[2]!.body, structured[2]!.headers['soft-landing-signature'] as string)).toBe(true);
    // Back-off: the waits grow (100 ms, then 200 ms).
    const times = flaky[0]!.attempts.map((attempt: { at: string }) => Date.parse(attempt.at));
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(90);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(190);

    // Always failing: every attempt used, then logged as failed, and the dispatcher moved on.
    const down = await waitFor(() => deliveries('down'), (list) => list.length === 1, 30_000);
    expect(down[0]).toMatchObject({ status: 'failed', hireId });
    expect(down[0]!.attempts).toHaveLength(3);
    expect(down[0]!.attempts.every((attempt: { statusCode?: number }) => attempt.statusCode === 500)).toBe(true);
    expect(await deliveries('ok')).toEqual([expect.objectContaining({ status: 'delivered', attempts: [expect.objectContaining({ statusCode: 204 })] })]);

    // Only subscribed types: the journey's further events (JourneyStarted, TaskOpened, …) were not sent.
    const second = `h-${randomUUID().slice(0, 8)}`;
    await send('POST', '/hires', { hireId: second, startDate: '2027-03-01', role: 'Jeugdzorgwerker' }, { 'idempotency-key': randomUUID() });
    await waitFor(() => deliveries('ok'), (list) => list.length === 2, 30_000);
    expect(receiver.received.filter((r) => r.path === '/ok').every((r) => r.headers['ce-type'] === 'nl.softlanding.HireRegistered.v1')).toBe(true);
  });
});
