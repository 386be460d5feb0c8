import type { WorkAccountProvider } from '../../../../contracts/webAppSettings';
import { APP_BASE } from '../../appBase';

/** The page the identity provider sends the browser back to (registered as the client's redirect URI). */
export const SIGNED_IN_PATH = '/signed-in';

/** Which provider the sign-in in progress is with: the callback needs the same client settings. Public, per tab. */
const PROVIDER_KEY = 'soft-landing.work-account-provider';

export interface WorkAccountSignIn {
  readonly provider: WorkAccountProvider;
  /** For `Authorization: Bearer`: the API verifies it against the provider's keys (services/auth/oidcVerifier.ts). */
  readonly accessToken: string;
  readonly expiresAt: string;
  /** The page the person was on when asked to sign in (a link from a mail), to open once signed in. */
  readonly returnTo: string;
}

/**
 * oidc-client-ts, loaded only when someone signs in with a work account: the authorization code flow with PKCE
 * (S256; the verifier stays in this tab's sessionStorage), no client secret, no refresh token kept.
 */
async function userManagerFor(provider: WorkAccountProvider) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const store = new WebStorageStateStore({ store: window.sessionStorage, prefix: 'soft-landing.oidc.' });
  return new UserManager({
    authority: provider.issuer,
    client_id: provider.clientId,
    redirect_uri: `${window.location.origin}${APP_BASE}${SIGNED_IN_PATH}`,
    response_type: 'code',
    scope: provider.scopes,
    ...(provider.resource === undefined ? {} : { resource: provider.resource }),
    stateStore: store,
    userStore: store,
    // The API needs the access token only; who the person is, it says itself (GET /session).
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });
}

/** Leaves the page for the provider's sign-in; `returnTo` is a page path of the app. */
export async function startWorkAccountSignIn(provider: WorkAccountProvider, returnTo: string): Promise<void> {
  sessionStorage.setItem(PROVIDER_KEY, JSON.stringify(provider));
  const manager = await userManagerFor(provider);
  await manager.signinRedirect({ state: { returnTo } });
}

/** On the redirect URI: trades the code (with the PKCE verifier) for the tokens. Throws when there is nothing to complete. */
export async function completeWorkAccountSignIn(): Promise<WorkAccountSignIn> {
  const stored = sessionStorage.getItem(PROVIDER_KEY);
  if (!stored) throw new Error('no work-account sign-in in progress in this tab');
  const provider = JSON.parse(stored) as WorkAccountProvider;
  const manager = await userManagerFor(provider);
  const user = await manager.signinRedirectCallback();
  sessionStorage.removeItem(PROVIDER_KEY);
  // The session keeps the token itself (session.tsx); the library's copy is not needed any more.
  await manager.removeUser();
  const state = user.state as { returnTo?: unknown } | undefined;
  const returnTo =
    typeof state?.returnTo === 'string' && state.returnTo.startsWith('/') && !state.returnTo.startsWith('//')
      ? state.returnTo
      : '/';
  const expiresAt = new Date((user.expires_at ?? Math.floor(Date.now() / 1000) + 300) * 1000).toISOString();
  return { provider, accessToken: user.access_token, expiresAt, returnTo };
}
