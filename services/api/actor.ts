import type { Request } from 'express';
import { principalOf } from '../auth/principal';

/** Who gives a command, for the audit trail: an API key's id or a person reference, never a name. */
export function actorOf(req: Request): string {
  return principalOf(req).actor;
}
