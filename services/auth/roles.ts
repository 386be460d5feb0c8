/**
 * Who may do what is decided per role (services/auth/permissions.ts). Machine clients hold organisation-wide
 * roles; people may also hold personal ones, which reach only the hires they are someone to: the manager of,
 * the mentor of, or (as a new hire) themselves.
 */
export const ROLES = [
  'hr-system',
  'hr-advisor',
  'recruiter',
  'manager',
  'mentor',
  'new-hire',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see only the hires a person is related to, known by their person reference. */
export const PERSONAL_ROLES: readonly Role[] = ['manager', 'mentor', 'new-hire'];

/** Roles that read, and never change anything. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
