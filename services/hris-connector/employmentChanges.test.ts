import { type DiffContext, type EmploymentFacts, diffEmployment, factsForToday, templateFor } from './employmentChanges';
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
const facts: EmploymentFacts = { remoteEmploymentId: '1', remotePersonId: 'P1', hireDate: '2026-06-01', dischargeDate: null };

describe('diffing one employment (pure)', () => {
  it('is a hire inside the window and not before it', () => {
    expect(diffEmployment(undefined, facts, context).changes.map((change) => change.id)).toEqual(['youforce:T1:employment:1:hire']);
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
    const terminated = diffEmployment({ facts, hireId: 'yf-1', revision: 1 }, { ...facts, dischargeDate: '2026-12-31' }, context);
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
    expect(templateFor({ ...facts, jobProfile: { id: '1', code: 'JZW' }, orgUnit: { id: 'OU' } }, templates)).toBe('jz');
    expect(templateFor({ ...facts, jobProfile: { id: '2' }, orgUnit: { id: 'OU' } }, templates)).toBe('ou');
    expect(templateFor(facts, templates)).toBe('d');
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
    const entry = { organisationId: 'jz', hris: 'afas', afas: { environmentId: '12345', tokenVariable: 'AFAS_JZ_TOKEN', employmentsConnector: 'E', personsConnector: 'P' } };
    expect(parseOrganisation(entry, { AFAS_JZ_TOKEN: 'abc' })).toMatchObject({
      pollIntervalMs: 15 * 60_000,
      afas: { token: 'abc', baseUrl: 'https://12345.rest.afas.online/profitrestservices' },
    });
    expect(() => parseOrganisation(entry, {})).toThrow(/AFAS_JZ_TOKEN is not set/);
  });
});
