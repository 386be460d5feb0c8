import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { type MagicLinks, MagicLinkRefused } from '../auth/magicLinks';
import { jsonBodies } from '../http/jsonBodies';
import { Problem } from '../problems/problem';
import type { RequestValidator } from '../http/requestValidator';

type Schemas = components['schemas'];

const REFUSALS = {
  invalid: () => new Problem(401, 'magic-link-invalid'),
  expired: () => new Problem(410, 'magic-link-expired'),
  used: () => new Problem(410, 'magic-link-used'),
} as const;

/**
 * `POST /sessions/magic-link`: the link is the credential, so this route sits before authentication. A link that
 * is refused opens nothing and stores nothing; a redeemed one cannot be redeemed again.
 */
export function magicLinkRouter(deps: { magicLinks?: MagicLinks; validator: RequestValidator }): Router {
  const router = Router();
  router.post(
    '/sessions/magic-link',
    ...jsonBodies(),
    deps.validator.middleware('redeemMagicLink'),
    async (req, res, next) => {
      const { token } = req.body as Schemas['MagicLinkRedemption'];
      if (!deps.magicLinks) return next(REFUSALS.invalid());
      try {
        const session = await deps.magicLinks.redeem(token);
        res.setHeader('Cache-Control', 'no-store');
        res.status(201).json({
          token: session.token,
          expiresAt: session.expiresAt,
          organisationId: session.organisationId,
          personRef: session.personRef,
          role: session.role,
          purpose: session.purpose,
          hireId: session.hireId,
        } satisfies Schemas['MagicLinkSession']);
      } catch (error) {
        next(error instanceof MagicLinkRefused ? REFUSALS[error.reason]() : error);
      }
    },
  );
  return router;
}
