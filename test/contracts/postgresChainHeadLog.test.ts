import { ChainSigningKey } from '../../services/event-store/chainSigningKey';
import { PostgresChainHeadLog } from '../../services/event-store/postgresChainHeadLog';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';
import { SIGNED_AT, describeChainHeadLog } from './chainHeadLogContract';

// Two pools on one database: two hosts' writers of one event store, each with the signing key, one log.
describeWithServices(['postgres'], 'on PostgreSQL', () => {
  describeChainHeadLog('PostgreSQL', async () => {
    const url = await freshPostgresDatabase('chain_heads');
    const key = ChainSigningKey.ephemeral();
    const poolA = openPostgresPool(url);
    const poolB = openPostgresPool(url);
    const a = new PostgresChainHeadLog(
      poolA,
      key,
      () => SIGNED_AT,
      () => poolA.end(),
    );
    const b = new PostgresChainHeadLog(
      poolB,
      key,
      () => SIGNED_AT,
      () => poolB.end(),
    );
    return {
      a,
      b,
      key,
      close: async () => {
        await a.close();
        await b.close();
      },
    };
  });
});
