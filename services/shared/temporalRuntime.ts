import { DefaultLogger, type LogEntry, type LogLevel, Runtime } from '@temporalio/worker';
import type { Logger } from './logger';
import { temporalSdkMetricsExportedAt } from './temporalSdkMetrics';

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
 * the process owns the shutdown order (HTTP, relay, worker, connections). With `sdkMetricsAddress` the SDK's
 * Prometheus exporter listens there, and the service's /metrics serves its figures too (temporalSdkMetrics.ts).
 */
export function installTemporalRuntime(logger: Logger, options: { readonly sdkMetricsAddress?: string } = {}): void {
  if (Runtime._instance) return;
  const level = TEMPORAL_LEVEL[logger.level] ?? 'INFO';
  const { sdkMetricsAddress } = options;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(level, (entry: LogEntry) =>
      logger[PINO_METHOD[entry.level]]({ temporal: entry.meta }, entry.message),
    ),
    ...(sdkMetricsAddress
      ? {
          telemetryOptions: {
            // Prometheus' own conventions, as our registry follows them: `_total` counters, durations in seconds.
            metrics: {
              prometheus: { bindAddress: sdkMetricsAddress, countersTotalSuffix: true, useSecondsForDurations: true },
            },
          },
        }
      : {}),
  });
  if (sdkMetricsAddress) temporalSdkMetricsExportedAt(sdkMetricsAddress);
}
