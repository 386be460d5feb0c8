import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LeaseStore } from '../../services/shared/lease/leaseStore';
import { PostgresLeaseStore } from '../../services/shared/lease/postgresLeaseStore';
import { SqliteLeaseStore } from '../../services/shared/lease/sqliteLeaseStore';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

const TTL = 400;

/**
 * One contract on both adapters: at most one holder, renewal by the holder only, expiry, release, and a fencing
 * token that grows with every new holder. `open` gives two stores on one database (two processes, or two hosts).
 */
function leaseStoreContract(
  name: string,
  open: () => Promise<{ a: LeaseStore; b: LeaseStore; close(): Promise<void> }>,
) {
  describe(`lease contract: ${name}`, () => {
    let a: LeaseStore;
    let b: LeaseStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ a, b, close } = await open()));
    afterEach(() => close());

    it('grants a free lease, refuses a second holder while it lasts, and keeps the token when the holder asks again', async () => {
      const first = await a.acquire('relay:kafka-relay', 'one', TTL);
      expect(first).toEqual({ name: 'relay:kafka-relay', holder: 'one', token: expect.any(Number) });
      expect(await b.acquire('relay:kafka-relay', 'two', TTL)).toBeUndefined();
      expect(await a.acquire('relay:kafka-relay', 'one', TTL)).toEqual(first);
      expect(await b.holderOf('relay:kafka-relay')).toEqual(first);
      // Another name is another lease.
      expect(await b.acquire('webhooks', 'two', TTL)).toMatchObject({ holder: 'two' });
    });

    it('lets only the holder renew, and a renewed lease outlives its first expiry', async () => {
      const grant = (await a.acquire('webhooks', 'one', TTL))!;
      expect(await b.renew({ ...grant, holder: 'two' }, TTL)).toBe(false);
      expect(await b.renew({ ...grant, token: grant.token - 1 }, TTL)).toBe(false);
      await sleep(TTL / 2);
      expect(await b.renew(grant, TTL)).toBe(true);
      await sleep(TTL / 2 + 100);
      // Past the first expiry, still held thanks to the renewal.
      expect(await b.acquire('webhooks', 'two', TTL)).toBeUndefined();
      expect(await a.holderOf('webhooks')).toEqual(grant);
    });

    it('goes to another holder once expired, with a larger token; the old holder can then neither renew nor release it', async () => {
      const old = (await a.acquire('webhooks', 'one', TTL))!;
      await sleep(TTL + 100);
      expect(await a.holderOf('webhooks')).toBeUndefined();
      expect(await a.renew(old, TTL)).toBe(false);
      const next = (await b.acquire('webhooks', 'two', TTL))!;
      expect(next.token).toBeGreaterThan(old.token);
      await a.release(old);
      expect(await a.holderOf('webhooks')).toEqual(next);
      // The old holder coming back is a new holder: a new token again.
      await b.release(next);
      const again = (await a.acquire('webhooks', 'one', TTL))!;
      expect(again.token).toBeGreaterThan(next.token);
    });

    it('is free at once after a release, for the next holder with a larger token', async () => {
      const first = (await a.acquire('webhooks', 'one', 60_000))!;
      await a.release(first);
      const second = (await b.acquire('webhooks', 'two', 60_000))!;
      expect(second.holder).toBe('two');
      expect(second.token).toBeGreaterThan(first.token);
    });

    it('grants one of several holders that ask at the same moment', async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, index) => (index % 2 ? a : b).acquire('relay:kafka-relay', `h${index}`, 60_000)),
      );
      const granted = answers.filter((answer) => answer !== undefined);
      expect(granted).toHaveLength(1);
      expect(await a.holderOf('relay:kafka-relay')).toEqual(granted[0]);
    });
  });
}

leaseStoreContract('SQLite', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'leases-')), 'leases.sqlite');
  const a = new SqliteLeaseStore(path);
  const b = new SqliteLeaseStore(path);
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});

describeWithServices(['postgres'], 'on PostgreSQL', () => {
  leaseStoreContract('PostgreSQL', async () => {
    const url = await freshPostgresDatabase('lease_contract');
    const poolA = openPostgresPool(url);
    const poolB = openPostgresPool(url);
    const a = await PostgresLeaseStore.open(poolA);
    const b = await PostgresLeaseStore.open(poolB);
    return { a, b, close: async () => void (await Promise.all([poolA.end(), poolB.end()])) };
  });
});
