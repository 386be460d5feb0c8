/**
 * What the API costs over Temporal itself when starting journeys, and what open journeys cost the worker.
 * Run: npx tsx bench/journeyStart.bench.ts   (goal: API/bare-client ratio ≥ 0.8)
 * Needs TEMPORAL_ADDRESS, or the Temporal CLI from infra/temporal/provision.sh (TEMPORAL_CLI_PATH or .tools/).
 * Both sides start the same workflow on the same server, worker and store (as production wires it:
 * withContracts), with the same concurrency, so what differs is the API's own work: authentication (a real API
 * key), authorization, validation, the idempotency claim and the duplicate check. A round counts a journey when
 * it is fully started — its JourneyStarted is in the store, so the worker's work is inside the round, not spilling
 * into the next — and, for comparison, when Temporal accepted it. A trivial workflow (no activity, no timer),
 * started bare on the same server in the same run, shows what any workflow costs there.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../services/event-store/eventStore';
import { createLogger } from '../services/shared/logger';
import { installTemporalRuntime } from '../services/shared/temporalRuntime';
import { addDays, isoDateOfEpochMs } from '../workflows/domain/calendar';
import { listenBenchApi } from './support/benchApi';
import { recordBenchResult } from './support/benchResults';
import { journeysStarted } from './support/journeysStarted';
import { startJourneyWiring } from './support/journeyWiring';
import { temporalServer } from './support/temporalServer';

const STARTS = Number(process.env.BENCH_STARTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const OPEN_JOURNEYS = Number(process.env.BENCH_OPEN_JOURNEYS ?? 10_000);
const ORGANISATION = 'bench-org';
const logger = createLogger('bench', 'error');

async function main(): Promise<void> {
  installTemporalRuntime(logger);
  const { address, stop: stopServer } = await temporalServer();
  const wiring = await startJourneyWiring(address, logger, { label: 'start', trivial: true });
  const { store, client } = wiring;
  // Through a real API key, as an HR system calls: authentication and authorization are part of what is measured.
  const httpApi = await listenBenchApi(wiring, logger, ORGANISATION);
  const startDate = addDays(isoDateOfEpochMs(Date.now()), 60);

  const viaApi = (hireId: string) => httpApi.register(hireId, startDate);
  const viaClient = (hireId: string) => wiring.startJourney(ORGANISATION, hireId, startDate);

  const viaTrivial = async (id: string) => {
    await client.workflow.start('trivialWorkflow', { workflowId: `trivial-${id}`, taskQueue: wiring.trivialTaskQueue });
  };
  /** A round of journeys: accepted when the last start returns, fully started when the last JourneyStarted is stored. */
  const journeyRound = async (start: (hireId: string) => Promise<void>, label: string, count = STARTS) => {
    const began = process.hrtime.bigint();
    const accepted = await timed(count, start, label);
    await journeysStarted(store, `hire-${ORGANISATION}.${label}-`, count);
    return { accepted, fullyStarted: count / (Number(process.hrtime.bigint() - began) / 1e9) };
  };

  // Warm every path (connections, JIT, workflow bundles) before measuring; alternate rounds so drift hits all alike.
  await journeyRound(viaApi, 'warm-api', 20);
  await journeyRound(viaClient, 'warm-client', 20);
  await timed(20, viaTrivial, 'warm-trivial');
  const api: { accepted: number; fullyStarted: number }[] = [];
  const bare: { accepted: number; fullyStarted: number }[] = [];
  const trivial: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    trivial.push(await timed(STARTS, viaTrivial, `trivial-${round}`));
    bare.push(await journeyRound(viaClient, `client-${round}`));
    api.push(await journeyRound(viaApi, `api-${round}`));
  }
  const rate = (rounds: { accepted: number; fullyStarted: number }[], key: 'accepted' | 'fullyStarted') =>
    median(rounds.map((round) => round[key]));
  const apiRate = rate(api, 'fullyStarted');
  const bareRate = rate(bare, 'fullyStarted');
  const trivialRate = median(trivial);
  console.log('\nJourney starts (median of 3 rounds, %d starts each, %d at a time)', STARTS, CONCURRENCY);
  console.table([
    { path: 'trivial workflow, bare Temporal client', 'accepted/s': trivialRate.toFixed(1), 'fully started/s': '–' },
    {
      path: 'hire journey, bare Temporal client',
      'accepted/s': rate(bare, 'accepted').toFixed(1),
      'fully started/s': bareRate.toFixed(1),
    },
    {
      path: 'hire journey, HTTP API (POST /hires)',
      'accepted/s': rate(api, 'accepted').toFixed(1),
      'fully started/s': apiRate.toFixed(1),
    },
  ]);
  console.log(`ratio API / bare client, fully started: ${(apiRate / bareRate).toFixed(2)} (goal ≥ 0.8)`);
  recordBenchResult({
    bench: 'journeyStart',
    what: 'journeys fully started through POST /hires',
    value: apiRate,
    baseline: 'bare Temporal client, fully started',
    baselineValue: bareRate,
    unit: 'journeys/s',
    ratio: apiRate / bareRate,
    goal: 'ratio ≥ 0.8',
    met: apiRate / bareRate >= 0.8,
  });
  recordBenchResult({
    bench: 'journeyStart',
    what: 'journeys fully started, bare Temporal client',
    value: bareRate,
    baseline: 'trivial workflow accepted',
    baselineValue: trivialRate,
    unit: 'starts/s',
    ratio: bareRate / trivialRate,
  });

  if (OPEN_JOURNEYS > 0) await openJourneysMemory(viaClient, store);

  await httpApi.close();
  await wiring.stop();
  await stopServer();
}

/** Worker memory with many journeys open at once: each waits on timers for months, as real ones do. */
async function openJourneysMemory(start: (hireId: string) => Promise<void>, store: EventStore): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage();
  const started = Date.now();
  const prefix = `open-${randomUUID().slice(0, 6)}`;
  await timed(OPEN_JOURNEYS, (hireId) => start(`${prefix}-${hireId}`), 'open', 50);
  // Wait until every journey has recorded its start: the worker has then run each one at least once.
  await journeysStarted(store, `hire-${ORGANISATION}.${prefix}`, OPEN_JOURNEYS);
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
