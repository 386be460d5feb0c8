import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from './logger';

export interface EmbeddedTemporalOptions {
  /** The Temporal CLI (`temporal server start-dev`). */
  readonly cliPath: string;
  /** Every start uses this file, so a restarted server has every journey the last one had. */
  readonly dbFilename: string;
  readonly namespace: string;
  readonly ip: string;
  readonly port: number;
  readonly uiPort: number;
  /** The wait before the first restart; doubled for each restart that follows soon after, up to MAX_BACKOFF_MS. */
  readonly restartBackoffMs: number;
  readonly logger: Logger;
}

export interface EmbeddedTemporal {
  /** `ip:port`, the same across restarts: connections reconnect to it by themselves. */
  readonly address: string;
  /** The process id of the server running now; undefined while it is down. */
  pid(): number | undefined;
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;
/** A server that ran this long before it stopped was healthy: its next restart waits the first back-off again. */
const STABLE_AFTER_MS = 60_000;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Temporal's dev server for `npm start`, supervised: whenever it exits without being asked to (crashed, killed,
 * out of memory) it is started again, after a back-off, on the same ports and the same database file. Until it is
 * back the API answers 503 (services/shared/temporalCallRetry.ts); the client and the worker reconnect by
 * themselves once it is.
 *
 * It runs in a process group of its own, so Ctrl-C on `npm start` reaches this process only, which then stops the
 * server in its own order (HTTP, worker, connections, server) instead of seeing it exit and restarting it.
 */
export async function startEmbeddedTemporal(options: EmbeddedTemporalOptions): Promise<EmbeddedTemporal> {
  const { logger } = options;
  const log = logger.child({ temporal: 'embedded', port: options.port });
  let child: ChildProcess | undefined;
  /** Restarts are for a server that ran: one that cannot start at all is an error of `npm start` itself. */
  let running = false;
  let stopping = false;
  let backoffMs = options.restartBackoffMs;
  let restartTimer: NodeJS.Timeout | undefined;
  // A server must not outlive this process (it would hold the ports and the database file).
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  const args = [
    'server',
    'start-dev',
    '--db-filename',
    options.dbFilename,
    '--namespace',
    options.namespace,
    '--ip',
    options.ip,
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--log-format',
    'json',
    '--log-level',
    'warn',
    // As the SDK starts its dev server: no calls home, Updates on.
    '--dynamic-config-value',
    'frontend.enableServerVersionCheck=false',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
  ];

  /** Starts one server process; resolves once it accepts connections, rejects when it exits first. */
  async function launch(): Promise<void> {
    const startedAt = Date.now();
    const server = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child = server;
    const lastLines: string[] = [];
    for (const stream of [server.stdout!, server.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lastLines.push(line);
        if (lastLines.length > 20) lastLines.shift();
        log.debug({ line }, 'Temporal dev server');
      });
    }
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      server.once('exit', (code, signal) => resolve({ code, signal }));
      server.once('error', (error) => {
        log.error({ err: error }, 'ingebouwde Temporal dev server kan niet starten');
        resolve({ code: null, signal: null });
      });
    });
    void exited.then(({ code, signal }) => {
      if (child === server) child = undefined;
      if (stopping || !running) return;
      const ranMs = Date.now() - startedAt;
      if (ranMs >= STABLE_AFTER_MS) backoffMs = options.restartBackoffMs;
      log.warn(
        { pid: server.pid, code, signal, ranMs, restartInMs: backoffMs, output: lastLines.slice(-5) },
        'ingebouwde Temporal dev server gestopt; herstart volgt',
      );
      scheduleRestart();
    });
    const ready = await Promise.race([
      acceptsConnections(options.ip, options.port, START_TIMEOUT_MS),
      exited.then(() => false),
    ]);
    if (!ready) {
      if (child === server) server.kill('SIGKILL');
      throw new Error(`Temporal dev server did not start on ${options.ip}:${options.port}:\n${lastLines.join('\n')}`);
    }
    log.info(
      { pid: server.pid, uiPort: options.uiPort, db: options.dbFilename },
      'ingebouwde Temporal dev server draait',
    );
  }

  function scheduleRestart(): void {
    const wait = backoffMs;
    backoffMs = Math.min(Math.max(backoffMs * 2, 100), MAX_BACKOFF_MS);
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      // A start that fails has already scheduled the next one (its exit does); one still hanging is killed here.
      launch().catch((error: unknown) => {
        log.error({ err: error }, 'herstart van de ingebouwde Temporal dev server mislukt');
      });
    }, wait);
  }

  await launch();
  running = true;
  return {
    address: `${options.ip}:${options.port}`,
    pid: () => child?.pid,
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      const server = child;
      if (server && server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        server.kill('SIGTERM');
        const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
        if (!stopped) {
          server.kill('SIGKILL');
          await exited;
        }
      }
      process.off('exit', killOnExit);
    },
  };
}

/** Polls until something listens on ip:port (the server opens its gRPC port once it can serve). */
async function acceptsConnections(ip: string, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: ip, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await sleep(100);
  }
  return false;
}
