import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../shared/config';
import { readOrCreateRandomKey } from '../shared/keyFile';
import type { LinkRedemptions } from './linkRedemptions';
import type { Principal } from './principal';

/** The people a link is for: they have no account, only their mailbox. */
export type MagicLinkRole = 'new-hire' | 'mentor';
/** What the link opens in the web app. */
export type MagicLinkPurpose = 'welcome' | 'mentor-request' | 'tasks';

export interface MagicLinkScope {
  readonly organisationId: string;
  /** Whom the session acts as: a new hire's person reference is their hire id, a mentor's is their mentor ref. */
  readonly personRef: string;
  readonly role: MagicLinkRole;
  readonly purpose: MagicLinkPurpose;
  /** The hire the page is about (the new hire's own, or the mentee's). */
  readonly hireId: string;
}

export interface MagicLinkSession extends MagicLinkScope {
  /** `Authorization: Bearer <token>` until `expiresAt`, as this person in this role only. */
  readonly token: string;
  readonly expiresAt: string;
}

export type MagicLinkRefusal = 'invalid' | 'expired' | 'used';

export class MagicLinkRefused extends Error {
  constructor(readonly reason: MagicLinkRefusal) {
    super(`magic link refused: ${reason}`);
    this.name = 'MagicLinkRefused';
  }
}

const KEY_BYTES = 32;
const LINK_PREFIX = 'sml_';
const SESSION_PREFIX = 'sls_';
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_LINK_TTL_MS = 14 * DAY_MS;
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

interface Claims {
  /** What the token is: a link is only redeemed, a session only authenticates, with the same key. */
  readonly k: 'link' | 'session';
  readonly id: string;
  readonly o: string;
  readonly p: string;
  readonly r: MagicLinkRole;
  readonly u: MagicLinkPurpose;
  readonly h: string;
  /** Expiry, epoch milliseconds. */
  readonly e: number;
}

export function looksLikeMagicLinkSession(token: string): boolean {
  return token.startsWith(SESSION_PREFIX);
}

/**
 * Signs and checks links and the sessions they open (HMAC-SHA256 with a key from a file, never in the event store).
 * Issuing needs only the key (the worker, for its mails); redeeming also needs the store of redeemed link ids.
 */
export class MagicLinkSigner {
  constructor(
    private readonly key: Buffer,
    private readonly options: { linkTtlMs?: number; sessionTtlMs?: number; now?: () => number } = {},
  ) {
    if (key.length !== KEY_BYTES) throw new Error(`A magic-link key is ${KEY_BYTES} bytes, got ${key.length}`);
  }

  /** Reads the key, or creates it (readable by this user only) on first use. */
  static fromKeyFile(
    path: string,
    options: { linkTtlMs?: number; sessionTtlMs?: number; now?: () => number } = {},
  ): MagicLinkSigner {
    return new MagicLinkSigner(magicLinkKeyOf(path), options);
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * `at.id` (32 hex digits) and `at.issuedAt` make the link the same on every retry of one mail, so a re-sent mail
   * is the same mail; without them the link is new.
   */
  issueLink(scope: MagicLinkScope, at: { id?: string; issuedAt?: number } = {}): string {
    const id = at.id ?? randomBytes(16).toString('hex');
    return (
      LINK_PREFIX +
      this.sign({
        k: 'link',
        id,
        ...short(scope),
        e: (at.issuedAt ?? this.now()) + (this.options.linkTtlMs ?? DEFAULT_LINK_TTL_MS),
      })
    );
  }

  issueSession(scope: MagicLinkScope): MagicLinkSession {
    const e = this.now() + (this.options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
    const token = SESSION_PREFIX + this.sign({ k: 'session', id: randomBytes(16).toString('hex'), ...short(scope), e });
    return { ...scope, token, expiresAt: new Date(e).toISOString() };
  }

  /** The claims of a well-signed link or session token of that kind; throws MagicLinkRefused otherwise. */
  verify(token: string, kind: Claims['k']): Claims {
    const prefix = kind === 'link' ? LINK_PREFIX : SESSION_PREFIX;
    if (!token.startsWith(prefix)) throw new MagicLinkRefused('invalid');
    const [payload, signature, ...rest] = token.slice(prefix.length).split('.');
    if (!payload || !signature || rest.length > 0) throw new MagicLinkRefused('invalid');
    const expected = this.mac(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new MagicLinkRefused('invalid');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    if (claims.k !== kind) throw new MagicLinkRefused('invalid');
    if (!(claims.e > this.now())) throw new MagicLinkRefused('expired');
    return claims;
  }

  /** The same key for another kind of link (services/auth/teamWelcomeLinks.ts), kept apart from these by `domain`. */
  macFor(domain: string, payload: string): Buffer {
    return this.mac(`${domain}\0${payload}`);
  }

  private sign(claims: Claims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }
}

/**
 * The 32-byte key in its file, made (readable by this user only) on first use. The survey's personal links are signed
 * with the same key as magic links (services/survey/surveyTokens.ts), so API and worker share one file.
 */
export function magicLinkKeyOf(path: string): Buffer {
  return readOrCreateRandomKey(path, KEY_BYTES).key;
}

/**
 * Redeems links once and authenticates the sessions they open. The ids of redeemed links are kept (with their
 * organisation and expiry, nothing personal) where `redemptions` keeps them: the API keys' SQLite file, or
 * PostgreSQL, which every API replica shares.
 */
export class MagicLinks {
  constructor(
    readonly signer: MagicLinkSigner,
    private readonly redemptions: LinkRedemptions,
  ) {}

  /** A session for the link's person and role; MagicLinkRefused for a tampered, unknown, expired or used link. */
  async redeem(token: string): Promise<MagicLinkSession> {
    const claims = this.signer.verify(token, 'link');
    const first = await this.redemptions.claimOnce(
      { linkId: claims.id, organisationId: claims.o, expiresAt: claims.e },
      this.signer.now(),
    );
    if (!first) throw new MagicLinkRefused('used');
    return this.signer.issueSession(scopeOf(claims));
  }

  /** The principal of a valid, unexpired session token; undefined for anything else. */
  authenticate(token: string): Principal | undefined {
    let claims: Claims;
    try {
      claims = this.signer.verify(token, 'session');
    } catch (error) {
      if (error instanceof MagicLinkRefused) return undefined;
      throw error;
    }
    // On the audit trail as the person, as their OIDC sign-in or dev mode names them: one person, one actor, however they came in.
    return {
      organisationId: claims.o,
      roles: [claims.r],
      personRef: claims.p,
      actor: `person:${claims.p}`,
      via: 'magic-link',
    };
  }
}

/** The API redeems with it, the worker signs the links in its mails with it: both read the same key file. */
export function magicLinkSigner(auth: Pick<Config['auth'], 'magicLinkKeyPath' | 'magicLinkTtlDays'>): MagicLinkSigner {
  return MagicLinkSigner.fromKeyFile(auth.magicLinkKeyPath, { linkTtlMs: auth.magicLinkTtlDays * DAY_MS });
}

function short(scope: MagicLinkScope): Pick<Claims, 'o' | 'p' | 'r' | 'u' | 'h'> {
  return { o: scope.organisationId, p: scope.personRef, r: scope.role, u: scope.purpose, h: scope.hireId };
}

function scopeOf(claims: Claims): MagicLinkScope {
  return { organisationId: claims.o, personRef: claims.p, role: claims.r, purpose: claims.u, hireId: claims.h };
}
