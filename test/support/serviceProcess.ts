import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './waitFor';

const repo = join(__dirname, '../..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface StartedService {
  readonly child: ChildProcess;
  readonly opsUrl: string;
  output(): string;
  exited: Promise<number | null>;
  /** Whether the process has ended (a failed start ends it: no need to wait for a port that never opens). */
  hasExited(): boolean;
}

/**
 * A service's own entry point (services/<name>/main.ts), as its container runs it, with the environment given plus
 * a data folder of its own (unless the environment names one) and OPS_PORT. `child.pid` is the service's process.
 */
export async function startService(main: string, env: Record<string, string>): Promise<StartedService> {
  const port = await freePort();
  // Node itself with tsx's loader, not the tsx CLI: that one runs the service in a child of its own, which a
  // SIGKILL of the CLI would leave running (still holding its lease, in a test that kills the active relay).
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
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

/** The HTTP status of a GET, or the error's text when nothing answered. */
export async function status(url: string): Promise<number | string> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return String(error);
  }
}

/** /readyz's status, and the role of a service that runs one active instance at a time (relay, webhooks). */
export async function readiness(service: StartedService): Promise<{ status: number | string; role?: string }> {
  try {
    const response = await fetch(`${service.opsUrl}/readyz`);
    const body = (await response.json()) as { role?: string };
    return { status: response.status, ...(body.role ? { role: body.role } : {}) };
  } catch (error) {
    return { status: String(error) };
  }
}

/**
 * Two instances of a service that runs one active instance at a time (relay, webhooks), each pushed to `running`
 * as it starts, for the test to stop: the first alone until it is active (it takes the lease, and makes what the
 * active one makes first), then the second, which must be ready and stand by.
 */
export async function startActiveAndStandby(
  main: string,
  env: Record<string, string>,
  running: StartedService[],
): Promise<[active: StartedService, standby: StartedService]> {
  const first = await startService(main, env);
  running.push(first);
  const firstReady = await waitFor(
    () => readiness(first),
    (answer) => answer.role === 'active' || first.hasExited(),
    60_000,
  );
  if (firstReady.role !== 'active') throw new Error(`the first ${main} never became active:\n${first.output()}`);
  const second = await startService(main, env);
  running.push(second);
  const secondReady = await waitFor(
    () => readiness(second),
    (answer) => answer.status === 200 || second.hasExited(),
    60_000,
  );
  // A standby is ready (healthy, checks up) and says that it is standing by.
  expect(secondReady).toEqual({ status: 200, role: 'standby' });
  return [first, second];
}
