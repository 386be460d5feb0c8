import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';
import { type StartedService, freePort, startService, status } from '../support/serviceProcess';
import { waitFor } from '../support/waitFor';

/**
 * Every service that serves no API runs on its own (services/<name>/main.ts, as docker compose and the Helm chart
 * start them): /healthz, /readyz naming what it checks, /metrics in Prometheus text, and a clean exit on SIGTERM.
 */
describeWithServices(
  ['temporal', 'kafka'],
  'each service on its own: health, readiness, metrics, graceful shutdown',
  () => {
    const running: StartedService[] = [];
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
      ['relay', 'services/relay/main.ts', ['eventStore', 'kafka', 'leases']],
      ['webhooks', 'services/webhooks/main.ts', ['eventStore', 'leases']],
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
        // The relay and the dispatcher run one active instance at a time; alone, this one takes the lease.
        const leased = checks.includes('leases');
        const ready = await waitFor(
          async () => {
            const response = await fetch(`${service.opsUrl}/readyz`);
            return { status: response.status, body: (await response.json()) as Record<string, unknown> };
          },
          (answer) => !leased || answer.body.role === 'active',
          20_000,
        );
        expect(ready).toEqual({
          status: 200,
          body: {
            status: 'ready',
            checks: Object.fromEntries(checks.map((check) => [check, 'up'])),
            ...(leased ? { role: 'active' } : {}),
          },
        });
        const metrics = await fetch(`${service.opsUrl}/metrics`);
        expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
        const text = await metrics.text();
        expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
        if (leased) expect(text).toMatch(/^soft_landing_lease_held\{lease="(relay:kafka-relay|webhooks)"\} 1$/m);
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
