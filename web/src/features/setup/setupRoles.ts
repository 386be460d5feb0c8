import type { Role } from '../../api/schemas';

/**
 * The web app's reading of the permission table (services/auth/permissions.ts, the README's "Wie mag wat") for
 * the set-up pages: who sees a page, and who gets its forms. The API decides in the end; this only keeps people
 * from being offered what would be refused.
 */
export const SETUP_SECTIONS = {
  templates: {
    readers: ['hr-advisor', 'recruiter', 'manager', 'auditor', 'admin', 'hr-system'],
    writers: ['hr-advisor', 'admin'],
  },
  profiles: {
    readers: ['hr-advisor', 'recruiter', 'manager', 'auditor', 'admin', 'hr-system'],
    writers: ['hr-advisor', 'recruiter', 'admin'],
  },
  mentors: { readers: ['hr-advisor', 'manager', 'auditor', 'admin'], writers: ['hr-advisor', 'admin'] },
  mailboxes: { readers: ['hr-advisor', 'admin'], writers: ['hr-advisor', 'admin'] },
  webhooks: { readers: ['auditor', 'admin'], writers: ['admin'] },
  apiKeys: { readers: ['auditor', 'admin'], writers: ['admin'] },
} as const satisfies Record<string, { readers: readonly Role[]; writers: readonly Role[] }>;
export type SetupSection = keyof typeof SETUP_SECTIONS;

export const canRead = (section: SetupSection, role: Role): boolean =>
  (SETUP_SECTIONS[section].readers as readonly Role[]).includes(role);
export const canWrite = (section: SetupSection, role: Role): boolean =>
  (SETUP_SECTIONS[section].writers as readonly Role[]).includes(role);
