import type { EmploymentFacts, HrisChange, TrackedEmployment } from '../../services/hris-connector/employmentChanges';
import { HrisStore, type HrisSnapshots } from '../../services/hris-connector/hrisStore';
import { PostgresHrisStore } from '../../services/hris-connector/postgresHrisStore';
import { type OpenStore, contractOnBothAdapters } from '../support/storeOnBothAdapters';

const ORG = 'jeugdzorg-west';
const AT = new Date('2026-12-02T08:00:00.000Z');

function employment(id: string, person: string, hireDate = '2027-01-04'): TrackedEmployment {
  const facts: EmploymentFacts = { remoteEmploymentId: id, remotePersonId: person, hireDate, dischargeDate: null };
  return { facts, hireId: `hire-${id}`, revision: 1 };
}

function change(id: string, tracked: TrackedEmployment, kind: HrisChange['kind'] = 'HireRegistered'): HrisChange {
  return {
    id: `youforce:T1:employment:${tracked.facts.remoteEmploymentId}:${id}`,
    kind,
    organisationId: ORG,
    hireId: tracked.hireId,
    source: {
      hris: 'youforce',
      tenantId: 'T1',
      remoteEmploymentId: tracked.facts.remoteEmploymentId,
      remotePersonId: tracked.facts.remotePersonId,
    },
  };
}

/** One contract on both adapters: a connector on PostgreSQL must diff and dispatch as the embedded SQLite one does. */
function hrisStoreContract(name: string, open: OpenStore<HrisSnapshots>) {
  describe(`HRIS snapshot and outbox contract: ${name}`, () => {
    let store: HrisSnapshots;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());

    it('keeps the snapshot row and its records together, and a repeated apply writes no record twice', async () => {
      const e1 = employment('E1', 'P1');
      expect(await store.apply(ORG, e1, [change('hire', e1)], AT)).toBe(1);
      expect(await store.apply(ORG, { ...e1, revision: 2 }, [change('hire', e1)], AT)).toBe(0);
      expect(await store.tracked(ORG, 'E1')).toEqual({ ...e1, revision: 2 });
      expect(await store.tracked(ORG, 'E2')).toBeUndefined();
      expect(await store.tracked('other-org', 'E1')).toBeUndefined();
      const [stored] = await store.changes(ORG);
      expect(stored).toMatchObject({
        stream: `hris-${ORG}`,
        detectedAt: AT.toISOString(),
        change: change('hire', e1),
        attempts: 0,
      });
      expect(stored!.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof stored!.position).toBe('number');
    });

    it('lists records in the order they were found, pending ones apart, with outcome, attempts and last error', async () => {
      const e1 = employment('E1', 'P1');
      const e2 = employment('E2', 'P2');
      await store.apply(ORG, e1, [change('hire', e1)], AT);
      await store.apply(ORG, e2, [change('hire', e2), change('start-date-1', e2, 'StartDateChanged')], AT);
      const ids = (await store.changes(ORG)).map((stored) => stored.change.id);
      expect(ids).toEqual([
        'youforce:T1:employment:E1:hire',
        'youforce:T1:employment:E2:hire',
        'youforce:T1:employment:E2:start-date-1',
      ]);
      const positions = (await store.changes(ORG)).map((stored) => stored.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);

      await store.markFailed(ids[0]!, `Temporal weg ${'x'.repeat(3000)}`);
      await store.markDispatched(ids[0]!, 'started', AT);
      await store.markFailed(ids[1]!, 'Temporal weg');
      const [first, second] = await store.changes(ORG);
      expect(first).toMatchObject({ outcome: 'started', attempts: 2, dispatchedAt: AT.toISOString() });
      expect(first!.lastError).toBeUndefined();
      expect(second).toMatchObject({ attempts: 1, lastError: 'Temporal weg' });
      expect((await store.changes(ORG, { pendingOnly: true })).map((stored) => stored.change.id)).toEqual(ids.slice(1));
    });

    it('cuts a long error to what is kept', async () => {
      const e1 = employment('E1', 'P1');
      await store.apply(ORG, e1, [change('hire', e1)], AT);
      await store.markFailed(change('hire', e1).id, 'x'.repeat(3000));
      expect((await store.changes(ORG))[0]!.lastError).toHaveLength(2000);
    });

    it('finds a person’s other employments, and marks vanished ones without forgetting them', async () => {
      const old = employment('E1', 'P1', '2020-02-01');
      const rehire = employment('E3', 'P1');
      await store.apply(ORG, old, [], AT);
      await store.apply(ORG, rehire, [], AT);
      await store.apply(ORG, employment('E2', 'P2'), [], AT);
      const ofP1 = (await store.trackedOfPerson(ORG, 'P1')).map((tracked) => tracked.facts.remoteEmploymentId);
      expect(ofP1.sort()).toEqual(['E1', 'E3']);

      await store.markVanished(ORG, ['E1', 'E2'], AT);
      expect((await store.present(ORG)).map((tracked) => tracked.facts.remoteEmploymentId)).toEqual(['E3']);
      expect(await store.tracked(ORG, 'E1')).toEqual(old);
      // Seen again: present again.
      await store.apply(ORG, employment('E2', 'P2'), [], AT);
      expect((await store.present(ORG)).map((tracked) => tracked.facts.remoteEmploymentId).sort()).toEqual([
        'E2',
        'E3',
      ]);
    });

    it('keeps a cursor per organisation, and a poll without a reconcile keeps the last reconcile', async () => {
      expect(await store.cursor(ORG)).toEqual({});
      await store.saveCursor(ORG, { changedUntil: 1_764_662_400_000, reconciledAt: 1_764_662_401_000 });
      await store.saveCursor(ORG, { changedUntil: 1_764_666_000_000 });
      expect(await store.cursor(ORG)).toEqual({ changedUntil: 1_764_666_000_000, reconciledAt: 1_764_662_401_000 });
      expect(await store.cursor('other-org')).toEqual({});
    });
  });
}

contractOnBothAdapters(
  hrisStoreContract,
  { file: 'hris.sqlite', open: (path) => new HrisStore(path) },
  { database: 'hris_contract', open: (pool) => PostgresHrisStore.open(pool) },
);
