import type { CheckpointStore, EventStore } from '../event-store/eventStore';
import { EsdbEventStore } from '../event-store/esdbEventStore';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import { withContracts } from '../event-store/withContracts';
import type { Config } from './config';
import type { Logger } from './logger';

/**
 * The embedded SQLite file unless ESDB_CONNECTION_STRING points at EventStoreDB/KurrentDB; either way behind the
 * event contracts (validated appends, upcast reads) and the hash chain on hire streams.
 */
export function openEventStore(config: Config, logger: Logger): EventStore & CheckpointStore {
  if (config.eventStore.kind === 'esdb') {
    logger.info('event store: EventStoreDB/KurrentDB');
    const store = new EsdbEventStore(config.eventStore.connectionString, {
      // Which event, never its data: the data is what could not be read, and may hold personal data.
      onPoisonEvent: (event) =>
        logger.error(
          { eventId: event.id, stream: event.streamName, revision: String(event.revision), position: `${event.position.commit}/${event.position.prepare}` },
          'event store: event zonder JSON-object als data overgeslagen',
        ),
    });
    if (store.ignoredConnectionKeys.length > 0) {
      logger.warn({ keys: store.ignoredConnectionKeys }, 'ESDB_CONNECTION_STRING: onbekende of werkingloze opties genegeerd');
    }
    return withContracts(store);
  }
  logger.info({ path: config.eventStore.path }, 'event store: SQLite-bestand');
  return withContracts(new SqliteEventStore(config.eventStore.path));
}
