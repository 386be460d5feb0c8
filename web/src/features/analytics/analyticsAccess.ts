import type { Role } from '../../api/schemas';

/** Who sees what, as services/auth/permissions.ts grants it: recruiters see cohort retention only. */
export const COHORT_ROLES: readonly Role[] = ['hr-advisor', 'recruiter', 'auditor', 'admin'];
export const ANALYTICS_ROLES: readonly Role[] = ['hr-advisor', 'auditor', 'admin'];

export function formatShare(value: number | null | undefined, language: 'nl' | 'en', unknown: string): string {
  if (value === null || value === undefined) return unknown;
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(value);
}

export function formatEuros(value: number, language: 'nl' | 'en'): string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(value);
}
