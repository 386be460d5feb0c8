import type { Request } from 'express';
import type { Role } from './roles';

/** Who is asking, as authentication established it: one organisation, one or more roles. */
export interface Principal {
  readonly organisationId: string;
  readonly roles: readonly Role[];
  /** The person's reference in the HR system (a new hire's is their hire id): what personal roles are scoped by. */
  readonly personRef?: string;
  /** How the caller is named on the audit trail: a key id or a person reference, never a name. */
  readonly actor: string;
  readonly via: 'api-key' | 'oidc' | 'dev-mode' | 'magic-link';
}

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/** Every tenant route runs after authentication; a route without a principal is a wiring mistake. */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal)
    throw new Error(`no principal for ${req.method} ${req.path}: authentication is not mounted before this route`);
  return principal;
}

/** The organisation a request acts for: the caller's, never merely what a header claims. */
export function organisationOf(req: Request): string {
  return principalOf(req).organisationId;
}
