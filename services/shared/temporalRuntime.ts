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
 * Configures the Temporal SDK's per-process runtime (the first caller wins): its log lines (worker and core)
 * go through our pino logger, so one process writes one JSON format, and it ignores SIGINT/SIGTERM, because
 * the process owns the shutdown order (HTTP, relay, worker, connections).
 */
export function installTemporalRuntime(logger: Logger): void {
  if (Runtime._instance) return;
  const level = TEMPORAL_LEVEL[logger.level] ?? 'INFO';
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(level, (entry: LogEntry) =>
      logger[PINO_METHOD[entry.level]]({ temporal: entry.meta }, entry.message),
    ),
  });
}
