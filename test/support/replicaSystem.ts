import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenedApiKeys, openApiKeys } from '../../services/auth/apiKeys';
import { MagicLinkSigner } from '../../services/auth/magicLinks';
import type { EventStore } from '../../services/event-store/eventStore';
import { openEventStore } from '../../services/event-store/openEventStore';
import { type TopicRouting, topicRouting } from '../../services/relay/topics';
import { loadConfig } from '../../services/shared/config';
import { createLogger } from '../../services/shared/logger';
import type { WebhookDeliveryOptions } from '../../services/webhooks/webhookDispatcher';
import { freshPostgresDatabase } from './postgresDatabase';
import { serviceAddress } from './serviceAvailability';
import { type StartedService, freePort, readiness, startService, status } from './serviceProcess';
import { waitFor } from './waitFor';
import { openPostgresPool } from '../../services/shared/postgres/pool';

/**
 * Issue #17 item 3: the system as a scaled deployment runs it, two API processes and two workers
 * (services/<name>/main.ts) sharing one data folder (the SQLite event store), one PostgreSQL (DATABASE_URL) and one
 * task queue, each API with a read-model file of its own (or one shared: `sharedReadModels`), behind a round-robin proxy that sends each request to the other API. On request
 * also the relay to Kafka and the webhook dispatcher, each as its own process holding its lease in that PostgreSQL.
 */
export interface ReplicaSystem {
  /** The proxy: every request goes to the next API process in turn. */
  readonly baseUrl: string;
  /** Each API process on its own, for a test that must write through one and read through the other. */
  readonly apiUrls: readonly string[];
  readonly dataDir: string;
  /** The shared event store, opened as the services open it: what every process wrote. */
  readonly store: EventStore;
  /**
   * An organisation's contact rows in the people directory every process shares: PostgreSQL's (DATABASE_URL), each
   * row's fields sealed, so the rows are compared as stored.
   */
  contactsOf(organisationId: string): Promise<unknown[]>;
  /** This run's topics (a prefix of its own), where the relay publishes when it runs. */
  readonly topics: TopicRouting;
  /** The shared key store (PostgreSQL), as the APIs open it. */
  readonly apiKeys: OpenedApiKeys['apiKeys'];
  /** Signs links with the data folder's key, as the workers' mails do. */
  readonly magicLinks: { readonly signer: MagicLinkSigner };
  /** How many requests the proxy sent to each API process. */
  readonly requestsPerApi: readonly number[];
  /** Everything the processes wrote, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  readonly apis?: number;
  readonly workers?: number;
  /** Run the relay (services/relay/main.ts) to the shared broker, on topics of this run's own prefix. */
  readonly kafka?: boolean;
  /** Run the webhook dispatcher (services/webhooks/main.ts) with these delivery settings. */
  readonly webhooks?: Partial<Pick<WebhookDeliveryOptions, 'maxAttempts' | 'backoffMs' | 'timeoutMs'>>;
  /** WEBHOOK_ALLOWED_HOSTS of the APIs (which check a subscription's address) and the dispatcher (which calls it). */
  readonly webhookAllowedHosts?: readonly string[];
  /**
   * All APIs on one read-model file in the shared data folder (compose's app-data volume: they take turns
   * projecting into it). Default: each API its own file, as the Helm chart gives each API pod an emptyDir.
   */
  readonly sharedReadModels?: boolean;
}

export async function startReplicaSystem(options: ReplicaOptions = {}): Promise<ReplicaSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-replicas-'));
  const databaseUrl = await freshPostgresDatabase('replicas');
  const topicPrefix = `replicas-${randomUUID()}.`;
  const shared = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: serviceAddress('temporal'),
    TEMPORAL_TASK_QUEUE: `replicas-${randomUUID()}`,
    // Info: a test reads who took which lease, and whether projections kept restarting.
    LOG_LEVEL: 'info',
    ...(options.webhookAllowedHosts ? { WEBHOOK_ALLOWED_HOSTS: options.webhookAllowedHosts.join(',') } : {}),
  };
  const workers = options.workers ?? 2;
  const apis = options.apis ?? 2;
  /** Why a process is not ready yet; undefined once it is. */
  type Readiness = (service: StartedService) => Promise<string | undefined>;
  const services: { name: string; service: StartedService; notReady: Readiness }[] = [];
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
  /** Ready when the URL answers 200: an API's or a worker's /readyz. */
  const answers =
    (url: (service: StartedService) => string): Readiness =>
    async (service) => {
      const answer = await status(url(service));
      return answer === 200 ? undefined : `${url(service)} answered ${answer}`;
    };
  // Relay and dispatcher run one instance each, which takes the lease: ready once it is the one that publishes or delivers.
  const active: Readiness = async (service) => {
    const answer = await readiness(service);
    return answer.status === 200 && answer.role === 'active' ? undefined : `/readyz: ${JSON.stringify(answer)}`;
  };
  const start = async (name: string, main: string, env: Record<string, string>, notReady: Readiness) =>
    services.push({ name, service: await startService(main, { ...shared, ...env }), notReady });
  try {
    for (let index = 0; index < workers; index++)
      await start(
        `worker-${index + 1}`,
        'services/worker/main.ts',
        {},
        answers((service) => `${service.opsUrl}/readyz`),
      );
    for (let index = 0; index < apis; index++) {
      const port = await freePort();
      apiPorts.push(port);
      await start(
        `api-${index + 1}`,
        'services/api/main.ts',
        {
          PORT: String(port),
          ...(options.sharedReadModels
            ? {}
            : { READ_MODEL_PATH: join(dataDir, `api-${index + 1}`, 'read-models.sqlite') }),
        },
        // Ready once its read models caught up with the store, as the chart's readiness probe waits.
        answers(() => `http://127.0.0.1:${port}/readyz`),
      );
    }
    if (options.kafka)
      await start(
        'relay',
        'services/relay/main.ts',
        {
          KAFKA_BROKERS: serviceAddress('kafka'),
          KAFKA_CLIENT_ID: 'soft-landing-replicas',
          KAFKA_TOPIC_PREFIX: topicPrefix,
        },
        active,
      );
    if (options.webhooks) {
      const { maxAttempts, backoffMs, timeoutMs } = options.webhooks;
      await start(
        'webhooks',
        'services/webhooks/main.ts',
        {
          ...(maxAttempts === undefined ? {} : { WEBHOOK_MAX_ATTEMPTS: String(maxAttempts) }),
          ...(backoffMs === undefined ? {} : { WEBHOOK_BACKOFF_MS: String(backoffMs) }),
          ...(timeoutMs === undefined ? {} : { WEBHOOK_TIMEOUT_MS: String(timeoutMs) }),
        },
        active,
      );
    }
    await Promise.all(
      services.map(async ({ name, service, notReady }) => {
        const why = await waitFor(
          async () => (service.hasExited() ? 'exited' : await notReady(service)),
          (reason) => reason === undefined || reason === 'exited',
          90_000,
        );
        if (why !== undefined) throw new Error(`${name} never became ready: ${why}`);
      }),
    );
  } catch (error) {
    const text = output();
    await stopAll();
    throw new Error(`${(error as Error).message}\n${text}`);
  }

  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  const keys = await openApiKeys(config, logger);
  const store = openEventStore(config, logger);
  const people = openPostgresPool(databaseUrl);
  const proxy = await roundRobinProxy(apiPorts);
  return {
    baseUrl: proxy.url,
    apiUrls: apiPorts.map((port) => `http://127.0.0.1:${port}`),
    dataDir,
    store,
    contactsOf: async (organisationId) =>
      (
        await people.query(
          `SELECT person_ref, encode(sealed, 'hex') AS sealed FROM people_contacts
           WHERE organisation_id = $1 ORDER BY person_ref`,
          [organisationId],
        )
      ).rows,
    topics: topicRouting(topicPrefix),
    apiKeys: keys.apiKeys,
    magicLinks: { signer: MagicLinkSigner.fromKeyFile(config.auth.magicLinkKeyPath) },
    requestsPerApi: proxy.counts,
    output,
    stop: async () => {
      await proxy.close();
      await keys.close();
      await store.close();
      await people.end();
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
