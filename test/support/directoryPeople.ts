/** The people the directory suites store, find and erase: two colleagues of one organisation. */
export const DIRECTORY_ORGANISATION = 'jeugdzorg-west';

export const FATIMA = {
  organisationId: DIRECTORY_ORGANISATION,
  personRef: 'h-0042',
  displayName: 'Fatima el Amrani',
  email: 'fatima.elamrani@example.nl',
  language: 'nl' as const,
};

export const DAAN = { ...FATIMA, personRef: 'h-0043', displayName: 'Daan de Vries', email: 'daan@example.nl' };
