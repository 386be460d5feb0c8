import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { Metrics } from '../shared/metrics';
import { type OpsServer, startOpsServer } from './opsServer';
import type { ReadinessCheck } from './readinessChecks';

/**
 * What every service without an API does at start: one metrics registry for the process and the ops server on
 * OPS_PORT answering for the checks given (each service's main.ts).
 */
export async function startServiceOperations(
  config: Pick<Config, 'ops'>,
  logger: Logger,
  checks: Readonly<Record<string, ReadinessCheck>>,
  options: { role?: () => 'active' | 'standby' } = {},
): Promise<{ metrics: Metrics; ops: OpsServer }> {
  const metrics = new Metrics();
  const ops = await startOpsServer({
    port: config.ops.port,
    host: config.ops.host,
    checks,
    metrics,
    logger,
    ...options,
  });
  return { metrics, ops };
}
