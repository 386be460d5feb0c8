/**
 * `GET /app/settings.json`: what the web app learns from the server that serves it, before anyone signs in.
 * Public by nature (a browser is told it without credentials), outside the API contract because it describes the
 * app's own start-up, not an operation; the API (services/api/webAppRouter.ts) and the app (web/) share this type.
 */
export interface WebAppSettings {
  /** SOFT_LANDING_AUTH_MODE=dev: the sign-in page offers the role picker. */
  readonly devMode: boolean;
  /** The identity providers of OIDC_PROVIDERS that have a `clientId` for the web app, one sign-in button each. */
  readonly workAccounts: readonly WorkAccountProvider[];
}

/** What a browser needs for the authorization code flow with PKCE at one provider: nothing secret. */
export interface WorkAccountProvider {
  /** The OIDC issuer (`authority`); its discovery document names the endpoints. */
  readonly issuer: string;
  /** The web app's public client at that provider (no secret: PKCE instead). */
  readonly clientId: string;
  /** Space-separated scopes asked for; the access token that comes back is for the API's audience. */
  readonly scopes: string;
  /** RFC 8707 resource indicator, for providers that bind an access token's audience that way. */
  readonly resource?: string;
  /** Shown on the button, e.g. the organisation's name. */
  readonly displayName: string;
}
