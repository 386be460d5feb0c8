import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { principalOf } from '../auth/principal';
import type { OperationGuard } from './operationGuard';
import { Problem } from '../problems/problem';

/**
 * `GET /session`: who the credentials are for, as authentication established it. The web app asks this after an
 * OIDC sign-in instead of reading the identity provider's token, whose claims are the API's to interpret.
 */
export function sessionRouter(deps: { guard: OperationGuard }): Router {
  const router = Router();
  router.get('/session', deps.guard.middleware('getSession'), (req, res) => {
    const { organisationId, roles, personRef, via } = principalOf(req);
    // Dev mode names its organisation by header only; without one there is nobody to describe.
    if (organisationId === '') {
      const detail =
        req.acceptsLanguages('nl', 'en') === 'en' ? 'is required in dev mode' : 'is verplicht in dev-modus';
      throw new Problem(400, 'invalid-request', {}, [{ pointer: 'header:X-Organisation-Id', detail }]);
    }
    res.set('Cache-Control', 'no-store').json({
      organisationId,
      roles: [...roles],
      ...(personRef === undefined ? {} : { personRef }),
      via,
    } satisfies components['schemas']['CurrentSession']);
  });
  return router;
}
