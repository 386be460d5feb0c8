import type { Request, RequestHandler } from 'express';
import { Problem, preferredLanguage } from './problem';

/**
 * Roles, provisionally: until authentication lands (a later issue) a request names its role in the `X-Role`
 * header. The one role so far is `auditor`: it may read and export everything an API client can, but change
 * nothing — every request with another method than GET (or HEAD) is refused with 403 before any router sees it.
 * When authentication comes, the role comes from the credentials and this header goes.
 */
export const ROLE_HEADER = 'X-Role';
export const ROLES = ['auditor'] as const;
export type Role = (typeof ROLES)[number];

const READ_METHODS = new Set(['GET', 'HEAD']);

export function roleOf(req: Request): Role | undefined {
  const role = req.header(ROLE_HEADER);
  return (ROLES as readonly string[]).includes(role ?? '') ? (role as Role) : undefined;
}

/** Mounted before every router: read-only roles never reach a command. */
export const readOnlyRoles: RequestHandler = (req, _res, next) => {
  const claimed = req.header(ROLE_HEADER);
  if (claimed === undefined) return next();
  const role = roleOf(req);
  if (!role) {
    const detail = preferredLanguage(req) === 'en' ? `must be one of: ${ROLES.join(', ')}` : `moet een van deze zijn: ${ROLES.join(', ')}`;
    return next(new Problem(400, 'invalid-request', {}, [{ pointer: `header:${ROLE_HEADER}`, detail }]));
  }
  if (!READ_METHODS.has(req.method)) return next(new Problem(403, 'read-only-role', { role }));
  next();
};
