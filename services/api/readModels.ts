import type { EventStore } from '../event-store/eventStore';
import { ALL_PROJECTIONS, type ReadModelDb, openReadModels, startProjections } from '../projections';
import type { Logger } from '../shared/logger';

export interface ApiReadModels {
  readonly db: ReadModelDb;
  close(): Promise<void>;
}

/**
 * The read models the API lists from, kept up to date in the same process: one projection runner per read-model
 * file (see services/projections), and the API is the part that reads them.
 */
export function openApiReadModels(
  path: string,
  store: EventStore,
  logger: Logger,
  options: { retryDelayMs?: number } = {},
): ApiReadModels {
  const db = openReadModels(path);
  const runner = startProjections({ store, db, projections: ALL_PROJECTIONS, logger, ...options });
  return {
    db,
    close: async () => {
      await runner.stop();
      db.close();
    },
  };
}
