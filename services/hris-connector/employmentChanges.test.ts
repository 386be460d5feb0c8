import {
  type DiffContext,
  type EmploymentFacts,
  diffEmployment,
  factsForToday,
  hireIdOf,
  isPastRetention,
  journeyStart,
  templateFor,
} from './employmentChanges';
import { reconcileDue } from './hrisPoller';
import { parseOrganisation } from './organisations';

const context: DiffContext = {
  organisationId: 'org',
  hris: 'youforce',
  tenantId: 'T1',
  today: '2026-05-04',
  hireWindowDays: 30,
  templates: {},
  otherEmploymentsOfPerson: [],
};
const facts: EmploymentFacts = {
  remoteEmploymentId: '1',
  remotePersonId: 'P1',
  hireDate: '2026-06-01',
  dischargeDate: null,
};

describe('diffing one employment (pure)', () => {
  it('is a hire inside the window and not before it', () => {
    expect(diffEmployment(undefined, facts, context).changes.map((change) => change.id)).toEqual([
      'youforce:T1:employment:1:hire',
    ]);
    expect(diffEmployment(undefined, { ...facts, hireDate: '2026-04-03' }, context).changes).toEqual([]);
    expect(diffEmployment(undefined, { ...facts, hireDate: '2026-04-04' }, context).changes).toHaveLength(1);
  });

  it('records a start date moving back and forth every time', () => {
    let tracked = diffEmployment(undefined, facts, context).next;
    const ids: string[] = [];
    for (const hireDate of ['2026-06-15', '2026-06-01', '2026-06-15']) {
      const diff = diffEmployment(tracked, { ...facts, hireDate }, context);
      ids.push(...diff.changes.map((change) => change.id));
      tracked = diff.next;
    }
    expect(new Set(ids).size).toBe(3);
  });

  it('reads a moved discharge date as an employment change, not a second termination', () => {
    const terminated = diffEmployment(
      { facts, hireId: 'yf-1', revision: 1 },
      { ...facts, dischargeDate: '2026-12-31' },
      context,
    );
    expect(terminated.changes.map((change) => change.kind)).toEqual(['TerminationRegistered']);
    const moved = diffEmployment(terminated.next, { ...facts, dischargeDate: '2027-01-31' }, context);
    expect(moved.changes.map((change) => [change.kind, change.changes])).toEqual([
      ['EmploymentChanged', [{ field: 'dischargeDate', from: '2026-12-31', to: '2027-01-31' }]],
    ]);
  });

  it('takes dates from the newest version and attributes from the one valid today', () => {
    const today = factsForToday(
      [
        { ...facts, orgUnit: { id: 'A' } },
        { ...facts, orgUnit: { id: 'B' }, validFrom: '2026-07-01', dischargeDate: '2026-09-30' },
      ],
      '2026-05-04',
    );
    expect(today).toMatchObject({ orgUnit: { id: 'A' }, dischargeDate: '2026-09-30' });
  });

  it('maps job profile before org unit before the default', () => {
    const templates = { jobProfiles: { JZW: 'jz' }, organizationUnits: { OU: 'ou' }, default: 'd' };
    expect(templateFor({ ...facts, jobProfile: { id: '1', code: 'JZW' }, orgUnit: { id: 'OU' } }, templates)).toBe(
      'jz',
    );
    expect(templateFor({ ...facts, jobProfile: { id: '2' }, orgUnit: { id: 'OU' } }, templates)).toBe('ou');
    expect(templateFor(facts, templates)).toBe('d');
    expect(templateFor({ ...facts, jobProfile: { id: 'JZW' } }, templates)).toBe('jz');
    expect(templateFor({ ...facts, orgUnit: { id: '9', code: 'OU' } }, templates)).toBe('ou');
    expect(
      templateFor(
        { ...facts, jobProfile: { id: '2', code: 'X' }, orgUnit: { id: '9', code: 'Y' } },
        { jobProfiles: { JZW: 'jz' } },
      ),
    ).toBeUndefined();
  });
});

describe('diffing one employment: what each record says', () => {
  const source = { hris: 'youforce', tenantId: 'T1', remoteEmploymentId: '1', remotePersonId: 'P1' };
  const staffed: EmploymentFacts = {
    ...facts,
    orgUnit: { id: 'OU-9', code: 'NOORD', name: 'Team Noord', managerRef: 'P-77' },
    jobProfile: { id: 'JP-3', code: 'JZW', name: 'Jeugdzorgwerker' },
    employmentType: 'vast',
    hoursPerWeek: 32,
  };

  it('registers a new hire with what its journey starts from', () => {
    const diff = diffEmployment(undefined, staffed, { ...context, templates: { jobProfiles: { JZW: 'jeugdzorg' } } });
    expect(diff.changes).toStrictEqual([
      {
        id: 'youforce:T1:employment:1:hire',
        kind: 'HireRegistered',
        organisationId: 'org',
        hireId: 'yf-1',
        source,
        journey: {
          startDate: '2026-06-01',
          role: 'Jeugdzorgwerker',
          team: 'Team Noord',
          templateId: 'jeugdzorg',
          managerRef: 'P-77',
        },
      },
    ]);
    expect(diff.next).toStrictEqual({ facts: staffed, hireId: 'yf-1', revision: 1 });
  });

  it('names the role and team by name, else code, else id, and an unknown role in Dutch', () => {
    expect(journeyStart(facts, {})).toStrictEqual({ startDate: '2026-06-01', role: 'Onbekende functie' });
    expect(
      journeyStart({ ...facts, jobProfile: { id: 'JP-3', code: 'JZW' }, orgUnit: { id: 'OU-9', code: 'NOORD' } }, {}),
    ).toStrictEqual({
      startDate: '2026-06-01',
      role: 'JZW',
      team: 'NOORD',
    });
    expect(
      journeyStart({ ...facts, jobProfile: { id: 'JP-3' }, orgUnit: { id: 'OU-9' } }, { default: 'd' }),
    ).toStrictEqual({
      startDate: '2026-06-01',
      role: 'JP-3',
      team: 'OU-9',
      templateId: 'd',
    });
  });

  it('is no hire when it was discharged before today, and still one when the discharge is today', () => {
    const gone = diffEmployment(undefined, { ...facts, hireDate: '2026-05-01', dischargeDate: '2026-05-03' }, context);
    expect(gone).toStrictEqual({
      changes: [],
      next: { facts: { ...facts, hireDate: '2026-05-01', dischargeDate: '2026-05-03' }, hireId: null, revision: 0 },
    });
    expect(
      diffEmployment(undefined, { ...facts, hireDate: '2026-05-01', dischargeDate: '2026-05-04' }, context).changes.map(
        (c) => c.kind,
      ),
    ).toEqual(['HireRegistered']);
  });

  it('tells a rehire of someone who left before from a first hire, by the person’s other employments', () => {
    const left = (dischargeDate: string | null) => ({
      facts: { ...facts, remoteEmploymentId: '0', hireDate: '2020-01-01', dischargeDate },
      hireId: null,
      revision: 0,
    });
    const rehired = diffEmployment(undefined, facts, { ...context, otherEmploymentsOfPerson: [left('2026-05-31')] });
    expect(rehired.changes.map((c) => [c.kind, c.id, c.hireId])).toEqual([
      ['Rehired', 'youforce:T1:employment:1:rehire:2026-06-01', 'yf-1'],
    ]);
    // The earlier employment predates the connector: no journey to link to.
    expect(rehired.changes[0]!.journey).toStrictEqual({ startDate: '2026-06-01', role: 'Onbekende functie' });
    // Two earlier employments with journeys here: linked to the one that ended last, whatever the listing's order.
    const withJourney = (id: string, dischargeDate: string) => ({ ...left(dischargeDate), hireId: id });
    const linked = diffEmployment(undefined, facts, {
      ...context,
      otherEmploymentsOfPerson: [
        withJourney('yf-late', '2025-12-31'),
        withJourney('yf-early', '2023-03-31'),
        left('2026-02-28'),
      ],
    });
    expect(linked.changes[0]!.journey).toStrictEqual({
      startDate: '2026-06-01',
      role: 'Onbekende functie',
      rehireOf: 'yf-late',
    });
    // Still employed elsewhere, or leaving on the day this one starts: a first hire.
    for (const other of [left(null), left('2026-06-01')]) {
      expect(
        diffEmployment(undefined, facts, { ...context, otherEmploymentsOfPerson: [other] }).changes.map((c) => c.kind),
      ).toEqual(['HireRegistered']);
    }
  });

  it('starts a new journey under a hire id of its own when the same employment comes back after leaving', () => {
    const before = {
      facts: { ...facts, hireDate: '2019-09-01', dischargeDate: '2025-12-31' },
      hireId: 'yf-1',
      revision: 4,
    };
    const back = diffEmployment(before, facts, context);
    expect(back.changes).toStrictEqual([
      {
        id: 'youforce:T1:employment:1:rehire:2026-06-01',
        kind: 'Rehired',
        organisationId: 'org',
        hireId: 'yf-1-20260601',
        source,
        journey: { startDate: '2026-06-01', role: 'Onbekende functie', rehireOf: 'yf-1' },
      },
    ]);
    expect(back.next).toStrictEqual({ facts, hireId: 'yf-1-20260601', revision: 5 });
    // Back, but longer ago than the hire window: tracked, no journey.
    const old = { ...facts, hireDate: '2026-01-15' };
    expect(diffEmployment(before, old, context)).toStrictEqual({
      changes: [],
      next: { facts: old, hireId: null, revision: 4 },
    });
  });

  it('keeps a rehired hire id within 64 characters, and takes a discharge dated before the same hire date for a change, not a return', () => {
    const long = 'E'.repeat(70);
    const before = {
      facts: { ...facts, remoteEmploymentId: long, hireDate: '2019-09-01', dischargeDate: '2025-12-31' },
      hireId: null,
      revision: 1,
    };
    const back = diffEmployment(before, { ...facts, remoteEmploymentId: long }, context);
    expect(back.changes[0]!.hireId).toBe(`yf-${'E'.repeat(61)}`);
    expect(back.changes[0]!.hireId).toHaveLength(64);
    const odd = { facts: { ...facts, dischargeDate: '2026-05-31' }, hireId: 'yf-1', revision: 2 };
    expect(diffEmployment(odd, facts, context).changes.map((c) => [c.kind, c.changes])).toEqual([
      ['EmploymentChanged', [{ field: 'dischargeDate', from: '2026-05-31', to: null }]],
    ]);
  });

  it('records a moved start date, a termination and a withdrawn discharge with their details', () => {
    const tracked = { facts, hireId: 'yf-1', revision: 1 };
    expect(diffEmployment(tracked, { ...facts, hireDate: '2026-06-15' }, context)).toStrictEqual({
      changes: [
        {
          id: 'youforce:T1:employment:1:r2:start-date:2026-06-15',
          kind: 'StartDateChanged',
          organisationId: 'org',
          hireId: 'yf-1',
          source,
          startDate: '2026-06-15',
          previousStartDate: '2026-06-01',
        },
      ],
      next: { facts: { ...facts, hireDate: '2026-06-15' }, hireId: 'yf-1', revision: 2 },
    });
    const terminated = diffEmployment(tracked, { ...facts, dischargeDate: '2026-12-31' }, context);
    expect(terminated.changes.map((c) => [c.id, c.lastWorkingDay])).toEqual([
      ['youforce:T1:employment:1:r2:termination:2026-12-31', '2026-12-31'],
    ]);
    const withdrawn = diffEmployment(terminated.next, facts, context);
    expect(withdrawn.changes.map((c) => [c.id, c.kind, c.changes])).toEqual([
      [
        'youforce:T1:employment:1:r3:changed',
        'EmploymentChanged',
        [{ field: 'dischargeDate', from: '2026-12-31', to: null }],
      ],
    ]);
  });

  it('lists every changed job fact, and nothing (keeping the revision) when nothing changed', () => {
    const tracked = { facts: staffed, hireId: 'yf-1', revision: 3 };
    expect(diffEmployment(tracked, staffed, context)).toStrictEqual({
      changes: [],
      next: { facts: staffed, hireId: 'yf-1', revision: 3 },
    });
    const moved: EmploymentFacts = {
      ...facts,
      orgUnit: { id: 'OU-10', managerRef: 'P-78' },
      jobProfile: { id: 'JP-4' },
      employmentType: 'tijdelijk',
      hoursPerWeek: 36,
    };
    const diff = diffEmployment(tracked, moved, context);
    expect(diff.changes.map((c) => [c.id, c.changes])).toEqual([
      [
        'youforce:T1:employment:1:r4:changed',
        [
          { field: 'orgUnit', from: 'OU-9', to: 'OU-10' },
          { field: 'jobProfile', from: 'JP-3', to: 'JP-4' },
          { field: 'employmentType', from: 'vast', to: 'tijdelijk' },
          { field: 'hoursPerWeek', from: 32, to: 36 },
          { field: 'managerRef', from: 'P-77', to: 'P-78' },
        ],
      ],
    ]);
    expect(diff.next.revision).toBe(4);
    expect(diffEmployment(tracked, facts, context).changes[0]!.changes).toEqual([
      { field: 'orgUnit', from: 'OU-9', to: null },
      { field: 'jobProfile', from: 'JP-3', to: null },
      { field: 'employmentType', from: 'vast', to: null },
      { field: 'hoursPerWeek', from: 32, to: null },
      { field: 'managerRef', from: 'P-77', to: null },
    ]);
  });

  it('is past retention only once the retention after the discharge has run out', () => {
    const discharged = { ...facts, dischargeDate: '2026-01-01' };
    expect(isPastRetention(discharged, '2026-01-31', 30)).toBe(true);
    expect(isPastRetention(discharged, '2026-02-01', 30)).toBe(true);
    expect(isPastRetention(discharged, '2026-01-30', 30)).toBe(false);
    expect(isPastRetention(discharged, '2030-01-01', undefined)).toBe(false);
    expect(isPastRetention(facts, '2030-01-01', 30)).toBe(false);
  });

  it('makes hire ids the event contract accepts, per HR system', () => {
    expect(hireIdOf('youforce', '1')).toBe('yf-1');
    expect(hireIdOf('afas', 'E 12/3')).toBe('afas-E_12_3');
    expect(hireIdOf('afas', 'x'.repeat(80))).toBe(`afas-${'x'.repeat(59)}`);
    expect(hireIdOf('youforce', 'a-B_9')).toBe('yf-a-B_9');
  });
});

describe('the facts of an employment for today', () => {
  it('needs a version', () => {
    expect(() => factsForToday([], '2026-05-04')).toThrow(new Error('factsForToday needs at least one version'));
  });

  it('takes attributes from the newest version valid today, not one that has ended or is still to come', () => {
    const versions = [
      { ...facts, orgUnit: { id: 'C' }, validFrom: '2026-06-01' },
      {
        ...facts,
        orgUnit: { id: 'A' },
        validFrom: '2025-01-01',
        validUntil: '2026-05-03',
        employmentType: 'vast',
        hoursPerWeek: 24,
      },
      { ...facts, orgUnit: { id: 'B' }, jobProfile: { id: 'J' }, validFrom: '2026-05-04', validUntil: '2026-05-31' },
    ];
    expect(factsForToday(versions, '2026-05-04')).toStrictEqual({
      ...facts,
      orgUnit: { id: 'B' },
      jobProfile: { id: 'J' },
    });
    expect(factsForToday(versions, '2026-05-03')).toStrictEqual({
      ...facts,
      orgUnit: { id: 'A' },
      employmentType: 'vast',
      hoursPerWeek: 24,
    });
    expect(factsForToday(versions, '2026-05-31').orgUnit).toEqual({ id: 'B' });
    // A version without validFrom applies from the beginning.
    expect(
      factsForToday(
        [
          { ...facts, orgUnit: { id: 'D' } },
          { ...facts, orgUnit: { id: 'E' }, validFrom: '2026-05-05' },
        ],
        '2026-05-04',
      ).orgUnit,
    ).toEqual({ id: 'D' });
  });

  it('keeps what we knew between a version that has ended and one still to come', () => {
    const versions = [
      { ...facts, orgUnit: { id: 'LATER' }, validFrom: '2026-07-01' },
      { ...facts, orgUnit: { id: 'ENDED' }, validFrom: '2026-01-01', validUntil: '2026-05-31', hoursPerWeek: 36 },
    ];
    const previous = { ...facts, orgUnit: { id: 'NOW' }, hoursPerWeek: 20 };
    expect(factsForToday(versions, '2026-06-15', previous)).toStrictEqual({
      ...facts,
      orgUnit: { id: 'NOW' },
      hoursPerWeek: 20,
    });
    // On its last day the ended version still holds.
    expect(factsForToday(versions, '2026-05-31', previous)).toStrictEqual({
      ...facts,
      orgUnit: { id: 'ENDED' },
      hoursPerWeek: 36,
    });
  });

  it('keeps what we knew when only future versions came back, or else the earliest of them', () => {
    const future = [
      { ...facts, orgUnit: { id: 'F2' }, validFrom: '2026-08-01', hireDate: '2026-06-02' },
      { ...facts, orgUnit: { id: 'F1' }, validFrom: '2026-07-01' },
    ];
    const previous = { ...facts, orgUnit: { id: 'NOW' }, hoursPerWeek: 20 };
    expect(factsForToday(future, '2026-05-04', previous)).toStrictEqual({
      ...facts,
      hireDate: '2026-06-02',
      orgUnit: { id: 'NOW' },
      hoursPerWeek: 20,
    });
    expect(factsForToday(future, '2026-05-04')).toStrictEqual({
      ...facts,
      hireDate: '2026-06-02',
      orgUnit: { id: 'F1' },
    });
  });
});

describe('the nightly reconcile', () => {
  const at = (iso: string) => Date.parse(iso);
  it('is due once per Dutch day after its time', () => {
    expect(reconcileDue(undefined, '02:00', at('2026-05-04T10:00:00Z'))).toBe(true);
    // 01:30 Dutch summer time: not yet.
    expect(reconcileDue(at('2026-05-03T01:00:00Z'), '02:00', at('2026-05-03T23:30:00Z'))).toBe(false);
    expect(reconcileDue(at('2026-05-03T01:00:00Z'), '02:00', at('2026-05-04T00:30:00Z'))).toBe(true);
    expect(reconcileDue(at('2026-05-04T00:30:00Z'), '02:00', at('2026-05-04T09:00:00Z'))).toBe(false);
  });
});

describe('organisation settings', () => {
  it('takes credentials from the variables the file names, and refuses when one is missing', () => {
    const entry = {
      organisationId: 'jz',
      hris: 'afas',
      afas: {
        environmentId: '12345',
        tokenVariable: 'AFAS_JZ_TOKEN',
        employmentsConnector: 'E',
        personsConnector: 'P',
      },
    };
    expect(parseOrganisation(entry, { AFAS_JZ_TOKEN: 'abc' })).toMatchObject({
      pollIntervalMs: 15 * 60_000,
      afas: { token: 'abc', baseUrl: 'https://12345.rest.afas.online/profitrestservices' },
    });
    expect(() => parseOrganisation(entry, {})).toThrow(/AFAS_JZ_TOKEN is not set/);
  });
});
