import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';

const repo = join(__dirname, '../..');

/** `npm start`'s process (services/embedded/main.ts) with the environment given; resolves with its exit and output. */
function runEmbedded(env: Record<string, string>): Promise<{ code: number | null; output: string; millis: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(join(repo, 'node_modules/.bin/tsx'), ['services/embedded/main.ts'], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // A start that gets past the check would run until stopped: stop it, so the test fails instead of hanging.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, output, millis: Date.now() - started });
    });
  });
}

function occupy(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

describeWithServices(['temporal'], 'npm start on ports that are taken', () => {
  const busy: Server[] = [];
  afterAll(() => {
    for (const server of busy) server.close();
  });

  it('stops before a worker attaches to the Temporal it was pointed at, naming the busy port', async () => {
    const { server, port } = await occupy();
    busy.push(server);
    const taskQueue = `busy-port-${randomUUID()}`;
    const run = await runEmbedded({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'soft-landing-busy-')),
      PORT: String(port),
      TEMPORAL_ADDRESS: serviceAddress('temporal'),
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`Poort bezet: ${port} (PORT)`);

    // Temporal remembers every poller of a task queue for minutes: none may ever have polled this one.
    const connection = await Connection.connect({ address: serviceAddress('temporal') });
    try {
      const client = new Client({ connection });
      const described = await client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      expect(described.pollers ?? []).toEqual([]);
    } finally {
      await connection.close();
    }
  }, 90_000);

  it('starts no embedded Temporal server when its port is taken, and writes nothing', async () => {
    const { server, port } = await occupy();
    busy.push(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-busy-'));
    const { server: httpProbe, port: freeHttpPort } = await occupy();
    await new Promise((resolve) => httpProbe.close(resolve));
    const run = await runEmbedded({
      DATA_DIR: dataDir,
      PORT: String(freeHttpPort),
      TEMPORAL_EMBEDDED_PORT: String(port),
      TEMPORAL_EMBEDDED_UI_PORT: String(port),
      ...(process.env.TEMPORAL_CLI_PATH ? { TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH } : {}),
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`${port} (TEMPORAL_EMBEDDED_PORT)`);
    expect(existsSync(join(dataDir, 'temporal.sqlite'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 90_000);
});
