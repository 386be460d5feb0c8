import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HireScript, startSteps } from '../../test/fixtures/journeyScript';
import { waitFor } from '../../test/support/waitFor';
import { SqliteEventStore } from '../event-store/sqliteEventStore';
import { type ReadModelDb, hireById, openReadModels, readModelFileId } from '../projections';
import { SqliteLeaseStore } from '../shared/lease/sqliteLeaseStore';
import { createLogger } from '../shared/logger';
import { openApiReadModels } from './readModels';

const ORG = 'replica-org';
const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');

describe('API read models shared by replicas on one file', () => {
  let directory: string;
  let store: SqliteEventStore;
  let leases: SqliteLeaseStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'soft-landing-replica-read-models-'));
    store = new SqliteEventStore(join(directory, 'events.sqlite'));
    leases = new SqliteLeaseStore(join(directory, 'leases.sqlite'));
  });
  afterEach(async () => {
    await leases.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** The hire's row, or undefined also while no runner has made the tables yet. */
  const hire = (db: ReadModelDb, hireId: string) => {
    try {
      return hireById(db, ORG, hireId);
    } catch (error) {
      if (String(error).includes('no such table')) return undefined;
      throw error;
    }
  };

  const register = (hireId: string) =>
    new HireScript(store, ORG, hireId).append(...startSteps('2026-02-01', { startDate: '2026-03-02' }));

  it('projects on the replica that holds the file’s lease, and on the other once that one has stopped', async () => {
    const path = join(directory, 'read-models.sqlite');
    const lease = { store: leases, ttlMs: 1_000, renewMs: 200 };
    const first = openApiReadModels(path, store, logger, { lease, retryDelayMs: 50 });
    const name = `projections:${readModelFileId(first.db)}`;
    const holder = await waitFor(
      () => leases.holderOf(name),
      (grant) => grant !== undefined,
    );
    const second = openApiReadModels(path, store, logger, { lease, retryDelayMs: 50 });
    try {
      // One file, one id, one lease: the second replica waits while the first projects for both.
      expect(readModelFileId(second.db)).toBe(readModelFileId(first.db));
      await register('h-early');
      await waitFor(
        () => hire(second.db, 'h-early'),
        (row) => row !== undefined,
      );
      expect((await leases.holderOf(name))?.holder).toBe(holder!.holder);

      await first.close();
      await register('h-late');
      const row = await waitFor(
        () => hire(second.db, 'h-late'),
        (found) => found !== undefined,
        10_000,
      );
      expect(row).toMatchObject({ hireId: 'h-late' });
      expect((await leases.holderOf(name))?.holder).not.toBe(holder!.holder);
    } finally {
      await second.close();
    }
  });

  it('gives a file of its own a lease of its own: a replica on another data folder projects too', async () => {
    const lease = { store: leases, ttlMs: 1_000, renewMs: 200 };
    const here = openApiReadModels(join(directory, 'here.sqlite'), store, logger, { lease, retryDelayMs: 50 });
    const there = openApiReadModels(join(directory, 'there.sqlite'), store, logger, { lease, retryDelayMs: 50 });
    try {
      expect(readModelFileId(here.db)).not.toBe(readModelFileId(there.db));
      await register('h-both');
      for (const replica of [here, there])
        await waitFor(
          () => hire(replica.db, 'h-both'),
          (row) => row !== undefined,
        );
    } finally {
      await here.close();
      await there.close();
    }
  });

  describe('readiness: not ready until the file has caught up with the store', () => {
    /** Whether /readyz would count the read models as up. */
    const ready = async (readModels: { readiness: { check(): Promise<void> } }) =>
      readModels.readiness.check().then(
        () => true,
        () => false,
      );

    it('a new file on a store with history is not ready at once, and is ready with every hire in it', async () => {
      for (let index = 0; index < 40; index++) await register(`h-${index}`);
      const readModels = openApiReadModels(join(directory, 'new.sqlite'), store, logger, { retryDelayMs: 50 });
      try {
        expect(await ready(readModels)).toBe(false);
        expect(await readModels.whenCaughtUp()).toBe(true);
        expect(await ready(readModels)).toBe(true);
        // Ready means the rows are there, not only a flag: every hire registered before the start.
        for (let index = 0; index < 40; index++) expect(hire(readModels.db, `h-${index}`)).toBeDefined();
      } finally {
        await readModels.close();
      }
    });

    it('a replica standing by on a shared file is ready once the file was caught up, without projecting', async () => {
      await register('h-shared');
      const path = join(directory, 'read-models.sqlite');
      const lease = { store: leases, ttlMs: 5_000, renewMs: 200 };
      const holder = openApiReadModels(path, store, logger, { lease, retryDelayMs: 50 });
      try {
        expect(await holder.whenCaughtUp()).toBe(true);
        const standby = openApiReadModels(path, store, logger, { lease, retryDelayMs: 50 });
        try {
          expect(await ready(standby)).toBe(true);
          expect(hire(standby.db, 'h-shared')).toBeDefined();
        } finally {
          await standby.close();
        }
      } finally {
        await holder.close();
      }
    });

    it('a standby on a file nobody caught up yet is not ready', async () => {
      const path = join(directory, 'read-models.sqlite');
      const lease = { store: leases, ttlMs: 60_000, renewMs: 200 };
      const file = openReadModels(path);
      // Someone else holds this file's lease (a replica that stopped without releasing it): this one only waits.
      const name = `projections:${readModelFileId(file)}`;
      file.close();
      expect(await leases.acquire(name, 'another-replica', 60_000)).toBeDefined();
      const waiting = openApiReadModels(path, store, logger, { lease, retryDelayMs: 50 });
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await ready(waiting)).toBe(false);
        const stopping = new AbortController();
        const waited = waiting.whenCaughtUp(stopping.signal);
        stopping.abort();
        expect(await waited).toBe(false);
      } finally {
        await waiting.close();
      }
    });
  });
});
