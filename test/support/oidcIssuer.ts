import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';

/** The audience the local issuer's tokens carry unless a test says otherwise. */
export const TEST_AUDIENCE = 'api://soft-landing-test';

export interface SignOptions {
  /** Sign with this key (default: the current signing key); it need not be published. */
  readonly kid?: string;
  /** Seconds from now until `exp` (negative: already expired). Default 300. */
  readonly expiresIn?: number;
  /** Seconds from now of `nbf`; unset: no `nbf`. */
  readonly notBefore?: number;
  /** Claims to leave out of the token altogether, e.g. `['sub']`. */
  readonly without?: readonly string[];
  /** The header's `typ`; default `at+jwt` (RFC 9068), e.g. `JWT` for an ID token or an Entra ID token. */
  readonly typ?: string;
}

interface IssuerKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly publicKey: CryptoKey;
}

/**
 * A real OpenID provider for tests, as the verifier meets one in production: an HTTP server publishing
 * `/.well-known/openid-configuration` and a JWKS of RS256 keys, which signs access tokens with its private keys.
 * The issuer has a path (like Entra ID's `/<tenant>/v2.0` or Keycloak's `/realms/<realm>`), so discovery is
 * exercised as a suffix of the issuer, not of the host.
 */
export class LocalOidcIssuer {
  /** How often each document was fetched: shows when the verifier went back to the issuer and when it cached. */
  readonly fetches = { discovery: 0, jwks: 0 };
  /** Fields the discovery document says instead of the true ones (a misconfigured or hostile provider). */
  discoveryOverrides: Record<string, unknown> = {};
  private readonly keys = new Map<string, IssuerKey>();
  private readonly published = new Set<string>();
  private signingKid = '';

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    readonly jwksUri: string,
  ) {}

  static async start(): Promise<LocalOidcIssuer> {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const issuer = new LocalOidcIssuer(
      server,
      `${origin}/realms/soft-landing`,
      `${origin}/realms/soft-landing/protocol/keys`,
    );
    handler = (req, res) => issuer.serve(req, res);
    issuer.signingKid = await issuer.addKey();
    return issuer;
  }

  /** The kid tokens are signed with unless `sign` is told another. */
  get currentKid(): string {
    return this.signingKid;
  }

  /** A new RS256 key pair; published in the JWKS unless `publish: false` (a key the verifier must not trust). */
  async addKey(options: { publish?: boolean } = {}): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = `key-${randomUUID().slice(0, 8)}`;
    this.keys.set(kid, {
      kid,
      privateKey,
      publicKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    });
    if (options.publish ?? true) this.published.add(kid);
    return kid;
  }

  /** Key rollover as issuers do it: publish a new key and sign with it from now on; the old one stays published. */
  async rotate(): Promise<string> {
    this.signingKid = await this.addKey();
    return this.signingKid;
  }

  /** Takes a key out of the JWKS (its tokens then verify nowhere that fetches the JWKS again). */
  unpublish(kid: string): void {
    this.published.delete(kid);
  }

  /** The public key as PEM: what an attacker has, e.g. to try it as an HS256 secret. */
  publicKeyPem(kid: string = this.signingKid): Promise<string> {
    return exportSPKI(this.key(kid).publicKey);
  }

  /** The claims a token of this issuer carries: iss, aud, sub, iat, exp by default, overridden or extended by `claims`. */
  claims(claims: JWTPayload = {}, options: Pick<SignOptions, 'expiresIn' | 'notBefore' | 'without'> = {}): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      iss: this.issuer,
      aud: TEST_AUDIENCE,
      sub: `subject-${randomUUID()}`,
      iat: now,
      exp: now + (options.expiresIn ?? 300),
      ...(options.notBefore === undefined ? {} : { nbf: now + options.notBefore }),
      ...claims,
    };
    for (const claim of options.without ?? []) delete payload[claim];
    return payload;
  }

  /** An RS256 access token with the default claims plus `claims` (e.g. roles, organisation, person_ref). */
  sign(claims: JWTPayload = {}, options: SignOptions = {}): Promise<string> {
    const key = this.key(options.kid ?? this.signingKid);
    return new SignJWT(this.claims(claims, options))
      .setProtectedHeader({ alg: 'RS256', typ: options.typ ?? 'at+jwt', kid: key.kid })
      .sign(key.privateKey);
  }

  async close(): Promise<void> {
    // fetch keeps connections alive; without this close() would wait for them to time out.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private key(kid: string): IssuerKey {
    const key = this.keys.get(kid);
    if (!key) throw new Error(`the local issuer has no key ${kid}`);
    return key;
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.issuer).pathname;
    if (req.method === 'GET' && path === `${new URL(this.issuer).pathname}/.well-known/openid-configuration`) {
      this.fetches.discovery += 1;
      json(res, {
        issuer: this.issuer,
        jwks_uri: this.jwksUri,
        authorization_endpoint: `${this.issuer}/protocol/auth`,
        token_endpoint: `${this.issuer}/protocol/token`,
        response_types_supported: ['code'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        ...this.discoveryOverrides,
      });
      return;
    }
    if (req.method === 'GET' && path === new URL(this.jwksUri).pathname) {
      this.fetches.jwks += 1;
      json(res, { keys: [...this.published].map((kid) => this.key(kid).publicJwk) });
      return;
    }
    res.writeHead(404).end();
  }
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
