import { DefaultLogger, type LogEntry, type LogLevel, Runtime } from '@temporalio/worker';
import type { Logger } from './logger';

const TEMPORAL_LEVEL: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
};
const PINO_METHOD: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Sends the Temporal SDK's own log lines (worker and core) through our pino logger, so one process writes one
 * JSON format. The SDK's runtime is a per-process singleton: the first caller configures it.
 */
export function routeTemporalLogsTo(logger: Logger): void {
  if (Runtime._instance) return;
  const level = TEMPORAL_LEVEL[logger.level] ?? 'INFO';
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => logger[PINO_METHOD[entry.level]]({ temporal: entry.meta }, entry.message)),
  });
}
