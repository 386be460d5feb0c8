import type { Request, RequestHandler } from 'express';
import type { ApiKeys } from '../auth/apiKeys';
import { apiKeyIdOf, looksLikeApiKey } from '../auth/apiKeyStore';
import { type FailedAuthentications, TooManyFailedAuthentications } from '../auth/failedAuthentications';
import { IdentityProviderUnavailable, type OidcVerifier, TokenRefused } from '../auth/oidcVerifier';
import { type MagicLinks, looksLikeMagicLinkSession } from '../auth/magicLinks';
import { type Principal, setPrincipal } from '../auth/principal';
import { ROLES, type Role, isRole } from '../auth/roles';
import type { Logger } from '../shared/logger';
import { Problem, preferredLanguage } from '../problems/problem';

export const ORGANISATION_HEADER = 'X-Organisation-Id';
/** Dev mode only: the role(s) and person a request plays, in place of credentials. */
export const DEV_ROLE_HEADER = 'X-Role';
export const DEV_PERSON_HEADER = 'X-Person-Ref';

export interface AuthenticationOptions {
  readonly apiKeys: ApiKeys;
  readonly oidc?: OidcVerifier;
  /** Sessions opened by a magic link (services/auth/magicLinks.ts): one person in one role, for hours. */
  readonly magicLinks?: MagicLinks;
  /**
   * Local development without an identity provider: a request without credentials acts for the organisation in
   * X-Organisation-Id, as the roles in X-Role (default admin) and the person in X-Person-Ref. Off unless
   * SOFT_LANDING_AUTH_MODE=dev; credentials that are sent are still checked.
   */
  readonly devMode: boolean;
  /** Slows down clients whose credentials keep being refused (429 with Retry-After); unset: never. */
  readonly failedAuthentications?: FailedAuthentications;
  readonly logger: Logger;
}

/**
 * Mounted before every tenant route: establishes who is asking (401 otherwise) and that they act for their own
 * organisation (403 otherwise), before any body is parsed.
 */
export function authentication(options: AuthenticationOptions): RequestHandler {
  const limiter = options.failedAuthentications;
  return (req, res, next) => {
    // req.ip: the socket's address, or the client's as a trusted proxy reports it (TRUST_PROXY).
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const checked = limiter
      ? limiter.refuseWhileBlocked(address).then(() => principalFor(req, options))
      : principalFor(req, options);
    checked
      .then((principal) => {
        const claimed = req.header(ORGANISATION_HEADER);
        if (claimed !== undefined && claimed !== principal.organisationId) {
          throw new Problem(403, 'organisation-forbidden', { organisationId: claimed });
        }
        setPrincipal(req, principal);
      })
      .then(
        () => next(),
        async (error: unknown) => {
          if (error instanceof Problem && error.status === 401) {
            try {
              await limiter?.recordRefusal(address, apiKeyIdOf(bearerToken(req) ?? ''));
            } catch (tooMany) {
              if (tooMany instanceof TooManyFailedAuthentications) return next(tooManyProblem(tooMany));
              return next(tooMany);
            }
            // RFC 6750 §3.1: an error code only for a Bearer token that was refused, not for another scheme (Basic…).
            const bearerSent = /^Bearer(\s|$)/i.test(req.header('Authorization') ?? '');
            res.setHeader(
              'WWW-Authenticate',
              `Bearer realm="soft-landing"${bearerSent ? ', error="invalid_token"' : ''}`,
            );
          }
          next(error instanceof TooManyFailedAuthentications ? tooManyProblem(error) : error);
        },
      );
  };
}

function tooManyProblem(error: TooManyFailedAuthentications): Problem {
  const seconds = String(error.retryAfterSeconds);
  return new Problem(429, 'too-many-failed-authentications', { seconds }, undefined, { 'Retry-After': seconds });
}

function bearerToken(req: Request): string | undefined {
  return /^Bearer[ ]+([^\s]+)$/i.exec(req.header('Authorization') ?? '')?.[1];
}

async function principalFor(req: Request, options: AuthenticationOptions): Promise<Principal> {
  const authorization = req.header('Authorization');
  if (authorization === undefined) {
    if (options.devMode) return devPrincipal(req);
    throw new Problem(401, 'unauthenticated');
  }
  const token = bearerToken(req);
  if (!token) throw new Problem(401, 'unauthenticated');
  if (looksLikeApiKey(token)) {
    const principal = await Promise.resolve()
      .then(() => options.apiKeys.authenticate(token))
      .catch((error: unknown) => {
        // A shared key store (PostgreSQL) that does not answer is an outage to retry, not a wrong key.
        options.logger.warn({ err: error }, 'API-sleutelopslag niet bereikbaar');
        throw new Problem(503, 'key-store-unavailable');
      });
    if (!principal) throw new Problem(401, 'unauthenticated');
    return principal;
  }
  if (looksLikeMagicLinkSession(token)) {
    const principal = options.magicLinks?.authenticate(token);
    if (!principal) throw new Problem(401, 'unauthenticated');
    return principal;
  }
  if (!options.oidc?.configured) throw new Problem(401, 'unauthenticated');
  try {
    return await options.oidc.authenticate(token);
  } catch (error) {
    if (error instanceof IdentityProviderUnavailable) {
      options.logger.warn({ err: error }, 'identiteitsprovider niet bereikbaar');
      throw new Problem(503, 'identity-provider-unavailable');
    }
    if (!(error instanceof TokenRefused)) throw error;
    // Why goes to the log only: a client probing tokens learns nothing from the answer.
    options.logger.info({ reason: error.message, path: req.path }, 'bearer-token geweigerd');
    throw new Problem(401, 'unauthenticated');
  }
}

function devPrincipal(req: Request): Principal {
  const named = (req.header(DEV_ROLE_HEADER) ?? 'admin').split(',').map((role) => role.trim());
  const unknown = named.filter((role) => !isRole(role));
  if (unknown.length > 0 || named.length === 0) {
    const detail =
      preferredLanguage(req) === 'en'
        ? `must be one or more of: ${ROLES.join(', ')}`
        : `moet een of meer zijn van: ${ROLES.join(', ')}`;
    throw new Problem(400, 'invalid-request', {}, [{ pointer: `header:${DEV_ROLE_HEADER}`, detail }]);
  }
  const roles = named as Role[];
  const personRef = req.header(DEV_PERSON_HEADER);
  return {
    // Left for the request validator to refuse when missing, like any request without its organisation.
    organisationId: req.header(ORGANISATION_HEADER) ?? '',
    roles,
    ...(personRef ? { personRef } : {}),
    actor: personRef ? `person:${personRef}` : `dev-mode:${roles.join('+')}`,
    via: 'dev-mode',
  };
}
