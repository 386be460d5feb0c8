import { AfasConnector } from '../../services/hris-connector/afas/afasConnector';
import { EmploymentSync } from '../../services/hris-connector/employmentSync';
import type { HrisConnector } from '../../services/hris-connector/hrisConnector';
import { HrisStore } from '../../services/hris-connector/hrisStore';
import { YouForceConnector } from '../../services/hris-connector/youforce/youforceConnector';
import { addDays } from '../../workflows/domain/calendar';
import { createLogger } from '../../services/shared/logger';
import { dutchDate } from '../../services/shared/dutchClock';
import { FakeAfas } from './fakeAfas';
import { type FakeEmployment, FakeYouForce } from './fakeYouForce';
import { addTeamNoord, teamNoordEmployment } from './teamNoord';
import { ManualClock } from './manualClock';
import { temporaryDirectory } from '../support/temporaryDirectory';

const logger = createLogger('test', 'silent');
const ORG = 'jeugdzorg-west';
const templates = {
  jobProfiles: { '5521': 'jbwest-learning-line' },
  organizationUnits: { 'AFD-ZUID': 'rvdk-two-year-programme' },
};

describe('polling YouForce and diffing against the snapshot (real SQLite)', () => {
  const dir = temporaryDirectory('hris');
  let clock: ManualClock;
  let fake: FakeYouForce;
  let store: HrisStore;
  let sync: EmploymentSync;
  const today = () => dutchDate(clock.now());
  const kinds = () => store.changes(ORG).map((stored) => `${stored.change.kind} ${stored.change.id}`);
  /** E3, the hire the connector is there for: a Jeugdzorgwerker in Team Noord unless `extra` says otherwise. */
  const putNewHire = (hireDate: string, extra: Partial<FakeEmployment> = {}) =>
    fake.putEmployment(teamNoordEmployment('E3', 'P3', hireDate, extra));

  beforeEach(async () => {
    clock = new ManualClock();
    fake = await new FakeYouForce(clock).start();
    addTeamNoord(fake, 'M1');
    fake.addOrgUnit({ id: 'OU2', shortName: 'AFD-ZUID', fullName: 'Team Zuid' });
    fake.addJobProfile({ id: '6000', shortName: 'GDW', fullName: 'Gedragswetenschapper' });
    // The existing workforce: no journeys for them.
    fake.putEmployment(teamNoordEmployment('E1', 'P1', '2015-03-01'));
    fake.putEmployment({
      id: 'E2',
      personCode: 'P2',
      hireDate: '2019-09-01',
      organizationUnit: 'OU2',
      jobProfile: '6000',
    });
    const connector = new YouForceConnector(fake.connectorSettings(), clock);
    store = new HrisStore(dir.file('hris.sqlite'));
    sync = new EmploymentSync(connector, { organisationId: ORG, hireWindowDays: 30, templates }, store, clock, logger);
  });
  afterEach(async () => {
    store.close();
    await fake.stop();
  });

  it('derives a hire with its journey, and repeated polls record nothing more', async () => {
    putNewHire(addDays(today(), 28));
    expect((await sync.reconcile()).recorded).toBe(1);
    const [hire] = store.changes(ORG);
    expect(hire!.change).toEqual({
      id: 'youforce:T123:employment:E3:hire',
      kind: 'HireRegistered',
      organisationId: ORG,
      hireId: 'yf-E3',
      source: { hris: 'youforce', tenantId: 'T123', remoteEmploymentId: 'E3', remotePersonId: 'P3' },
      journey: {
        startDate: addDays(today(), 28),
        role: 'Jeugdzorgwerker',
        team: 'Team Noord',
        templateId: 'jbwest-learning-line',
        managerRef: 'M1',
      },
    });
    expect(hire!.stream).toBe(`hris-${ORG}`);

    for (let round = 0; round < 3; round += 1) {
      clock.advance(15 * 60_000);
      expect((await sync.poll()).recorded).toBe(0);
    }
    expect((await sync.reconcile()).recorded).toBe(0);
    expect(store.changes(ORG)).toHaveLength(1);
    // The changed-records poll asked with from/to, not for everything.
    expect(
      fake.requests.filter((request) => request.includes('/employments?') && request.includes('from=')),
    ).toHaveLength(3);
  });

  it('derives start-date changes, terminations (off 9999-12-31) and other employment changes', async () => {
    putNewHire(addDays(today(), 28));
    await sync.reconcile();
    clock.advance(15 * 60_000);
    fake.updateEmployment('E3', { hireDate: addDays(today(), 35) });
    fake.updateEmployment('E1', { dischargeDate: addDays(today(), 60) });
    fake.updateEmployment('E2', { organizationUnit: 'OU1' });
    clock.advance(60_000);
    await sync.poll();
    await sync.poll();
    expect(kinds().sort()).toEqual(
      [
        'HireRegistered youforce:T123:employment:E3:hire',
        'EmploymentChanged youforce:T123:employment:E2:r1:changed',
        `StartDateChanged youforce:T123:employment:E3:r2:start-date:${addDays(today(), 35)}`,
        `TerminationRegistered youforce:T123:employment:E1:r1:termination:${addDays(today(), 60)}`,
      ].sort(),
    );
    const changed = store.changes(ORG).find((stored) => stored.change.kind === 'EmploymentChanged')!.change;
    expect(changed.changes).toEqual([
      { field: 'orgUnit', from: 'OU2', to: 'OU1' },
      { field: 'managerRef', from: null, to: 'M1' },
    ]);
    // Employments from before the connector are recorded but followed by no journey.
    expect(
      store.changes(ORG).find((stored) => stored.change.kind === 'TerminationRegistered')!.change.hireId,
    ).toBeNull();
  });

  it('tells a rehire from a first hire', async () => {
    fake.updateEmployment('E2', { dischargeDate: addDays(today(), -10) });
    await sync.reconcile();
    clock.advance(60_000);
    fake.putEmployment({
      id: 'E9',
      personCode: 'P2',
      hireDate: addDays(today(), 20),
      organizationUnit: 'OU2',
      jobProfile: '6000',
    });
    await sync.poll();
    const rehire = store.changes(ORG).at(-1)!.change;
    expect(rehire.kind).toBe('Rehired');
    expect(rehire.id).toBe(`youforce:T123:employment:E9:rehire:${addDays(today(), 20)}`);
    expect(rehire.journey).toMatchObject({
      role: 'Gedragswetenschapper',
      team: 'Team Zuid',
      templateId: 'rvdk-two-year-programme',
    });
  });

  it('reports a future-dated termination now, but a future-dated transfer only once it applies', async () => {
    putNewHire(addDays(today(), -5));
    await sync.reconcile();
    clock.advance(60_000);
    // A new version from next month on: another team and a discharge date, both entered today.
    putNewHire(addDays(today(), -5), {
      organizationUnit: 'OU2',
      validFrom: addDays(today(), 30),
      dischargeDate: addDays(today(), 90),
    });
    await sync.poll();
    expect(kinds().map((line) => line.split(' ')[0])).toEqual(['HireRegistered', 'TerminationRegistered']);

    clock.advanceDays(31);
    await sync.reconcile();
    expect(kinds().map((line) => line.split(' ')[0])).toEqual([
      'HireRegistered',
      'TerminationRegistered',
      'EmploymentChanged',
    ]);
  });

  it('reads nothing into records that vanish 90 days after discharge', async () => {
    fake.updateEmployment('E1', { dischargeDate: addDays(today(), 5) });
    await sync.reconcile();
    expect(kinds()).toHaveLength(0);
    clock.advanceDays(96);
    const outcome = await sync.reconcile();
    expect(outcome).toMatchObject({ mode: 'full', vanished: 1, recorded: 0 });
    expect(kinds()).toHaveLength(0);
    clock.advanceDays(1);
    expect((await sync.reconcile()).recorded).toBe(0);
    expect(store.present(ORG).map((tracked) => tracked.facts.remoteEmploymentId)).toEqual(['E2']);
  });
});

describe('polling AFAS Profit GetConnectors (real SQLite)', () => {
  const dir = temporaryDirectory('hris-afas');
  it('pages with skip/take, authenticates with AfasToken, filters on the audit field, derives hire and termination', async () => {
    const clock = new ManualClock();
    const fake = await new FakeAfas(clock, {
      token: 'abc123',
      employmentsConnector: 'Soft_Landing_Dienstverbanden',
      personsConnector: 'Soft_Landing_Medewerkers',
    }).start();
    const store = new HrisStore(dir.file('hris.sqlite'));
    try {
      const today = dutchDate(clock.now());
      const employment = (id: string, extra: Record<string, unknown>) =>
        fake.putRow('Soft_Landing_Dienstverbanden', 'Dienstverband', {
          Dienstverband: id,
          Medewerker: `M${id}`,
          Begindatum: '2018-01-01T00:00:00Z',
          Einddatum: null,
          Afdeling: 'NOORD',
          Afdeling_omschrijving: 'Team Noord',
          Functie: 'JZW',
          Functie_omschrijving: 'Jeugdzorgwerker',
          ...extra,
        });
      for (let index = 1; index <= 5; index += 1) employment(`D${index}`, {});
      employment('D6', { Begindatum: `${addDays(today, 14)}T00:00:00Z` });
      const connector: HrisConnector = new AfasConnector(
        {
          environmentId: '12345',
          baseUrl: `${fake.baseUrl}/profitrestservices`,
          token: 'abc123',
          employmentsConnector: 'Soft_Landing_Dienstverbanden',
          personsConnector: 'Soft_Landing_Medewerkers',
          employmentFields: { modifiedAt: 'Gewijzigd_op' },
          pageSize: 2,
        },
        clock,
      );
      const sync = new EmploymentSync(
        connector,
        { organisationId: ORG, hireWindowDays: 30, templates: { default: 'jbwest-learning-line' } },
        store,
        clock,
        logger,
      );
      await sync.reconcile();
      expect(fake.requests.filter((request) => request.includes('skip='))).toHaveLength(4);
      clock.advance(15 * 60_000);
      employment('D6', {
        Begindatum: `${addDays(today, 14)}T00:00:00Z`,
        Einddatum: `${addDays(today, 100)}T00:00:00Z`,
      });
      clock.advance(60_000);
      fake.throttleNext(1, 3);
      await sync.poll();
      await sync.poll();
      expect(store.changes(ORG).map((stored) => stored.change.id)).toEqual([
        'afas:12345:employment:D6:hire',
        `afas:12345:employment:D6:r2:termination:${addDays(today, 100)}`,
      ]);
      expect(fake.requests.at(-1)).toContain('filterfieldids=Gewijzigd_op');
      expect(fake.requests.at(-1)).toContain('operatortypes=2');
      expect(fake.earlyRetries).toBe(0);
      expect(store.changes(ORG)[0]!.change.journey).toMatchObject({
        role: 'Jeugdzorgwerker',
        team: 'Team Noord',
        templateId: 'jbwest-learning-line',
      });
    } finally {
      store.close();
      await fake.stop();
    }
  });
});
