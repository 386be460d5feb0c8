import { existsSync } from 'node:fs';
import { ChainHeadLog, type ChainHeads } from './chainHeadLog';
import { ChainSigningKey } from './chainSigningKey';
import type { CheckpointStore, EventStore } from './eventStore';
import { EsdbEventStore } from './esdbEventStore';
import { PostgresChainHeadLog } from './postgresChainHeadLog';
import { SqliteEventStore } from './sqliteEventStore';
import { withContracts } from './withContracts';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { openPostgresPool } from '../shared/postgres/pool';

/**
 * The embedded SQLite file unless ESDB_CONNECTION_STRING points at EventStoreDB/KurrentDB; either way behind the
 * event contracts (validated appends, upcast reads) and the hash chain on hire streams, anchored in the signed
 * head log.
 */
export function openEventStore(
  config: Pick<Config, 'eventStore' | 'chain' | 'databaseUrl'>,
  logger: Logger,
  /** The head log the chain is anchored in, closed with the store; a caller that reads it too passes its own. */
  heads: ChainHeads = openChainHeadLog(config, logger),
): EventStore & CheckpointStore {
  if (config.eventStore.kind === 'esdb') {
    logger.info('event store: EventStoreDB/KurrentDB');
    const store = new EsdbEventStore(config.eventStore.connectionString, {
      // Which event, never its data: the data is what could not be read, and may hold personal data.
      onPoisonEvent: (event) =>
        logger.error(
          {
            eventId: event.id,
            stream: event.streamName,
            revision: String(event.revision),
            position: `${event.position.commit}/${event.position.prepare}`,
          },
          'event store: event zonder JSON-object als data overgeslagen',
        ),
    });
    if (store.ignoredConnectionKeys.length > 0) {
      logger.warn(
        { keys: store.ignoredConnectionKeys },
        'ESDB_CONNECTION_STRING: onbekende of werkingloze opties genegeerd',
      );
    }
    return withContracts(store, undefined, heads);
  }
  logger.info({ path: config.eventStore.path }, 'event store: SQLite-bestand');
  return withContracts(new SqliteEventStore(config.eventStore.path), undefined, heads);
}

/** The SQLite head log (CHAIN_HEAD_LOG_PATH), or with DATABASE_URL the one log every host's writers share. */
export function openChainHeadLog(config: Pick<Config, 'chain' | 'databaseUrl'>, logger: Logger): ChainHeads {
  const key = ChainSigningKey.fromKeyFile(config.chain.signingKeyPath, (path) =>
    logger.warn(
      { path, publicKey: `${path}.pub` },
      'CHAIN_SIGNING_KEY_PATH bestond niet: er is een nieuwe ondertekensleutel voor de keten gemaakt. Geef in productie een eigen sleutel buiten de datamap, en publiceer de publieke sleutel voor wie exports controleert',
    ),
  );
  if (config.databaseUrl) {
    const pool = openPostgresPool(config.databaseUrl, logger);
    const earlier = config.chain.headLogPath;
    return new PostgresChainHeadLog(pool, key, {
      onClose: () => pool.end(),
      // A deployment moving to DATABASE_URL brings the heads its SQLite file signed, or its streams would lose them.
      carriedOver: async () => {
        if (!existsSync(earlier)) return [];
        const log = new ChainHeadLog(earlier, key);
        try {
          return await log.entries();
        } finally {
          await log.close();
        }
      },
    });
  }
  return new ChainHeadLog(config.chain.headLogPath, key);
}
