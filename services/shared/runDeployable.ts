import { type Config, loadConfig } from './config';
import { type Logger, createLogger } from './logger';
import { runService } from './runService';
import { startTracing } from './tracing';

/**
 * What every deployable's main.ts does first: reads its settings, makes its logger, starts tracing by the
 * OpenTelemetry settings (OTEL_EXPORTER_OTLP_ENDPOINT; off without them), then runs `start` until SIGINT/SIGTERM.
 * `name` names the logger; traces are `soft-landing-<name>`, or `name` itself when it is the all-in-one's.
 */
export function runDeployable(
  name: string,
  start: (config: Config, logger: Logger) => Promise<() => Promise<void>>,
): void {
  const config = loadConfig();
  const logger = createLogger(name, config.logLevel);
  startTracing(name === ALL_IN_ONE ? name : `${ALL_IN_ONE}-${name}`);
  runService(logger, () => start(config, logger));
}

/** `npm start`'s name (services/embedded): the whole system in one process. */
export const ALL_IN_ONE = 'soft-landing';
