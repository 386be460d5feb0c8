import { type JWTPayload, createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import type { WorkAccountProvider } from '../../contracts/webAppSettings';
import type { OidcProvider } from '../shared/oidcProviders';
import type { Principal } from './principal';
import { type Role, isRole } from './roles';

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
    super(`identity provider ${issuer} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'IdentityProviderUnavailable';
  }
}

/** Discovery is read again after this long: a provider may move its keys to another jwks_uri. */
export const DISCOVERY_MAX_AGE_MS = 60 * 60 * 1000;

const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/; // contracts/openapi.yaml's Identifier

/** Verifies OIDC access tokens against each issuer's published keys (JWKS), with `jose`. */
export class OidcVerifier {
  private readonly providers = new Map<
    string,
    { provider: OidcProvider; keys?: { uri: string; set: ReturnType<typeof createRemoteJWKSet> } }
  >();
  private readonly discovered = new Map<string, { uri: Promise<string>; at: number }>();
  private readonly now: () => number;
  private readonly discoveryMaxAgeMs: number;

  constructor(providers: readonly OidcProvider[], options: { now?: () => number; discoveryMaxAgeMs?: number } = {}) {
    this.now = options.now ?? Date.now;
    this.discoveryMaxAgeMs = options.discoveryMaxAgeMs ?? DISCOVERY_MAX_AGE_MS;
    for (const provider of providers) {
      if (!provider.organisationId === !provider.organisationClaim) {
        throw new Error(`OIDC provider ${provider.issuer}: give exactly one of organisationId and organisationClaim`);
      }
      if (provider.jwksUri !== undefined && !isTrustworthyKeysUri(provider.jwksUri)) {
        throw new Error(
          `OIDC provider ${provider.issuer}: jwksUri must be https (http only on this machine's loopback)`,
        );
      }
      if (
        provider.accessTokenType !== undefined &&
        provider.accessTokenType !== 'at+jwt' &&
        provider.accessTokenType !== 'entra'
      ) {
        throw new Error(`OIDC provider ${provider.issuer}: accessTokenType must be "at+jwt" or "entra"`);
      }
      this.providers.set(provider.issuer, { provider });
    }
  }

  /**
   * The issuer's jwks_uri from its discovery document, which must name this very issuer (OpenID Connect Discovery
   * §4.3) and keys over https; read again once it is DISCOVERY_MAX_AGE_MS old. A failed discovery is tried again on
   * the next token, not remembered.
   */
  private discoverJwksUri(issuer: string): Promise<string> {
    const known = this.discovered.get(issuer);
    if (known && this.now() - known.at < this.discoveryMaxAgeMs) return known.uri;
    const uri = (async () => {
      const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new TokenRefused(`discovery of ${issuer} answered ${response.status}`);
      const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (document.issuer !== issuer)
        throw new TokenRefused(`discovery of ${issuer} names another issuer: ${String(document.issuer)}`);
      if (typeof document.jwks_uri !== 'string') throw new TokenRefused(`discovery of ${issuer} names no jwks_uri`);
      if (!isTrustworthyKeysUri(document.jwks_uri))
        throw new TokenRefused(`discovery of ${issuer} names a jwks_uri that is not https: ${document.jwks_uri}`);
      return document.jwks_uri;
    })();
    this.discovered.set(issuer, { uri, at: this.now() });
    uri.catch(() => {
      if (this.discovered.get(issuer)?.uri === uri) this.discovered.delete(issuer);
    });
    return uri;
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
      const uri = provider.jwksUri ?? (await this.discoverJwksUri(provider.issuer));
      if (entry.keys?.uri !== uri) entry.keys = { uri, set: createRemoteJWKSet(new URL(uri)) };
      const entra = provider.accessTokenType === 'entra';
      ({ payload } = await jwtVerify(token, entry.keys.set, {
        issuer: provider.issuer,
        audience: provider.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: entra ? ['exp', 'sub', 'scp'] : ['exp', 'sub'],
        clockTolerance: 30,
        // RFC 9068 §4: an access token says so in its header (jose also takes `application/at+jwt`).
        ...(entra ? {} : { typ: 'at+jwt' }),
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

/** https, or http to this machine itself (a provider run beside the API in development and tests). */
function isTrustworthyKeysUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
