import type { CheckpointStore, EventStore } from '../event-store/eventStore';
import { EsdbEventStore } from '../event-store/esdbEventStore';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import type { Config } from './config';
import type { Logger } from './logger';

/** The embedded SQLite file unless ESDB_CONNECTION_STRING points at EventStoreDB/KurrentDB. */
export function openEventStore(config: Config, logger: Logger): EventStore & CheckpointStore {
  if (config.eventStore.kind === 'esdb') {
    logger.info('event store: EventStoreDB/KurrentDB');
    return new EsdbEventStore(config.eventStore.connectionString);
  }
  logger.info({ path: config.eventStore.path }, 'event store: SQLite-bestand');
  return new SqliteEventStore(config.eventStore.path);
}
