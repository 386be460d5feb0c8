import { tracedClient } from '../../services/shared/temporalConnection';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { ApiKeyStore } from '../../services/auth/apiKeyStore';
import { FailedAuthentications } from '../../services/auth/failedAuthentications';
import { SqliteLinkRedemptions } from '../../services/auth/linkRedemptions';
import { MagicLinkSigner, MagicLinks } from '../../services/auth/magicLinks';
import { OidcVerifier } from '../../services/auth/oidcVerifier';
import { createApp } from '../../services/api/createApp';
import { openApiReadModels } from '../../services/api/readModels';
import type { ReadModelDb } from '../../services/projections';
import type { PeopleDirectory } from '../../services/people/peopleDirectory';
import type { CheckpointStore, EventStore } from '../../services/event-store/eventStore';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { withContracts } from '../../services/event-store/withContracts';
import { startKafkaHireRequests } from '../../services/inbound/kafkaHireRequests';
import { startKafkaRelay } from '../../services/relay/kafkaRelay';
import { type TopicRouting, topicRouting } from '../../services/relay/topics';
import { type FailedAuthenticationLimits, loadConfig } from '../../services/shared/config';
import type { KafkaConnection } from '../../services/shared/kafkaSettings';
import type { OidcProvider } from '../../services/shared/oidcProviders';
import { closeServer, listen } from '../../services/http/listen';
import { type Logger, createLogger } from '../../services/shared/logger';
import { Metrics } from '../../services/shared/metrics';
import { openChainHeadLog } from '../../services/event-store/openEventStore';
import { deadlineBoundRetryInterceptor } from '../../services/shared/temporalCallRetry';
import { CLIENT_CHANNEL_ARGS } from '../../services/shared/temporalConnection';
import { installTemporalRuntime } from '../../services/shared/temporalRuntime';
import { createWorker } from '../../services/worker/createWorker';
import { openJourneyDeps } from '../../services/worker/journeyDeps';
import { type WebhookDeliveryOptions, startWebhookDispatcher } from '../../services/webhooks/webhookDispatcher';
import { WebhookAddressPolicy } from '../../services/webhooks/webhookAddressPolicy';
import { WebhookSecretBox } from '../../services/webhooks/webhookSecretBox';
import { serviceAddress } from './serviceAvailability';

/**
 * The same parts `npm start` wires together, against the real services globalSetup found: a Temporal server,
 * a fresh SQLite file, the worker, the relay to a real Kafka broker (with a topic of its own) and the HTTP API.
 */
export interface RunningSystem {
  readonly baseUrl: string;
  /** The folder of every file the system writes: event store, people directory, read models, API keys. */
  readonly dataDir: string;
  readonly sqlitePath: string;
  /** Topics of this run only (a prefix of its own), routed as contracts/asyncapi.yaml says. */
  readonly topics: TopicRouting;
  /** The prefix of this run's topics (e.g. for the inbound hire-requests topic). */
  readonly topicPrefix: string;
  readonly client: Client;
  /** As the services see it: validated against contracts/events, hire streams hash-chained (openEventStore). */
  readonly store: EventStore & CheckpointStore;
  /** The API's key store: tests issue keys of any organisation and role here. */
  readonly apiKeys: ApiKeyStore;
  /** The API's magic links: tests issue links here as the worker's mails do. */
  readonly magicLinks: MagicLinks;
  /** The API's read models, as its projections keep them (e.g. for the scheduled checks that read them). */
  readonly readModels: ReadModelDb;
  /** The directory the worker mails from and the API writes contacts to. */
  readonly directory: PeopleDirectory;
  /** Starts the worker of a system started with `worker: false`. */
  runWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSystem(options: {
  kafka: boolean;
  smtpUrl?: string;
  /**
   * Start the webhook dispatcher with these delivery settings; `allowedHosts` is its WEBHOOK_ALLOWED_HOSTS when it
   * should differ from the API's.
   */
  webhooks?: Partial<WebhookDeliveryOptions> & { allowedHosts?: readonly string[] };
  /** WEBHOOK_ALLOWED_HOSTS: none unless a test names them (receivers on loopback need `127.0.0.1`). */
  webhookAllowedHosts?: readonly string[];
  /** Consume the inbound hire-requests topic of this run (a real Kafka broker). */
  inbound?: boolean;
  /**
   * The brokers of relay and inbound consumer and how to reach them (TLS, SASL), as loadConfig reads them from the
   * KAFKA_* settings; unset: the shared plain broker globalSetup found. The client id and topic prefix stay this run's.
   */
  kafkaConnection?: KafkaConnection;
  /**
   * `dev` (the default here, for tests about other things): requests without credentials act as X-Role says;
   * `required`: as in production, every request needs an API key or OIDC token.
   */
  auth?: 'dev' | 'required';
  /** Identity providers whose tokens the API accepts. */
  oidcProviders?: readonly OidcProvider[];
  /**
   * When refused credentials are slowed down (429). Unset: never within a test, since the suites about other
   * things send many refusals from one address on purpose; test/e2e/failedAuthentications.e2e.test.ts sets them.
   */
  failedAuthenticationLimits?: FailedAuthenticationLimits;
  /** TRUST_PROXY: lets a test speak for several client addresses through X-Forwarded-For. */
  trustProxy?: number | string;
  /** Where the files go; unset: a fresh temporary folder. */
  dataDir?: string;
  /** Another Temporal server than the shared one (e.g. a dev server of the test's own). */
  temporalAddress?: string;
  /** The system's one logger (e.g. to a file the test reads); unset: standard output at TEST_LOG_LEVEL (warn). */
  logger?: Logger;
  /** `false`: no worker runs the journeys until `runWorker()`, as while the worker is down or far behind. */
  worker?: boolean;
}): Promise<RunningSystem> {
  const logger = options.logger ?? createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');
  installTemporalRuntime(logger);
  const address = options.temporalAddress ?? serviceAddress('temporal');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'soft-landing-'));
  const sqlitePath = join(dataDir, 'events.sqlite');
  // As openEventStore does: hire streams anchored in the signed head log (DATA_DIR/chain-heads.sqlite, key beside DATA_DIR).
  const store = withContracts(
    new SqliteEventStore(sqlitePath),
    undefined,
    openChainHeadLog(loadConfig({ DATA_DIR: dataDir }), logger),
  );
  // As the services connect (services/shared/temporalConnection.ts): answers within the API's deadlines.
  const connection = await Connection.connect({
    address,
    interceptors: [deadlineBoundRetryInterceptor()],
    channelArgs: CLIENT_CHANNEL_ARGS,
  });
  const client = new Client({ connection, ...tracedClient() });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `test-${randomUUID()}`;
  const magicLinkSigner = MagicLinkSigner.fromKeyFile(join(dirname(sqlitePath), 'magic-link-key'));
  const journeyDeps = await openJourneyDeps(
    {
      peopleDbPath: join(dirname(sqlitePath), 'people.sqlite'),
      publicBaseUrl: 'http://soft-landing.test',
      auth: { magicLinkKeyPath: join(dirname(sqlitePath), 'magic-link-key'), magicLinkTtlDays: 14 },
      ...(options.smtpUrl
        ? { mail: { smtpUrl: options.smtpUrl, from: 'Zachte Landing <noreply@soft-landing.test>' } }
        : {}),
    },
    store,
    logger,
  );
  let worker: { readonly worker: Worker; readonly run: Promise<void> } | undefined;
  const runWorker = async () => {
    if (worker) return;
    const created = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: journeyDeps,
    });
    worker = { worker: created, run: created.run() };
  };
  if (options.worker ?? true) await runWorker();

  const topicPrefix = `test-${randomUUID()}.`;
  const kafkaConnection = (): Omit<KafkaConnection, 'clientId'> =>
    options.kafkaConnection ?? { brokers: serviceAddress('kafka').split(',') };
  // One registry for the system, as in one process: the API serves the relay's lag too.
  const metrics = new Metrics();
  const relay = options.kafka
    ? await startKafkaRelay({ ...kafkaConnection(), clientId: 'soft-landing-test', topicPrefix }, store, logger, {
        retryDelayMs: 200,
        metrics,
      })
    : undefined;

  // The key file sits beside the store, as WEBHOOK_SECRET_KEY_PATH does under DATA_DIR.
  const secrets = WebhookSecretBox.fromKeyFile(join(dirname(sqlitePath), 'webhook-secret-key'));
  const addressPolicy = new WebhookAddressPolicy(options.webhookAllowedHosts);
  const webhooks = options.webhooks
    ? await startWebhookDispatcher({
        store,
        checkpoints: store,
        logger,
        delivery: options.webhooks,
        retryDelayMs: 200,
        secrets,
        addressPolicy: options.webhooks.allowedHosts
          ? new WebhookAddressPolicy(options.webhooks.allowedHosts)
          : addressPolicy,
      })
    : undefined;
  const inbound = options.inbound
    ? await startKafkaHireRequests(
        { ...kafkaConnection(), clientId: `soft-landing-test-${randomUUID()}`, topicPrefix },
        { client, store, taskQueue, logger, directory: journeyDeps.directory },
      )
    : undefined;

  const readModels = openApiReadModels(join(dirname(sqlitePath), 'read-models.sqlite'), store, logger, {
    retryDelayMs: 200,
  });
  const apiKeys = new ApiKeyStore(join(dirname(sqlitePath), 'api-keys.sqlite'));
  // The key file sits beside the store, as MAGIC_LINK_KEY_PATH does under DATA_DIR; the worker signs with the same.
  const redemptions = new SqliteLinkRedemptions(join(dirname(sqlitePath), 'api-keys.sqlite'));
  const magicLinks = new MagicLinks(magicLinkSigner, redemptions);
  const auth = {
    apiKeys,
    magicLinks,
    oidc: new OidcVerifier(options.oidcProviders ?? []),
    devMode: (options.auth ?? 'dev') === 'dev',
    ...(options.failedAuthenticationLimits
      ? { failedAuthentications: new FailedAuthentications(options.failedAuthenticationLimits) }
      : {}),
  };
  const server: Server = await listen(
    createApp({
      client,
      store,
      taskQueue,
      logger,
      directory: journeyDeps.directory,
      readModels: readModels.db,
      metrics,
      auth,
      webhooks: { secrets, addressPolicy },
      survey: journeyDeps.survey,
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    }),
    0,
  );
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    sqlitePath,
    topics: topicRouting(topicPrefix),
    topicPrefix,
    client,
    store,
    apiKeys,
    magicLinks,
    readModels: readModels.db,
    directory: journeyDeps.directory,
    runWorker,
    stop: async () => {
      await closeServer(server);
      apiKeys.close();
      await redemptions.close();
      await readModels.close();
      await relay?.stop();
      await inbound?.stop();
      await webhooks?.stop();
      worker?.worker.shutdown();
      await worker?.run;
      await nativeConnection.close();
      await connection.close();
      await journeyDeps.close();
      await store.close();
    },
  };
}

/**
 * A system for the enclosing describe block: started before its tests with `options`, handed to `started` (which
 * may prepare what the tests share, a key say), and stopped after them, also when the start failed halfway.
 */
export function runningSystemForBlock(
  options: Parameters<typeof startSystem>[0],
  started: (system: RunningSystem) => void | Promise<void>,
): void {
  let system: RunningSystem | undefined;
  beforeAll(async () => {
    system = await startSystem(options);
    await started(system);
  });
  afterAll(async () => {
    await system?.stop();
  });
}
