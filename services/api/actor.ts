import type { Request } from 'express';

/**
 * Who gives a command, for the audit trail. Until authentication lands the organisation header is the only
 * thing known of the caller; this is the one place that will change when it does.
 */
export function actorOf(_req: Request): string {
  return 'api-client:unauthenticated';
}
