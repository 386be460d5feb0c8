import type { Request } from 'express';
import { organisationOf } from '../auth/principal';
import type { CommandRequest } from './journeyCommands';

/**
 * Whose journey a `/hires/:hireId/...` command is for, and its Idempotency-Key: the routers that send commands
 * read it alike. The key is a required header in the contract, so the request validator has refused its absence.
 */
export function commandRequest(req: Request): CommandRequest {
  return {
    organisationId: organisationOf(req),
    hireId: (req.params as { hireId: string }).hireId,
    idempotencyKey: req.header('Idempotency-Key')!,
  };
}
