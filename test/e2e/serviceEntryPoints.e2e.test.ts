import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

const repo = join(__dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  readonly child: ChildProcess;
  readonly opsUrl: string;
  output(): string;
  exited: Promise<number | null>;
  /** Whether the process has ended (a failed start ends it: no need to wait for a port that never opens). */
  hasExited(): boolean;
}

/** A service's own entry point, as its container runs it, with the environment given plus a data folder and OPS_PORT. */
async function startService(main: string, env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(join(repo, 'node_modules/.bin/tsx'), [main], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'soft-landing-service-')),
      OPS_PORT: String(port),
      ...env,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      ended = true;
      resolve(code);
    }),
  );
  return { child, opsUrl: `http://127.0.0.1:${port}`, output: () => output, exited, hasExited: () => ended };
}

async function status(url: string): Promise<number | string> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return String(error);
  }
}

/**
 * Every service that serves no API runs on its own (services/<name>/main.ts, as docker compose and the Helm chart
 * start them): /healthz, /readyz naming what it checks, /metrics in Prometheus text, and a clean exit on SIGTERM.
 */
describeWithServices(
  ['temporal', 'kafka'],
  'each service on its own: health, readiness, metrics, graceful shutdown',
  () => {
    const running: Started[] = [];
    afterAll(() => {
      for (const service of running) service.child.kill('SIGKILL');
    });

    const shared = () => ({
      TEMPORAL_ADDRESS: serviceAddress('temporal'),
      TEMPORAL_TASK_QUEUE: `entry-points-${randomUUID()}`,
      KAFKA_BROKERS: serviceAddress('kafka'),
      KAFKA_TOPIC_PREFIX: `entry-${randomUUID().slice(0, 8)}.`,
    });

    function hrisOrganisations(): string {
      const file = join(mkdtempSync(join(tmpdir(), 'soft-landing-hris-')), 'organisations.json');
      // An HR system on a port where nothing listens: the connector starts, and its polls fail and are retried.
      writeFileSync(
        file,
        JSON.stringify({
          organisations: [
            {
              organisationId: 'entry-points',
              hris: 'afas',
              afas: {
                environmentId: '1',
                baseUrl: 'http://127.0.0.1:1/profitrestservices',
                tokenVariable: 'AFAS_TOKEN',
                employmentsConnector: 'Employments',
                personsConnector: 'Persons',
              },
            },
          ],
        }),
      );
      return file;
    }

    it.each([
      ['worker', 'services/worker/main.ts', ['temporal', 'eventStore']],
      ['relay', 'services/relay/main.ts', ['eventStore', 'kafka']],
      ['webhooks', 'services/webhooks/main.ts', ['eventStore']],
      ['inbound', 'services/inbound/main.ts', ['temporal', 'eventStore', 'kafka']],
      ['hris-connector', 'services/hris-connector/main.ts', ['temporal', 'eventStore']],
    ])(
      '%s: ready with its checks, metrics, exits 0 on SIGTERM',
      async (name, main, checks) => {
        const sdkMetricsPort = await freePort();
        const environment = shared();
        const service = await startService(main, {
          ...environment,
          // The worker exports the Temporal SDK's own metrics too, and its /metrics serves them beside ours.
          ...(name === 'worker' ? { TEMPORAL_SDK_METRICS_ADDRESS: `127.0.0.1:${sdkMetricsPort}` } : {}),
          ...(name === 'hris-connector'
            ? { HRIS_ORGANISATIONS_PATH: hrisOrganisations(), AFAS_TOKEN: 'not-a-real-token' }
            : {}),
        });
        running.push(service);
        const health = await waitFor(
          () => status(`${service.opsUrl}/healthz`),
          (answer) => answer === 200 || service.hasExited(),
          60_000,
        );
        if (health !== 200) throw new Error(`${name} never answered /healthz (${health}):\n${service.output()}`);
        const ready = await fetch(`${service.opsUrl}/readyz`);
        expect({ status: ready.status, body: await ready.json() }).toEqual({
          status: 200,
          body: { status: 'ready', checks: Object.fromEntries(checks.map((check) => [check, 'up'])) },
        });
        const metrics = await fetch(`${service.opsUrl}/metrics`);
        expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
        const text = await metrics.text();
        expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
        if (name === 'worker') {
          // The SDK's slots for the journeys' task queue: what an autoscaler of workers watches.
          expect(text).toMatch(
            new RegExp(
              `^temporal_worker_task_slots_available\\{[^}]*task_queue="${environment.TEMPORAL_TASK_QUEUE}"[^}]*\\} \\d`,
              'm',
            ),
          );
          expect(text).toMatch(/^soft_landing_temporal_sdk_metrics_up 1$/m);
        } else expect(text).not.toMatch(/^temporal_/m);
        expect((await fetch(`${service.opsUrl}/nothing-here`)).status).toBe(404);

        service.child.kill('SIGTERM');
        expect(await service.exited).toBe(0);
        expect(service.output()).toContain('"msg":"afgesloten"');
      },
      90_000,
    );

    it('answers 503 on /readyz naming Kafka while the relay cannot reach its brokers', async () => {
      // Brokers on a port where nothing listens: the relay keeps trying to connect, and is not ready meanwhile.
      const relay = await startService('services/relay/main.ts', {
        ...shared(),
        KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
      });
      running.push(relay);
      const answer = await waitFor(
        () => status(`${relay.opsUrl}/readyz`),
        (value) => typeof value === 'number' || relay.hasExited(),
        60_000,
      );
      expect(answer).toBe(503);
      const response = await fetch(`${relay.opsUrl}/readyz`, { headers: { 'accept-language': 'en' } });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({
        status: 503,
        type: '/problems/not-ready',
        detail: 'No answer from: Kafka.',
      });
      expect((await fetch(`${relay.opsUrl}/healthz`)).status).toBe(200);
      relay.child.kill('SIGTERM');
      await relay.exited;
    }, 90_000);
  },
);
