import type { RequestHandler } from 'express';
import type { TenantOperation } from '../auth/permissions';
import type { RequestValidator } from '../http/requestValidator';

/**
 * What stands before every tenant route, by its operationId in contracts/openapi.yaml: first may this caller do
 * it at all (403/404), then is the request what the contract says (400). In that order, so a caller without the
 * right learns nothing from validation errors.
 */
export class OperationGuard {
  constructor(
    private readonly validator: RequestValidator,
    private readonly authorize: (operation: TenantOperation) => RequestHandler,
  ) {}

  middleware(operation: TenantOperation): RequestHandler {
    const authorize = this.authorize(operation);
    const validate = this.validator.middleware(operation);
    return (req, res, next) =>
      authorize(req, res, (error?: unknown) => (error ? next(error) : validate(req, res, next)));
  }
}
