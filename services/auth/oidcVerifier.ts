import { type JWTPayload, createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import type { WorkAccountProvider } from '../../contracts/webAppSettings';
import type { Principal } from './principal';
import { type Role, isRole } from './roles';

/**
 * One identity provider whose access tokens the API accepts (e.g. an organisation's Entra ID tenant).
 * Configured in OIDC_PROVIDERS as a JSON array of these.
 */
export interface OidcProvider {
  /** Exactly the token's `iss`, e.g. `https://login.microsoftonline.com/<tenant id>/v2.0`. */
  readonly issuer: string;
  /** The token's `aud` must be (or contain) this: the API's application id URI or client id. */
  readonly audience: string;
  /** Unset: read from the issuer's `/.well-known/openid-configuration`. */
  readonly jwksUri?: string;
  /** Every token of this issuer acts for this organisation (one Entra tenant per organisation)… */
  readonly organisationId?: string;
  /** …or the organisation is named by this claim of the token. */
  readonly organisationClaim?: string;
  /** The claim listing the caller's roles (Entra ID app roles: `roles`). Unknown role names are ignored. */
  readonly rolesClaim?: string;
  /** The claim holding the person's reference in the HR system, needed for manager, mentor and new-hire roles. */
  readonly personRefClaim?: string;
  /**
   * The web app's public client at this provider (authorization code + PKCE, no secret). Set: the sign-in page offers
   * this provider ("Aanmelden met je werkaccount"); unset: its tokens are accepted, nobody signs in through the app.
   */
  readonly clientId?: string;
  /** Scopes the web app asks for (default `openid`), e.g. Entra ID's `openid api://soft-landing/access_as_user`. */
  readonly scopes?: string;
  /** RFC 8707 `resource` the web app sends, for providers that give an access token its audience that way. */
  readonly resource?: string;
  /** On the sign-in button; default the issuer's host. */
  readonly displayName?: string;
}

/** Why a bearer token was refused: logged, never sent (the client learns only that it was refused). */
export class TokenRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRefused';
  }
}

/** The identity provider could not be reached (connection refused, timeout): not the caller's fault, worth a retry. */
export class IdentityProviderUnavailable extends Error {
  constructor(issuer: string, cause: unknown) {
    super(`identity provider ${issuer} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'IdentityProviderUnavailable';
  }
}

const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/; // contracts/openapi.yaml's Identifier

/** Verifies OIDC access tokens against each issuer's published keys (JWKS), with `jose`. */
export class OidcVerifier {
  private readonly providers = new Map<string, { provider: OidcProvider; keys?: ReturnType<typeof createRemoteJWKSet> }>();

  constructor(providers: readonly OidcProvider[]) {
    for (const provider of providers) {
      if (!provider.organisationId === !provider.organisationClaim) {
        throw new Error(`OIDC provider ${provider.issuer}: give exactly one of organisationId and organisationClaim`);
      }
      this.providers.set(provider.issuer, { provider });
    }
  }

  get configured(): boolean {
    return this.providers.size > 0;
  }

  /** The providers people sign in with in the web app, as much of them as a browser needs (nothing secret). */
  workAccounts(): WorkAccountProvider[] {
    return [...this.providers.values()].flatMap(({ provider }) =>
      provider.clientId === undefined
        ? []
        : [
            {
              issuer: provider.issuer,
              clientId: provider.clientId,
              scopes: provider.scopes ?? 'openid',
              ...(provider.resource === undefined ? {} : { resource: provider.resource }),
              displayName: provider.displayName ?? new URL(provider.issuer).host,
            },
          ],
    );
  }

  async authenticate(token: string): Promise<Principal> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new TokenRefused('not a JWT');
    }
    const entry = issuer === undefined ? undefined : this.providers.get(issuer);
    if (!entry) throw new TokenRefused(`unknown issuer ${String(issuer)}`);
    const { provider } = entry;
    let payload: JWTPayload;
    try {
      entry.keys ??= createRemoteJWKSet(new URL(provider.jwksUri ?? (await discoverJwksUri(provider.issuer))));
      ({ payload } = await jwtVerify(token, entry.keys, {
        issuer: provider.issuer,
        audience: provider.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw new IdentityProviderUnavailable(provider.issuer, error);
      if (error instanceof errors.JOSEError) throw new TokenRefused(`${error.code}: ${error.message}`);
      if (error instanceof TokenRefused) throw error;
      // fetch() failing outright (connection refused, DNS, discovery timeout): the provider is away, the token may be fine.
      throw new IdentityProviderUnavailable(provider.issuer, error);
    }
    return principalOfClaims(provider, payload);
  }
}

function principalOfClaims(provider: OidcProvider, claims: JWTPayload): Principal {
  const organisationId = provider.organisationId ?? claims[provider.organisationClaim!];
  if (typeof organisationId !== 'string' || !IDENTIFIER.test(organisationId)) {
    throw new TokenRefused(`claim ${provider.organisationClaim} does not name an organisation`);
  }
  const roles = rolesOf(claims[provider.rolesClaim ?? 'roles']);
  if (roles.length === 0) throw new TokenRefused('the token carries none of the roles of this API');
  const personRef = claims[provider.personRefClaim ?? 'person_ref'];
  const person = typeof personRef === 'string' && IDENTIFIER.test(personRef) ? personRef : undefined;
  return {
    organisationId,
    roles,
    ...(person === undefined ? {} : { personRef: person }),
    // A person reference where there is one; else the subject, which Entra ID makes pairwise (no name, no mail).
    actor: person === undefined ? `oidc:${claims.sub}` : `person:${person}`,
    via: 'oidc',
  };
}

/** Entra ID sends app roles as an array; other providers a space- or comma-separated string. */
function rolesOf(claim: unknown): Role[] {
  const names = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  return [...new Set(names.filter(isRole))];
}

const discovered = new Map<string, Promise<string>>();

function discoverJwksUri(issuer: string): Promise<string> {
  let uri = discovered.get(issuer);
  if (!uri) {
    uri = (async () => {
      const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new TokenRefused(`discovery of ${issuer} answered ${response.status}`);
      const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
      if (typeof jwksUri !== 'string') throw new TokenRefused(`discovery of ${issuer} names no jwks_uri`);
      return jwksUri;
    })();
    discovered.set(issuer, uri);
    // A failed discovery is tried again on the next token, not remembered.
    uri.catch(() => discovered.delete(issuer));
  }
  return uri;
}

/** OIDC_PROVIDERS: a JSON array of providers; a mistake stops the service at start-up with the reason. */
export function parseOidcProviders(json: string | undefined): OidcProvider[] {
  if (json === undefined || json.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`OIDC_PROVIDERS is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error('OIDC_PROVIDERS must be a JSON array of providers');
  return parsed.map((entry: unknown, index) => {
    const provider = entry as Partial<OidcProvider>;
    for (const field of ['issuer', 'audience'] as const) {
      if (typeof provider?.[field] !== 'string' || provider[field] === '') throw new Error(`OIDC_PROVIDERS[${index}].${field} is required`);
    }
    return provider as OidcProvider;
  });
}
