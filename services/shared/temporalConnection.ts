import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config';
import type { Logger } from './logger';
import { installTemporalRuntime } from './temporalRuntime';

export interface TemporalConnections {
  readonly address: string;
  readonly client: Client;
  /** The worker's connection (Rust core); the client uses its own gRPC connection. */
  readonly nativeConnection: NativeConnection;
  close(): Promise<void>;
}

/**
 * Connects to TEMPORAL_ADDRESS, or starts Temporal's own single-process dev server, persisted under the data
 * directory, so that journeys survive a restart of `npm start`.
 */
export async function connectTemporal(config: Config, logger: Logger): Promise<TemporalConnections> {
  const { namespace } = config.temporal;
  installTemporalRuntime(logger);
  if (config.temporal.address) {
    const address = config.temporal.address;
    logger.info({ address, namespace }, 'verbinden met Temporal');
    const connection = await Connection.connect({ address });
    const nativeConnection = await NativeConnection.connect({ address });
    return {
      address,
      client: new Client({ connection, namespace }),
      nativeConnection,
      close: async () => {
        await connection.close();
        await nativeConnection.close();
      },
    };
  }

  mkdirSync(config.dataDir, { recursive: true });
  const { cliPath, embeddedPort, embeddedUiPort } = config.temporal;
  logger.info(
    { port: embeddedPort, uiPort: embeddedUiPort, cli: cliPath ?? 'SDK download' },
    'ingebouwde Temporal dev server starten',
  );
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cliPath ? { type: 'existing-path', path: cliPath } : { type: 'cached-download' },
      dbFilename: join(config.dataDir, 'temporal.sqlite'),
      namespace,
      ip: '127.0.0.1',
      port: embeddedPort,
      ui: true,
      uiPort: embeddedUiPort,
    },
  });
  return {
    address: env.address,
    client: env.client,
    nativeConnection: env.nativeConnection,
    close: () => env.teardown(),
  };
}
