/**
 * A certified OpenID provider (the npm `oidc-provider`, ES modules only, hence its own process: Jest's CommonJS
 * runtime cannot load it) for the browser suites. It listens first and prints its issuer, so the API can be started
 * with it in OIDC_PROVIDERS; then it reads its clients and accounts from one line of stdin (the redirect URI names the
 * API's port, known only then) and prints `ready`. Started by test/support/certifiedOp.ts; never in production.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

interface Setup {
  readonly clients: readonly { readonly clientId: string; readonly redirectUri: string }[];
  /** Login name → the claims the access token carries for it (roles, organisation, person_ref…). */
  readonly accounts: Readonly<Record<string, Record<string, unknown>>>;
  /** The API's audience: the resource indicator access tokens are issued for, as JWTs. */
  readonly audience: string;
}

let handle: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined;
const server = createServer((req, res) => (handle ? handle(req, res) : res.writeHead(503).end()));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});

const lines = createInterface({ input: process.stdin });
lines.once('line', (line) => {
  configure(JSON.parse(line) as Setup).then(
    () => process.stdout.write(`${JSON.stringify({ ready: true })}\n`),
    (error: unknown) => {
      process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
      process.exit(1);
    },
  );
});
// The test ends: so does the provider.
lines.once('close', () => process.exit(0));

async function configure(setup: Setup): Promise<void> {
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: setup.clients.map((client) => ({
      client_id: client.clientId,
      redirect_uris: [client.redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      // A browser app: a public client, PKCE instead of a secret.
      token_endpoint_auth_method: 'none',
    })),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'op-key-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['soft-landing-test-cookie-key'] },
    pkce: { required: () => true },
    scopes: ['openid', 'api'],
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => setup.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== setup.audience) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'api',
            audience: setup.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    findAccount: (_ctx, id) => (setup.accounts[id] ? { accountId: id, claims: () => ({ sub: id }) } : undefined),
    extraTokenClaims: (_ctx, token) =>
      token.kind === 'AccessToken' && token.accountId ? setup.accounts[token.accountId] : undefined,
  });
  provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${String(error)}\n`));
  handle = provider.callback();
}
