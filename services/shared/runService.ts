import type { Logger } from './logger';

/** Starts a service, then stops it cleanly on SIGINT/SIGTERM; a second signal exits at once. */
export function runService(logger: Logger, start: () => Promise<() => Promise<void>>): void {
  start().then(
    (stop) => {
      let stopping = false;
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopping) process.exit(1);
        stopping = true;
        logger.info({ signal }, 'afsluiten');
        stop().then(
          () => {
            logger.info('afgesloten');
            process.exit(0);
          },
          (error: unknown) => {
            logger.error({ err: error }, 'afsluiten mislukt');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'starten mislukt');
      process.exit(1);
    },
  );
}
