// The setting's shape and parser live beside config.ts (the bottom layer); services/auth/oidcVerifier.ts checks tokens against them.
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
  /**
   * How an access token is told from the provider's other tokens (an ID token is signed by the same keys for the
   * same audience when the audience is the client id). `at+jwt` (default): the RFC 9068 header `typ: at+jwt`, as
   * standard providers set it. `entra`: Entra ID writes `typ: JWT` on every token; its access tokens for a person
   * carry the delegated scopes in `scp`, its ID tokens never do.
   */
  readonly accessTokenType?: 'at+jwt' | 'entra';
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
      if (typeof provider?.[field] !== 'string' || provider[field] === '')
        throw new Error(`OIDC_PROVIDERS[${index}].${field} is required`);
    }
    return provider as OidcProvider;
  });
}
