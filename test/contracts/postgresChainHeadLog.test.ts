import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainHeadLog, entryHashOf } from '../../services/event-store/chainHeadLog';
import { ChainSigningKey } from '../../services/event-store/chainSigningKey';
import { openChainHeadLog } from '../../services/event-store/openEventStore';
import { PostgresChainHeadLog } from '../../services/event-store/postgresChainHeadLog';
import { createLogger } from '../../services/shared/logger';
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
    const a = new PostgresChainHeadLog(poolA, key, { now: () => SIGNED_AT, onClose: () => poolA.end() });
    const b = new PostgresChainHeadLog(poolB, key, { now: () => SIGNED_AT, onClose: () => poolB.end() });
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

describeWithServices(['postgres'], 'on PostgreSQL, taking over a SQLite head log', () => {
  it('copies the entries of the log it takes over into an empty table, once, and goes on from the last of them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'soft-landing-heads-'));
    const key = ChainSigningKey.ephemeral();
    const sqlite = new ChainHeadLog(join(folder, 'chain-heads.sqlite'), key);
    await sqlite.record('hire-org.h-a', 1n, 'a'.repeat(64));
    await sqlite.record('hire-org.h-b', 0n, 'b'.repeat(64));
    await sqlite.record('hire-org.h-a', 3n, 'c'.repeat(64));
    const earlier = await sqlite.entries();
    await sqlite.close();
    const url = await freshPostgresDatabase('chain_heads_carry');
    const open = () => {
      const pool = openPostgresPool(url);
      return new PostgresChainHeadLog(pool, key, { onClose: () => pool.end(), carriedOver: async () => earlier });
    };
    try {
      const first = open();
      expect(await first.entries()).toEqual(earlier);
      await first.record('hire-org.h-b', 1n, 'd'.repeat(64));
      await first.close();
      // Opened again with the same old file: nothing copied twice, the new entry kept.
      const again = open();
      const entries = await again.entries();
      expect(entries.map((head) => head.seq)).toEqual([1, 2, 3, 4]);
      expect(entries.slice(0, 3)).toEqual(earlier);
      expect(entries[3]).toMatchObject({ streamName: 'hire-org.h-b', previousEntry: entryHashOf(earlier[2]!) });
      expect(await again.latest('hire-org.h-a')).toEqual(earlier[2]);
      await again.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is what a process opens with DATABASE_URL, bringing the heads of the SQLite file CHAIN_HEAD_LOG_PATH names', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'soft-landing-heads-'));
    try {
      const chain = { headLogPath: join(folder, 'chain-heads.sqlite'), signingKeyPath: join(folder, 'keys', 'chain') };
      const logger = createLogger('test', 'silent');
      const sqlite = openChainHeadLog({ chain, databaseUrl: undefined }, logger);
      await sqlite.record('hire-org.h-a', 0n, 'e'.repeat(64));
      const earlier = await sqlite.entries();
      await sqlite.close();
      const shared = openChainHeadLog({ chain, databaseUrl: await freshPostgresDatabase('chain_heads_open') }, logger);
      expect(shared).toBeInstanceOf(PostgresChainHeadLog);
      expect(await shared.entries()).toEqual(earlier);
      await shared.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
