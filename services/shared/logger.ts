import pino, { type Logger } from 'pino';
import type { HireRef } from '../event-store/streamNames';

export type { Logger };

/**
 * One JSON logger for every service; `service` tells the lines of an all-in-one process apart. Standard output
 * unless a destination is given (tests read what a running system logged). No line carries a name or address:
 * people appear by reference only, so the logs need no erasure.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

/** Every line that concerns a hire carries its ids, so one grep finds a hire's whole story. */
export function hireLogger(logger: Logger, hire: HireRef, workflowId: string): Logger {
  return logger.child({ organisationId: hire.organisationId, hireId: hire.hireId, workflowId });
}
