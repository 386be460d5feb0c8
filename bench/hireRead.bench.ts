/**
 * GET /hires/{id}, the read every page of a hire polls, beside a bare express route that returns the same body.
 * Run: npx tsx bench/hireRead.bench.ts   (goals: ≥ 0.5× the bare route; p99 < 50 ms during a 1,000-registration burst)
 * Needs TEMPORAL_ADDRESS, or the Temporal CLI from infra/temporal/provision.sh (TEMPORAL_CLI_PATH or .tools/).
 *
 * Production wiring (bench/support/journeyWiring.ts): the store withContracts, the worker running the journeys in
 * this process, the API with a real API key.
 * BENCH_HIRES journeys are registered through POST /hires and fully started first. Then, alternating rounds of
 * BENCH_ROUND_MS each at BENCH_CONCURRENCY requests at a time, over random hires:
 * - the API's GET /hires/{id} (answered from the hire's events, services/api/storedJourneyViews.ts);
 * - the bare route: express answering the body the API gave for one hire, no auth, no store;
 * - for comparison, the Temporal query the API answered with before (client → server → worker → back).
 * Last, BENCH_BURST registrations go through POST /hires while readers keep reading: the reads' p99 then, beside
 * their p99 at rest.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { closeServer, listen } from '../services/http/listen';
import { createLogger } from '../services/shared/logger';
import { installTemporalRuntime } from '../services/shared/temporalRuntime';
import { addDays, isoDateOfEpochMs } from '../workflows/domain/calendar';
import { hireJourneyWorkflowId, journeyViewQuery } from '../workflows/hireJourneyContract';
import { listenBenchApi } from './support/benchApi';
import { recordBenchResult } from './support/benchResults';
import { journeysStarted } from './support/journeysStarted';
import { startJourneyWiring } from './support/journeyWiring';
import { temporalServer } from './support/temporalServer';

const HIRES = Number(process.env.BENCH_HIRES ?? 200);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const BURST = Number(process.env.BENCH_BURST ?? 1_000);
const ORGANISATION = 'bench-read';
const logger = createLogger('bench', 'error');

interface Round {
  readonly perSecond: number;
  readonly p99Ms: number;
}

async function main(): Promise<void> {
  installTemporalRuntime(logger);
  const { address, stop: stopServer } = await temporalServer();
  const wiring = await startJourneyWiring(address, logger, { label: 'read' });
  const { store, client } = wiring;
  const api = await listenBenchApi(wiring, logger, ORGANISATION);
  const { headers } = api;
  const startDate = addDays(isoDateOfEpochMs(Date.now()), 60);
  const register = (hireId: string) => api.register(hireId, startDate);

  // Ids of this run only: a Temporal server kept between runs still has the last run's journeys (a repeat is a query).
  const run = randomUUID().slice(0, 8);
  const hireIds = Array.from({ length: HIRES }, (_hire, index) => `read-${run}-${index}`);
  await inParallel(hireIds, 10, register);
  await journeysStarted(store, `hire-${ORGANISATION}.read-${run}-`, HIRES);
  const randomHire = () => hireIds[Math.floor(Math.random() * hireIds.length)]!;

  const readHire = async () => {
    const response = await fetch(`${api.url}/hires/${randomHire()}`, { headers });
    if (response.status !== 200) throw new Error(`GET /hires/{id} answered ${response.status}`);
    await response.arrayBuffer();
  };
  const body = await (await fetch(`${api.url}/hires/${hireIds[0]}`, { headers })).text();
  const bareApp = express();
  bareApp.get('/hires/:hireId', (_req, res) => {
    res.type('application/json').send(body);
  });
  const bare = await listen(bareApp, 0);
  const bareUrl = urlOf(bare);
  const readBare = async () => {
    const response = await fetch(`${bareUrl}/hires/${randomHire()}`);
    await response.arrayBuffer();
  };
  const queryWorkflow = async () => {
    await client.workflow.getHandle(hireJourneyWorkflowId(ORGANISATION, randomHire())).query(journeyViewQuery);
  };

  // Warm every path before measuring; then alternate, so drift on a shared machine hits all alike.
  for (const read of [readHire, readBare, queryWorkflow]) await during(1_000, CONCURRENCY, read);
  const rounds = { api: [] as Round[], bare: [] as Round[], query: [] as Round[] };
  for (let round = 0; round < 3; round += 1) {
    rounds.bare.push(await during(ROUND_MS, CONCURRENCY, readBare));
    rounds.api.push(await during(ROUND_MS, CONCURRENCY, readHire));
    rounds.query.push(await during(ROUND_MS, CONCURRENCY, queryWorkflow));
  }

  // The burst: registrations at full tilt while a few readers go on reading; their p99 beside the one at rest.
  const atRest = await during(ROUND_MS, 4, readHire);
  const burstIds = Array.from({ length: BURST }, (_hire, index) => `burst-${run}-${index}`);
  let registering = true;
  const burstStarted = performance.now();
  const registrations = inParallel(burstIds, 20, register).finally(() => {
    registering = false;
  });
  const duringBurst = await whileTrue(() => registering, 4, readHire);
  await registrations;
  const burstSeconds = (performance.now() - burstStarted) / 1000;

  const median = (values: readonly Round[], key: keyof Round) =>
    [...values.map((value) => value[key])].sort((a, b) => a - b)[1]!;
  const apiRate = median(rounds.api, 'perSecond');
  const bareRate = median(rounds.bare, 'perSecond');
  const queryRate = median(rounds.query, 'perSecond');
  console.log(
    `\nGET /hires/{id}, ${HIRES} started journeys, ${CONCURRENCY} at a time, median of 3 rounds of ${ROUND_MS} ms`,
  );
  console.table([
    {
      path: 'bare express, same body',
      'req/s': bareRate.toFixed(0),
      'p99 ms': median(rounds.bare, 'p99Ms').toFixed(1),
    },
    {
      path: 'API GET /hires/{id} (from events)',
      'req/s': apiRate.toFixed(0),
      'p99 ms': median(rounds.api, 'p99Ms').toFixed(1),
    },
    {
      path: 'Temporal query (before)',
      'req/s': queryRate.toFixed(0),
      'p99 ms': median(rounds.query, 'p99Ms').toFixed(1),
    },
  ]);
  console.log(
    `burst: ${BURST} registrations in ${burstSeconds.toFixed(1)} s; reads ${duringBurst.perSecond.toFixed(0)} req/s, p99 ${duringBurst.p99Ms.toFixed(1)} ms (at rest ${atRest.p99Ms.toFixed(1)} ms)`,
  );
  recordBenchResult({
    bench: 'hireRead',
    what: 'GET /hires/{id} from the events',
    value: apiRate,
    baseline: 'bare express route, same body',
    baselineValue: bareRate,
    unit: 'req/s',
    ratio: apiRate / bareRate,
    goal: 'ratio ≥ 0.5',
    met: apiRate / bareRate >= 0.5,
  });
  recordBenchResult({
    bench: 'hireRead',
    what: `GET /hires/{id} p99 during ${BURST} registrations`,
    value: duringBurst.p99Ms,
    baseline: 'p99 at rest',
    baselineValue: atRest.p99Ms,
    unit: 'ms',
    ratio: duringBurst.p99Ms / atRest.p99Ms,
    goal: 'p99 < 50 ms',
    met: duringBurst.p99Ms < 50,
  });
  recordBenchResult({
    bench: 'hireRead',
    what: 'Temporal query (the read before)',
    value: queryRate,
    baseline: 'bare express route, same body',
    baselineValue: bareRate,
    unit: 'req/s',
    ratio: queryRate / bareRate,
  });

  await closeServer(bare);
  await api.close();
  await wiring.stop();
  await stopServer();
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function inParallel(ids: readonly string[], concurrency: number, work: (id: string) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) await work(ids[next++]!);
    }),
  );
}

/** `concurrency` loops calling `read` for `ms`: requests per second and the 99th percentile latency. */
function during(ms: number, concurrency: number, read: () => Promise<void>): Promise<Round> {
  const until = performance.now() + ms;
  return whileTrue(() => performance.now() < until, concurrency, read);
}

async function whileTrue(going: () => boolean, concurrency: number, read: () => Promise<void>): Promise<Round> {
  const latencies: number[] = [];
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (going()) {
        const sent = performance.now();
        await read();
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? Number.NaN,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
