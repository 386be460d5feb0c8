import { SignJWT } from 'jose';
import {
  DISCOVERY_MAX_AGE_MS,
  IdentityProviderUnavailable,
  OidcVerifier,
  TokenRefused,
} from '../../services/auth/oidcVerifier';
import { type OidcProvider, parseOidcProviders } from '../../services/shared/oidcProviders';
import { loadConfig } from '../../services/shared/config';
import { LocalOidcIssuer, TEST_AUDIENCE } from '../support/oidcIssuer';

/**
 * The verifier against a real local OpenID provider over HTTP: keys come from its JWKS (or its discovery document),
 * tokens are signed by its private keys or forged the ways attackers forge them.
 */
describe('OIDC access token verification', () => {
  let issuer: LocalOidcIssuer;
  const extraIssuers: LocalOidcIssuer[] = [];

  beforeAll(async () => {
    issuer = await LocalOidcIssuer.start();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await Promise.all([issuer, ...extraIssuers].map((started) => started?.close()));
  });

  async function anotherIssuer(): Promise<LocalOidcIssuer> {
    const started = await LocalOidcIssuer.start();
    extraIssuers.push(started);
    return started;
  }

  /** One Entra-style tenant per organisation: every token of the issuer acts for `jeugdzorg-noord`. */
  const tenantOf = (of: LocalOidcIssuer, extra: Partial<OidcProvider> = {}): OidcProvider => ({
    issuer: of.issuer,
    audience: TEST_AUDIENCE,
    jwksUri: of.jwksUri,
    organisationId: 'jeugdzorg-noord',
    ...extra,
  });
  /** One provider for many organisations: the token names its organisation in the `org` claim. */
  const sharedOf = (of: LocalOidcIssuer, extra: Partial<OidcProvider> = {}): OidcProvider => ({
    issuer: of.issuer,
    audience: TEST_AUDIENCE,
    jwksUri: of.jwksUri,
    organisationClaim: 'org',
    ...extra,
  });

  /** Refused, for the reason given: a verifier that refused everything would otherwise pass every refusal test. */
  async function expectRefused(verifier: OidcVerifier, token: string, reason: RegExp): Promise<void> {
    const outcome = await verifier.authenticate(token).then(
      (principal) => principal,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(TokenRefused);
    expect((outcome as TokenRefused).message).toMatch(reason);
  }

  describe('a valid token', () => {
    it("acts for the provider's organisation, with the known roles and the person it names", async () => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      const token = await issuer.sign({
        roles: ['hr-advisor', 'superuser', 'ADMIN', 'hr-advisor', 'manager'],
        person_ref: 'p-0042',
      });

      expect(await verifier.authenticate(token)).toEqual({
        organisationId: 'jeugdzorg-noord',
        roles: ['hr-advisor', 'manager'],
        personRef: 'p-0042',
        actor: 'person:p-0042',
        via: 'oidc',
      });
    });

    it('takes the organisation from the organisation claim, and names a caller without person by its subject', async () => {
      const verifier = new OidcVerifier([sharedOf(issuer)]);
      const token = await issuer.sign({ org: 'jeugdzorg-zuid', roles: ['auditor'], sub: 'pairwise-7f3a' });

      expect(await verifier.authenticate(token)).toEqual({
        organisationId: 'jeugdzorg-zuid',
        roles: ['auditor'],
        actor: 'oidc:pairwise-7f3a',
        via: 'oidc',
      });
    });

    it('reads roles and person from the claims the provider names, roles also as a space- or comma-separated string', async () => {
      const verifier = new OidcVerifier([tenantOf(issuer, { rolesClaim: 'app_roles', personRefClaim: 'employee_id' })]);
      const token = await issuer.sign({
        app_roles: 'mentor, new-hire auditor',
        employee_id: 'e-17',
        roles: ['admin'],
        person_ref: 'p-ignored',
      });

      expect(await verifier.authenticate(token)).toMatchObject({
        roles: ['mentor', 'new-hire', 'auditor'],
        personRef: 'e-17',
        actor: 'person:e-17',
      });
    });

    it('ignores a person reference that is no identifier, rather than putting it on the audit trail', async () => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      const principal = await verifier.authenticate(
        await issuer.sign({ roles: ['manager'], person_ref: 'Jan de Vries <jan@example.test>', sub: 's-1' }),
      );
      expect(principal).not.toHaveProperty('personRef');
      expect(principal.actor).toBe('oidc:s-1');
    });
  });

  describe('refuses', () => {
    const roles = { roles: ['hr-advisor'] };

    it.each<[string, (of: LocalOidcIssuer) => Promise<string>, RegExp]>([
      [
        'an expired token (beyond the 30 s of clock skew allowed)',
        (of) => of.sign(roles, { expiresIn: -120 }),
        /ERR_JWT_EXPIRED/,
      ],
      ['a token not yet valid', (of) => of.sign(roles, { notBefore: 600 }), /ERR_JWT_CLAIM_VALIDATION_FAILED.*nbf/],
      [
        'a token for another audience',
        (of) => of.sign({ ...roles, aud: 'api://someone-else' }),
        /ERR_JWT_CLAIM_VALIDATION_FAILED.*aud/,
      ],
      ['a token without expiry', (of) => of.sign(roles, { without: ['exp'] }), /ERR_JWT_CLAIM_VALIDATION_FAILED.*exp/],
      ['a token without subject', (of) => of.sign(roles, { without: ['sub'] }), /ERR_JWT_CLAIM_VALIDATION_FAILED.*sub/],
      [
        "a token with none of this API's roles",
        (of) => of.sign({ roles: ['Global Administrator', 'reader'] }),
        /none of the roles/,
      ],
      ['a token without roles', (of) => of.sign({}), /none of the roles/],
      ['something that is not a JWT', async () => 'slk-looks-nothing-like-a-jwt', /not a JWT/],
    ])('%s', async (_case, tokenOf, reason) => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      await expectRefused(verifier, await tokenOf(issuer), reason);
      // The same verifier takes a proper token: what was refused was the token.
      await expect(verifier.authenticate(await issuer.sign(roles))).resolves.toMatchObject({
        organisationId: 'jeugdzorg-noord',
      });
    });

    it('a token of an issuer it was not told to trust, even one claiming a trusted issuer', async () => {
      const stranger = await anotherIssuer();
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      await expectRefused(verifier, await stranger.sign(roles), /unknown issuer/);
      // The stranger claims to be the trusted issuer; the trusted issuer's JWKS does not hold its key.
      await expectRefused(verifier, await stranger.sign({ ...roles, iss: issuer.issuer }), /ERR_JWKS_NO_MATCHING_KEY/);
      await expectRefused(verifier, await issuer.sign(roles, { without: ['iss'] }), /unknown issuer undefined/);
    });

    it('a token signed by a key the issuer does not publish, also when it names a published kid', async () => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      const unpublished = await issuer.addKey({ publish: false });
      await expectRefused(verifier, await issuer.sign(roles, { kid: unpublished }), /ERR_JWKS_NO_MATCHING_KEY/);

      const forged = await issuer.sign(roles, { kid: unpublished });
      const [, payload, signature] = forged.split('.');
      const header = base64url({ alg: 'RS256', typ: 'at+jwt', kid: issuer.currentKid });
      await expectRefused(verifier, `${header}.${payload}.${signature}`, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    });

    it('a properly signed token whose claims were changed afterwards', async () => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      const [header, , signature] = (await issuer.sign({ roles: ['mentor'] })).split('.');
      const escalated = base64url(issuer.claims({ roles: ['admin'] }));
      await expectRefused(verifier, `${header}.${escalated}.${signature}`, /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    });

    it('an unsigned token (alg: none)', async () => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      const payload = base64url(issuer.claims(roles));
      for (const header of [{ alg: 'none', typ: 'JWT' }, { alg: 'none', kid: issuer.currentKid }, { alg: 'None' }]) {
        await expectRefused(verifier, `${base64url(header)}.${payload}.`, /ERR_JOSE_ALG_NOT_ALLOWED|ERR_JWS_INVALID/);
      }
    });

    it("an HS256 token whose secret is the issuer's public key (algorithm confusion)", async () => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      const publicKey = new TextEncoder().encode(await issuer.publicKeyPem());
      const token = await new SignJWT(issuer.claims(roles))
        .setProtectedHeader({ alg: 'HS256', kid: issuer.currentKid })
        .sign(publicKey);
      await expectRefused(verifier, token, /ERR_JOSE_ALG_NOT_ALLOWED/);
    });

    it('a token that is not an access token: an ID token (typ JWT) of the same issuer for the same audience', async () => {
      const verifier = new OidcVerifier([tenantOf(issuer)]);
      await expectRefused(verifier, await issuer.sign(roles, { typ: 'JWT' }), /ERR_JWT_CLAIM_VALIDATION_FAILED.*typ/);
      await expectRefused(verifier, await issuer.sign(roles, { typ: 'id_token+jwt' }), /typ/);
      await expect(
        verifier.authenticate(await issuer.sign(roles, { typ: 'application/at+jwt' })),
      ).resolves.toMatchObject({ roles: ['hr-advisor'] });
    });

    it('for Entra ID (typ JWT on every token): a token without delegated scopes (scp), which ID tokens never carry', async () => {
      const verifier = new OidcVerifier([tenantOf(issuer, { accessTokenType: 'entra' })]);
      await expectRefused(verifier, await issuer.sign(roles, { typ: 'JWT' }), /ERR_JWT_CLAIM_VALIDATION_FAILED.*scp/);
      await expect(
        verifier.authenticate(await issuer.sign({ ...roles, scp: 'access_as_user' }, { typ: 'JWT' })),
      ).resolves.toMatchObject({ roles: ['hr-advisor'] });
    });

    it('a token of a shared provider that names no organisation, or no valid one', async () => {
      const verifier = new OidcVerifier([sharedOf(issuer)]);
      await expectRefused(verifier, await issuer.sign(roles), /claim org does not name an organisation/);
      await expectRefused(
        verifier,
        await issuer.sign({ ...roles, org: '../jeugdzorg-noord' }),
        /claim org does not name an organisation/,
      );
      await expectRefused(
        verifier,
        await issuer.sign({ ...roles, org: ['jeugdzorg-noord'] }),
        /claim org does not name an organisation/,
      );
      await expect(
        verifier.authenticate(await issuer.sign({ ...roles, org: 'jeugdzorg-noord' })),
      ).resolves.toMatchObject({ organisationId: 'jeugdzorg-noord' });
    });
  });

  describe("the issuer's keys", () => {
    it('are found through /.well-known/openid-configuration when no jwksUri is configured, and kept', async () => {
      const discovered = await anotherIssuer();
      const verifier = new OidcVerifier([
        { issuer: discovered.issuer, audience: TEST_AUDIENCE, organisationId: 'jeugdzorg-noord' },
      ]);

      for (let i = 0; i < 3; i += 1) {
        await expect(verifier.authenticate(await discovered.sign({ roles: ['auditor'] }))).resolves.toMatchObject({
          roles: ['auditor'],
        });
      }
      expect(discovered.fetches).toEqual({ discovery: 1, jwks: 1 });
    });

    it('refuse a token when discovery fails, with the reason', async () => {
      const broken = await anotherIssuer();
      // An issuer on the same server, under a path that answers 404 for its discovery document.
      const missing = `${new URL(broken.issuer).origin}/realms/missing`;
      const verifier = new OidcVerifier([
        { issuer: missing, audience: TEST_AUDIENCE, organisationId: 'jeugdzorg-noord' },
      ]);
      await expectRefused(
        verifier,
        await broken.sign({ roles: ['auditor'], iss: missing }),
        /discovery of .*realms\/missing answered 404/,
      );
    });

    it('refuse a token when the discovery document names another issuer, or keys that are not served over https', async () => {
      const misnamed = await anotherIssuer();
      misnamed.discoveryOverrides = { issuer: 'https://login.example.org/other-tenant/v2.0' };
      const provider = { issuer: misnamed.issuer, audience: TEST_AUDIENCE, organisationId: 'jeugdzorg-noord' };
      await expectRefused(
        new OidcVerifier([provider]),
        await misnamed.sign({ roles: ['auditor'] }),
        /names another issuer: https:\/\/login\.example\.org\/other-tenant/,
      );
      misnamed.discoveryOverrides = { jwks_uri: 'http://keys.example.org/jwks' };
      await expectRefused(
        new OidcVerifier([provider]),
        await misnamed.sign({ roles: ['auditor'] }),
        /jwks_uri that is not https: http:\/\/keys\.example\.org/,
      );
      expect(() => new OidcVerifier([{ ...provider, jwksUri: 'http://keys.example.org/jwks' }])).toThrow(
        /jwksUri must be https/,
      );
    });

    it('are discovered again once the document is an hour old, following keys that moved', async () => {
      const moving = await anotherIssuer();
      let now = Date.UTC(2026, 11, 1, 9);
      const verifier = new OidcVerifier(
        [{ issuer: moving.issuer, audience: TEST_AUDIENCE, organisationId: 'jeugdzorg-noord' }],
        { now: () => now },
      );
      const token = () => moving.sign({ roles: ['auditor'] });
      await verifier.authenticate(await token());
      now += DISCOVERY_MAX_AGE_MS - 1;
      await verifier.authenticate(await token());
      expect(moving.fetches.discovery).toBe(1);
      // The provider now names keys that do not exist: once discovery is read again, tokens are refused.
      moving.discoveryOverrides = { jwks_uri: `${moving.issuer}/moved-keys` };
      now += 2;
      await expect(verifier.authenticate(await token())).rejects.toThrow(
        new TokenRefused('ERR_JOSE_GENERIC: Expected 200 OK from the JSON Web Key Set HTTP response'),
      );
      expect(moving.fetches.discovery).toBe(2);
    });

    it('are unavailable, not a refusal, when the issuer cannot be reached: the token may be fine', async () => {
      const gone = await LocalOidcIssuer.start();
      const token = await gone.sign({ roles: ['auditor'] });
      await gone.close();
      for (const provider of [tenantOf(gone), tenantOf(gone, { jwksUri: undefined })]) {
        await expect(new OidcVerifier([provider]).authenticate(token)).rejects.toBeInstanceOf(
          IdentityProviderUnavailable,
        );
      }
    });

    it('follow a key rollover: a token with a new kid is taken once the JWKS is fetched again', async () => {
      const rolling = await anotherIssuer();
      const verifier = new OidcVerifier([tenantOf(rolling)]);
      const token = () => rolling.sign({ roles: ['hr-system'] });
      const oldKid = rolling.currentKid;

      const beforeRollover = await token();
      await expect(verifier.authenticate(beforeRollover)).resolves.toMatchObject({ roles: ['hr-system'] });
      expect(rolling.fetches.jwks).toBe(1);

      const newKid = await rolling.rotate();
      expect(newKid).not.toBe(oldKid);
      const afterRollover = await token();

      // Right after a fetch, an unknown kid is not worth another one: jose waits 30 s, so a flood of tokens
      // with made-up kids cannot make the API hammer the issuer.
      for (let i = 0; i < 3; i += 1) await expectRefused(verifier, afterRollover, /ERR_JWKS_NO_MATCHING_KEY/);
      expect(rolling.fetches.jwks).toBe(1);

      // jose's cooldown reads Date.now; moving it on is the 30 s passing (token expiry reads `new Date()`, unmoved).
      const now = Date.now();
      jest.spyOn(Date, 'now').mockImplementation(() => now + 31_000);
      await expect(verifier.authenticate(afterRollover)).resolves.toMatchObject({ roles: ['hr-system'] });
      expect(rolling.fetches.jwks).toBe(2);
      // The old key stays published during the rollover: tokens signed before it keep working, from the cache.
      await expect(verifier.authenticate(beforeRollover)).resolves.toMatchObject({ roles: ['hr-system'] });
      await expect(verifier.authenticate(await token())).resolves.toMatchObject({ roles: ['hr-system'] });
      expect(rolling.fetches.jwks).toBe(2);
    });
  });

  describe('configuration', () => {
    it('needs exactly one of organisationId and organisationClaim per provider', () => {
      const base = { issuer: 'https://login.example.test/tenant/v2.0', audience: TEST_AUDIENCE };
      expect(() => new OidcVerifier([{ ...base, organisationId: 'a', organisationClaim: 'org' }])).toThrow(
        'OIDC provider https://login.example.test/tenant/v2.0: give exactly one of organisationId and organisationClaim',
      );
      expect(() => new OidcVerifier([base])).toThrow(/exactly one of organisationId and organisationClaim/);
      expect(new OidcVerifier([{ ...base, organisationClaim: 'org' }]).configured).toBe(true);
      expect(new OidcVerifier([]).configured).toBe(false);
    });

    it('reads OIDC_PROVIDERS as a JSON array, or nothing', () => {
      const providers = [
        { issuer: 'https://login.example.test/a/v2.0', audience: 'api://soft-landing', organisationId: 'org-a' },
        {
          issuer: 'https://idp.example.test/realms/zorg',
          audience: 'soft-landing',
          jwksUri: 'https://idp.example.test/keys',
          organisationClaim: 'org',
        },
      ];
      expect(parseOidcProviders(JSON.stringify(providers))).toEqual(providers);
      expect(parseOidcProviders(undefined)).toEqual([]);
      expect(parseOidcProviders('  ')).toEqual([]);
    });

    it.each([
      ['not JSON', '[{issuer: "x"}]', /^OIDC_PROVIDERS is not JSON: /],
      [
        'an object instead of an array',
        '{"issuer":"https://idp.test","audience":"a"}',
        'OIDC_PROVIDERS must be a JSON array of providers',
      ],
      ['an entry without issuer', '[{"audience":"a","organisationId":"o"}]', 'OIDC_PROVIDERS[0].issuer is required'],
      ['an entry with an empty issuer', '[{"issuer":"","audience":"a"}]', 'OIDC_PROVIDERS[0].issuer is required'],
      [
        'a second entry without audience',
        '[{"issuer":"https://a.test","audience":"a"},{"issuer":"https://b.test"}]',
        'OIDC_PROVIDERS[1].audience is required',
      ],
      ['an entry that is no object', '[null]', 'OIDC_PROVIDERS[0].issuer is required'],
    ])(
      'says what is wrong with OIDC_PROVIDERS that is %s, also when loading the configuration',
      (_case, json, message) => {
        expect(() => parseOidcProviders(json)).toThrow(message);
        expect(() => loadConfig({ OIDC_PROVIDERS: json })).toThrow(message);
      },
    );
  });
});

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
