import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenedApiKeys, openApiKeys } from '../../services/auth/apiKeys';
import { MagicLinkSigner } from '../../services/auth/magicLinks';
import { loadConfig } from '../../services/shared/config';
import { createLogger } from '../../services/shared/logger';
import { freshPostgresDatabase } from './postgresDatabase';
import { serviceAddress } from './serviceAvailability';
import { type StartedService, freePort, startService, status } from './serviceProcess';
import { waitFor } from './waitFor';

/**
 * Issue #17 item 3: the system as a scaled deployment runs it, two API processes and two workers
 * (services/<name>/main.ts) sharing one data folder (the SQLite event store and the other files), one PostgreSQL
 * (DATABASE_URL) and one task queue, behind a round-robin proxy that sends each request to the other API.
 */
export interface ReplicaSystem {
  /** The proxy: every request goes to the next API process in turn. */
  readonly baseUrl: string;
  /** Each API process on its own, for a test that must write through one and read through the other. */
  readonly apiUrls: readonly string[];
  readonly dataDir: string;
  /** The shared key store (PostgreSQL), as the APIs open it. */
  readonly apiKeys: OpenedApiKeys['apiKeys'];
  /** Signs links with the data folder's key, as the workers' mails do. */
  readonly magicLinks: { readonly signer: MagicLinkSigner };
  /** How many requests the proxy sent to each API process. */
  readonly requestsPerApi: readonly number[];
  /** Everything the four processes wrote, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

export async function startReplicaSystem(options: { apis?: number; workers?: number } = {}): Promise<ReplicaSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-replicas-'));
  const databaseUrl = await freshPostgresDatabase('replicas');
  const shared = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: serviceAddress('temporal'),
    TEMPORAL_TASK_QUEUE: `replicas-${randomUUID()}`,
    // Info: a test reads who took which lease, and whether projections kept restarting.
    LOG_LEVEL: 'info',
  };
  const services: { name: string; service: StartedService }[] = [];
  const output = () => services.map(({ name, service }) => `--- ${name}\n${service.output()}`).join('\n');
  const stopAll = async () => {
    for (const { service } of services) if (!service.hasExited()) service.child.kill('SIGTERM');
    await Promise.all(
      services.map(({ service }) =>
        // Unref'd: a wait that is no longer needed must not keep Jest running for its ten seconds.
        Promise.race([service.exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]),
      ),
    );
    for (const { service } of services) if (!service.hasExited()) service.child.kill('SIGKILL');
  };

  const apiPorts: number[] = [];
  try {
    for (let index = 0; index < (options.workers ?? 2); index++)
      services.push({ name: `worker-${index + 1}`, service: await startService('services/worker/main.ts', shared) });
    for (let index = 0; index < (options.apis ?? 2); index++) {
      const port = await freePort();
      apiPorts.push(port);
      services.push({
        name: `api-${index + 1}`,
        service: await startService('services/api/main.ts', { ...shared, PORT: String(port) }),
      });
    }
    const ready = async (url: string, name: string, service: StartedService) => {
      const answer = await waitFor(
        () => status(url),
        (value) => value === 200 || service.hasExited(),
        90_000,
      );
      if (answer !== 200) throw new Error(`${name} never answered ${url} (${answer})`);
    };
    await Promise.all(
      services.map(({ name, service }, index) =>
        name.startsWith('api')
          ? ready(`http://127.0.0.1:${apiPorts[index - (options.workers ?? 2)]}/healthz`, name, service)
          : ready(`${service.opsUrl}/readyz`, name, service),
      ),
    );
  } catch (error) {
    const text = output();
    await stopAll();
    throw new Error(`${(error as Error).message}\n${text}`);
  }

  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  const keys = await openApiKeys(config, logger);
  const proxy = await roundRobinProxy(apiPorts);
  return {
    baseUrl: proxy.url,
    apiUrls: apiPorts.map((port) => `http://127.0.0.1:${port}`),
    dataDir,
    apiKeys: keys.apiKeys,
    magicLinks: { signer: MagicLinkSigner.fromKeyFile(config.auth.magicLinkKeyPath) },
    requestsPerApi: proxy.counts,
    output,
    stop: async () => {
      await proxy.close();
      await keys.close();
      await stopAll();
    },
  };
}

/** A reverse proxy as small as one can be: each request, whole, to the next port in turn. */
async function roundRobinProxy(
  ports: readonly number[],
): Promise<{ url: string; counts: number[]; close(): Promise<void> }> {
  const counts = ports.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const index = next;
    next = (next + 1) % ports.length;
    counts[index]! += 1;
    const forwarded = request(
      { host: '127.0.0.1', port: ports[index], method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', (error) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`proxy: ${error.message}`);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
