import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createLogger } from '../../services/shared/logger';
import { WebhookAddressPolicy } from '../../services/webhooks/webhookAddressPolicy';
import { startWebhookDispatcher } from '../../services/webhooks/webhookDispatcher';
import { WebhookSecretBox } from '../../services/webhooks/webhookSecretBox';
import { apiRequest } from '../support/apiRequest';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

interface Received {
  readonly at: number;
  readonly headers: IncomingHttpHeaders;
  readonly event: { id: string; type: string; data: { hireId: string } };
}

/**
 * A real receiver on loopback. `dead`: it takes the connection and the request, and never answers (the worst
 * case for a sender: every attempt waits for its whole timeout); `live`: 204 at once.
 */
async function startReceiver(mode: 'live' | 'dead') {
  const state = { mode, connections: 0 };
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (state.mode === 'dead') return;
      received.push({
        at: Date.now(),
        headers: req.headers,
        event: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['event'],
      });
      res.writeHead(204).end();
    });
  });
  server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    state,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
// Close to the defaults (6 attempts, 1 s doubling), with a shorter timeout: a dead receiver's delivery takes a minute.
const DELIVERY = { maxAttempts: 6, backoffMs: 1_000, timeoutMs: 3_000 };

type Send = (organisationId: string, method: string, path: string, body?: unknown) => Promise<Response>;

/**
 * Organisation A's hire events to the receiver that answers, B's to the one that does not; both subscriptions must
 * be taken. Gives how the tests then send as either organisation, each request with a fresh Idempotency-Key.
 */
async function subscribeLiveAndDead(
  baseUrl: string,
  { A, live }: { A: string; live: { url: string } },
  { B, dead }: { B: string; dead: { url: string } },
): Promise<Send> {
  const send: Send = (organisationId, method, path, body) =>
    apiRequest(baseUrl, organisationId, method, path, body, { 'idempotency-key': randomUUID() });
  for (const [organisationId, receiver] of [
    [A, live],
    [B, dead],
  ] as const) {
    const subscribed = await send(organisationId, 'PUT', '/webhooks/hr-system', {
      url: receiver.url,
      eventTypes: ['HireRegistered'],
      secret: newSecret(),
    });
    expect(subscribed.status).toBe(200);
  }
  return send;
}

describeWithServices(['temporal'], "webhooks: one organisation's dead receiver does not hold up another's", () => {
  let system: RunningSystem;
  let live: Awaited<ReturnType<typeof startReceiver>>;
  let dead: Awaited<ReturnType<typeof startReceiver>>;
  const A = `hooks-a-${randomUUID().slice(0, 8)}`;
  const B = `hooks-b-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    [live, dead] = await Promise.all([startReceiver('live'), startReceiver('dead')]);
    system = await startSystem({ kafka: false, webhookAllowedHosts: ['127.0.0.1'], webhooks: DELIVERY });
  });
  afterAll(async () => {
    await system?.stop();
    await Promise.all([live?.close(), dead?.close()]);
  });

  it("delivers A's event within a couple of seconds while B's delivery is still being retried", async () => {
    const send = await subscribeLiveAndDead(system.baseUrl, { A, live }, { B, dead });

    // B's event first, and its first attempt under way, so an A delivery queued behind it would have to wait.
    expect(
      (await send(B, 'POST', '/hires', { hireId: 'h-b1', startDate: '2027-03-01', role: 'Jeugdzorgwerker' })).status,
    ).toBe(201);
    await waitFor(
      () => dead.state.connections,
      (connections) => connections >= 1,
      20_000,
    );

    const registeredAt = Date.now();
    expect(
      (await send(A, 'POST', '/hires', { hireId: 'h-a1', startDate: '2027-03-01', role: 'Jeugdzorgwerker' })).status,
    ).toBe(201);
    const [arrived] = await waitFor(
      () => live.received,
      (list) => list.length >= 1,
      20_000,
    );
    const latencyMs = arrived!.at - registeredAt;
    console.log(
      `webhook isolation: A's delivery arrived ${latencyMs} ms after its hire was registered, while B's receiver hung`,
    );
    expect(arrived!.event).toMatchObject({ type: 'nl.softlanding.HireRegistered.v1', data: { hireId: 'h-a1' } });
    expect(latencyMs).toBeLessThan(2_500);

    // B is still on its first attempts: nothing in its log yet, and A's log has its delivery.
    const log = async (organisationId: string) =>
      (
        (await (await send(organisationId, 'GET', '/webhooks/hr-system/deliveries')).json()) as {
          deliveries: { status: string }[];
        }
      ).deliveries;
    expect(await log(B)).toEqual([]);
    expect(
      await waitFor(
        () => log(A),
        (list) => list.length === 1,
      ),
    ).toEqual([expect.objectContaining({ status: 'delivered' })]);
  });
});

describeWithServices(
  ['temporal'],
  'webhooks: per subscription, in order, at least once, across a restart of the dispatcher',
  () => {
    let system: RunningSystem;
    let live: Awaited<ReturnType<typeof startReceiver>>;
    let dead: Awaited<ReturnType<typeof startReceiver>>;
    const A = `hooks-a-${randomUUID().slice(0, 8)}`;
    const B = `hooks-b-${randomUUID().slice(0, 8)}`;
    const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');

    beforeAll(async () => {
      [live, dead] = await Promise.all([startReceiver('live'), startReceiver('dead')]);
      // No dispatcher of the system's own: this test starts and stops them, as a restart of the process would.
      system = await startSystem({ kafka: false, webhookAllowedHosts: ['127.0.0.1'] });
    });
    afterAll(async () => {
      await system?.stop();
      await Promise.all([live?.close(), dead?.close()]);
    });

    /** The organisation's HireRegistered events, in the store's order. */
    const registrationsOf = async (organisationId: string) => {
      const hireIds: string[] = [];
      for await (const event of system.store.readAll({ streamPrefixes: [`hire-${organisationId}.`] })) {
        if (event.type === 'HireRegistered') hireIds.push(event.data.hireId as string);
      }
      return hireIds;
    };

    const startDispatcher = () =>
      startWebhookDispatcher({
        store: system.store,
        checkpoints: system.store,
        logger,
        delivery: DELIVERY,
        retryDelayMs: 200,
        // The key file and the allow-list the system's API uses.
        secrets: WebhookSecretBox.fromKeyFile(join(dirname(system.sqlitePath), 'webhook-secret-key')),
        addressPolicy: new WebhookAddressPolicy(['127.0.0.1']),
      });

    it('delivers what B missed while its receiver was dead, in the order it happened, once it answers again', async () => {
      const send = await subscribeLiveAndDead(system.baseUrl, { A, live }, { B, dead });

      let dispatcher = await startDispatcher();
      const bHires = ['h-b1', 'h-b2', 'h-b3'];
      for (const hireId of bHires) {
        expect(
          (await send(B, 'POST', '/hires', { hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker' })).status,
        ).toBe(201);
        expect(
          (
            await send(A, 'POST', '/hires', {
              hireId: hireId.replace('b', 'a'),
              startDate: '2027-03-01',
              role: 'Jeugdzorgwerker',
            })
          ).status,
        ).toBe(201);
      }
      await waitFor(
        () => live.received.length,
        (count) => count === 3,
        20_000,
      );
      // Served means answered and recorded, not only arrived: a restart between the receiver's answer and the
      // record would deliver that event again (at least once), which is not what this test is about.
      await waitFor(
        async () =>
          (
            (await (await send(A, 'GET', '/webhooks/hr-system/deliveries')).json()) as {
              deliveries: { status: string }[];
            }
          ).deliveries.filter((delivery) => delivery.status === 'delivered').length,
        (count) => count === 3,
        20_000,
      );
      expect(dead.state.connections).toBeGreaterThanOrEqual(1);

      // A restart while B is still retrying its first event: nothing of B's was delivered or recorded yet.
      await dispatcher.stop();
      dead.state.mode = 'live';
      dispatcher = await startDispatcher();
      try {
        await waitFor(
          () => new Set(dead.received.map((r) => r.event.data.hireId)).size,
          (count) => count === 3,
          30_000,
        );
        // In the order the store recorded them (the journeys record their registrations themselves, so not
        // necessarily the order of the requests); an event may come twice (at least once); only B's.
        const firstArrivals = [...new Set(dead.received.map((r) => r.event.data.hireId))];
        expect(firstArrivals).toEqual(await registrationsOf(B));
        expect([...firstArrivals].sort()).toEqual(bHires);
        const bLog = await waitFor(
          async () =>
            (
              (await (await send(B, 'GET', '/webhooks/hr-system/deliveries')).json()) as {
                deliveries: { hireId: string; status: string }[];
              }
            ).deliveries,
          (list) => list.length === 3,
        );
        expect(bLog.map((d) => [d.hireId, d.status])).toEqual(
          [...firstArrivals].reverse().map((hireId) => [hireId, 'delivered']),
        );

        // A was served before the restart and is not served again; its next event still arrives.
        expect(
          (await send(A, 'POST', '/hires', { hireId: 'h-a4', startDate: '2027-03-01', role: 'Jeugdzorgwerker' }))
            .status,
        ).toBe(201);
        await waitFor(
          () => live.received.length,
          (count) => count === 4,
          20_000,
        );
        expect(live.received.map((r) => r.event.data.hireId)).toEqual(await registrationsOf(A));
        expect(live.received.map((r) => r.event.data.hireId).sort()).toEqual(['h-a1', 'h-a2', 'h-a3', 'h-a4']);
      } finally {
        await dispatcher.stop();
      }
    });
  },
);
