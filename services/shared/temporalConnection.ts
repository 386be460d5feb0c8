import { activeTracing } from './tracing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config';
import { startEmbeddedTemporal } from './embeddedTemporal';
import type { Logger } from './logger';
import { deadlineBoundRetryInterceptor } from './temporalCallRetry';
import { installTemporalRuntime } from './temporalRuntime';
import type { TemporalConnectionOptions } from './temporalSettings';

export interface TemporalConnections {
  readonly address: string;
  readonly client: Client;
  /** The worker's connection (Rust core); the client uses its own gRPC connection. */
  readonly nativeConnection: NativeConnection;
  close(): Promise<void>;
}

/**
 * The client's gRPC channel tries to reconnect at most a second apart. Left to grpc's default back-off (growing
 * to two minutes between attempts) it noticed a Temporal back from a three-minute outage only 38 to 86 s later.
 */
export const CLIENT_CHANNEL_ARGS = {
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1_000,
} as const;

/**
 * Connects to TEMPORAL_ADDRESS, or starts Temporal's own single-process dev server, persisted under the data
 * directory, so that journeys survive a restart of `npm start`; with the CLI at hand (TEMPORAL_CLI_PATH) that
 * server is supervised and started again whenever it stops (services/shared/embeddedTemporal.ts).
 */
export async function connectTemporal(config: Config, logger: Logger): Promise<TemporalConnections> {
  const { namespace } = config.temporal;
  installTemporalRuntime(logger, { sdkMetricsAddress: config.temporal.sdkMetricsAddress });
  if (config.temporal.address) {
    logger.info({ address: config.temporal.address, namespace }, 'verbinden met Temporal');
    return connectTo(config.temporal.address, namespace, config.temporal.connection);
  }

  mkdirSync(config.dataDir, { recursive: true });
  const { cliPath, embeddedPort, embeddedUiPort, embeddedRestartBackoffMs } = config.temporal;
  const dbFilename = join(config.dataDir, 'temporal.sqlite');
  logger.info(
    { port: embeddedPort, uiPort: embeddedUiPort, cli: cliPath ?? 'SDK download' },
    'ingebouwde Temporal dev server starten',
  );
  if (cliPath) {
    const server = await startEmbeddedTemporal({
      cliPath,
      dbFilename,
      namespace,
      ip: '127.0.0.1',
      port: embeddedPort,
      uiPort: embeddedUiPort,
      restartBackoffMs: embeddedRestartBackoffMs,
      logger,
    });
    return withServer(await connectTo(server.address, namespace), () => server.stop());
  }
  // The SDK finds the CLI itself (a download) but hides where: its server cannot be restarted from here.
  logger.warn('TEMPORAL_CLI_PATH is niet gezet: de ingebouwde Temporal dev server wordt niet herstart als hij stopt');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      dbFilename,
      namespace,
      ip: '127.0.0.1',
      port: embeddedPort,
      ui: true,
      uiPort: embeddedUiPort,
    },
  });
  return withServer(await connectTo(env.address, namespace), () => env.teardown());
}

/**
 * A client that answers within its deadline (services/shared/temporalCallRetry.ts) and the worker's connection,
 * both with the same TLS, API key and headers (an embedded server has none).
 */
async function connectTo(
  address: string,
  namespace: string,
  options: TemporalConnectionOptions = {},
): Promise<TemporalConnections> {
  const secured = {
    ...(options.tls === undefined ? {} : { tls: options.tls }),
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.metadata === undefined ? {} : { metadata: { ...options.metadata } }),
  };
  const connection = await Connection.connect({
    address,
    ...secured,
    interceptors: [deadlineBoundRetryInterceptor()],
    channelArgs: CLIENT_CHANNEL_ARGS,
  });
  const nativeConnection = await NativeConnection.connect({ address, ...secured });
  return {
    address,
    // Traced when this process traces (services/shared/tracing.ts): starts and updates carry the request's trace.
    client: new Client({ connection, namespace, ...tracedClient() }),
    nativeConnection,
    close: async () => {
      await connection.close();
      await nativeConnection.close();
    },
  };
}

function withServer(connections: TemporalConnections, stopServer: () => Promise<void>): TemporalConnections {
  return {
    ...connections,
    close: async () => {
      await connections.close();
      await stopServer();
    },
  };
}

/** The client's plugin when tracing is on; nothing otherwise. */
export function tracedClient(): { plugins?: NonNullable<ConstructorParameters<typeof Client>[0]>['plugins'] } {
  const tracing = activeTracing();
  return tracing ? { plugins: [tracing.temporalPlugin] } : {};
}
