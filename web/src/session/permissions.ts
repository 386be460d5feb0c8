import { PERMISSIONS, type TenantOperation } from '../../../services/auth/permissions';
import type { Role } from '../api/schemas';

/**
 * Whether the permission table (services/auth/permissions.ts, the API's own) grants the role the operation at all:
 * pages offer only what the API would do for this person. The API still decides; this only hides what it would refuse.
 */
export function mayDo(role: Role, operation: TenantOperation): boolean {
  return PERMISSIONS[operation][role] !== undefined;
}

/** Whether the role is granted the operation for everyone (`any`), not only for what is its own. */
export function mayDoForAll(role: Role, operation: TenantOperation): boolean {
  return PERMISSIONS[operation][role] === 'any';
}
