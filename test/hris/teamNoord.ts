import type { FakeEmployment, FakeYouForce } from './fakeYouForce';

/**
 * Team Noord (OU1) and the Jeugdzorgwerker's job profile (5521) in the fake YouForce: where the hires of the HRIS
 * tests work unless a test says otherwise. `manager` is the unit's manager's person code, when the test needs one.
 */
export function addTeamNoord(fake: FakeYouForce, manager?: string): void {
  fake.addOrgUnit({ id: 'OU1', shortName: 'AFD-NOORD', fullName: 'Team Noord', ...(manager ? { manager } : {}) });
  fake.addJobProfile({ id: '5521', shortName: 'JZW', fullName: 'Jeugdzorgwerker' });
}

/** An employment as a Jeugdzorgwerker in Team Noord; `extra` changes or adds to it. */
export function teamNoordEmployment(
  id: string,
  personCode: string,
  hireDate: string,
  extra: Partial<FakeEmployment> = {},
): FakeEmployment {
  return { id, personCode, hireDate, organizationUnit: 'OU1', jobProfile: '5521', ...extra };
}
