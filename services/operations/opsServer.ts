import express from 'express';
import type { Server } from 'node:http';
import { problemHandler, routeNotFound } from '../problems/problem';
import { closeServer, listen } from '../http/listen';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics';
import { operationsRouter } from './operationsRouter';
import type { ReadinessCheck } from './readinessChecks';

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * /healthz, /readyz and /metrics of a service that serves no API of its own (worker, relay, webhook dispatcher,
 * inbound consumer, HRIS connector), on OPS_PORT: what a platform's probes and Prometheus ask.
 */
export async function startOpsServer(options: {
  port: number;
  host: string;
  checks: Readonly<Record<string, ReadinessCheck>>;
  metrics: Metrics;
  logger: Logger;
  role?: () => 'active' | 'standby';
}): Promise<OpsServer> {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    operationsRouter({
      checks: options.checks,
      metrics: options.metrics,
      ...(options.role ? { role: options.role } : {}),
    }),
  );
  app.use(routeNotFound);
  app.use(problemHandler(options.logger));
  const server: Server = await listen(app, options.port, options.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ port, host: options.host }, 'healthz, readyz en metrics luisteren');
  return { port, close: () => closeServer(server) };
}
