import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { withContracts } from '../../services/event-store/withContracts';
import { SqlitePeopleDirectory } from '../../services/people/sqlitePeopleDirectory';
import { openReadModels } from '../../services/projections';
import { closeServer, listen } from '../../services/http/listen';
import { createLogger } from '../../services/shared/logger';
import type { EventStore } from '../../services/event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../../services/event-store/streamNames';
import { devModeApp } from '../support/devModeApp';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';

/** /healthz, /readyz, /metrics and graceful shutdown, against the running system (real Temporal and Kafka). */
describeWithServices(['temporal', 'kafka'], 'operations: probes, metrics and graceful shutdown', () => {
  let system: RunningSystem;
  const organisationId = `ops-${randomUUID().slice(0, 8)}`;
  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const scratch = mkdtempSync(join(tmpdir(), 'soft-landing-ops-'));
  const closers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    system = await startSystem({ kafka: true });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await system?.stop();
  });

  /** The API on `client` and `store`, with a people directory and read models of its own; no projection runner. */
  function apiOf(client: Client, store: EventStore) {
    const directory = new SqlitePeopleDirectory(join(scratch, `people-${randomUUID()}.sqlite`));
    const readModels = openReadModels(join(scratch, `read-models-${randomUUID()}.sqlite`));
    closers.push(
      () => directory.close(),
      () => {
        readModels.close();
      },
    );
    return devModeApp({ client, store, logger, directory, readModels });
  }

  /** Another API in the same process, on its own Temporal client and event store. */
  async function otherApp(client: Client, store: EventStore) {
    const server = await listen(apiOf(client, store), 0);
    closers.push(() => closeServer(server));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('/healthz answers 200', async () => {
    const response = await fetch(`${system.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 while Temporal and the event store answer', async () => {
    const response = await fetch(`${system.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { temporal: 'up', eventStore: 'up' } });
  });

  it('/readyz answers 503 problem+json when the event store is closed', async () => {
    const store = withContracts(new SqliteEventStore(join(scratch, `events-${randomUUID()}.sqlite`)));
    const baseUrl = await otherApp(system.client, store);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    await store.close();
    const response = await fetch(`${baseUrl}/readyz`, { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      type: '/problems/not-ready',
      status: 503,
      detail: 'No answer from: event store.',
    });
  });

  it('/readyz answers 503 problem+json when Temporal is unreachable', async () => {
    // Nothing listens on port 1; a lazy connection fails on its first call instead of at construction. Without
    // the client's retry interceptor: its retries would outlive the check and hit the channel after it closed.
    const deadConnection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
    closers.push(() => deadConnection.close());
    const baseUrl = await otherApp(new Client({ connection: deadConnection }), system.store);
    const started = Date.now();
    const response = await fetch(`${baseUrl}/readyz`, { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ type: '/problems/not-ready', detail: 'No answer from: Temporal.' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('/metrics counts requests by route template, workflow starts by outcome, and the relay lag', async () => {
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const register = (key: string, role: string) =>
      fetch(`${system.baseUrl}/hires`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-organisation-id': organisationId, 'idempotency-key': key },
        body: JSON.stringify({ hireId, startDate: '2031-03-01', role }),
      });
    expect((await register('k1', 'Jeugdzorgwerker')).status).toBe(201);
    expect((await register('k1', 'Jeugdzorgwerker')).status).toBe(200);
    expect((await register('k2', 'Gedragswetenschapper')).status).toBe(409);
    expect(
      (await fetch(`${system.baseUrl}/hires/${hireId}`, { headers: { 'x-organisation-id': organisationId } })).status,
    ).toBe(200);

    const response = await fetch(`${system.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const metrics = await response.text();
    expect(metrics).toMatch(/^soft_landing_http_requests_total\{method="POST",route="\/hires",status="201"\} 1$/m);
    expect(metrics).toMatch(/^soft_landing_http_requests_total\{method="POST",route="\/hires",status="409"\} 1$/m);
    expect(metrics).toMatch(
      /^soft_landing_http_requests_total\{method="GET",route="\/hires\/:hireId",status="200"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^soft_landing_http_request_duration_seconds_count\{method="POST",route="\/hires",status="201"\} 1$/m,
    );
    expect(metrics).toMatch(/^soft_landing_workflow_starts_total\{outcome="started"\} 1$/m);
    expect(metrics).toMatch(/^soft_landing_workflow_starts_total\{outcome="already_existed"\} 1$/m);
    expect(metrics).toMatch(/^soft_landing_workflow_starts_total\{outcome="refused"\} 1$/m);
    // The relay runs in this process: its lag is the hire events after its checkpoint (0 once Kafka acknowledged).
    const lag = /^soft_landing_relay_lag_events\{subscriber="kafka-relay"\} (\d+)$/m.exec(metrics);
    expect(lag).not.toBeNull();
    let hireEvents = 0;
    for await (const _event of system.store.readAll({ streamPrefixes: [HIRE_STREAM_PREFIX] })) hireEvents += 1;
    expect(hireEvents).toBeGreaterThan(0);
    expect(Number(lag![1])).toBeLessThanOrEqual(hireEvents);
    const seconds = /^soft_landing_relay_seconds_since_last_publish\{subscriber="kafka-relay"\} (\S+)$/m.exec(metrics);
    expect(Number(seconds?.[1])).toBeGreaterThanOrEqual(0);
  });

  it('graceful shutdown: a slow request in flight completes while a new connection is refused', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The real API, with one slow route in front of it.
    const outer = express();
    outer.get('/slow', async (_req, res) => {
      arrived();
      await released;
      res.json({ finished: true });
    });
    const store = withContracts(new SqliteEventStore(join(scratch, `events-${randomUUID()}.sqlite`)));
    closers.push(() => store.close());
    outer.use(apiOf(system.client, store));
    const server = await listen(outer, 0);
    const { port } = server.address() as AddressInfo;
    // A keep-alive connection that served a request and is idle must not hold the shutdown up either.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const slow = fetch(`http://127.0.0.1:${port}/slow`);
    await requestArrived;
    let closed = false;
    const closing = closeServer(server).then(() => {
      closed = true;
    });

    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(closed).toBe(false);

    release();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    // Its keep-alive connection is closed once answered: the shutdown does not wait out the keep-alive timeout.
    const answeredAt = Date.now();
    await closing;
    expect(closed).toBe(true);
    expect(Date.now() - answeredAt).toBeLessThan(1_000);
  });
});
