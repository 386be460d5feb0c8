import { statSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MagicLinkScope, MagicLinkSigner, MagicLinks } from '../../services/auth/magicLinks';

/** Links on a real key file and a real SQLite file, as the API and the worker open them, with a clock we move. */
describe('magic links', () => {
  const DAY = 24 * 60 * 60 * 1000;
  let dir: string;
  let clock: number;
  let links: MagicLinks;
  const scope: MagicLinkScope = {
    organisationId: 'jeugdzorg-noord',
    personRef: 'hire-0042',
    role: 'new-hire',
    purpose: 'welcome',
    hireId: 'hire-0042',
  };
  const signerAt = (path: string) =>
    MagicLinkSigner.fromKeyFile(path, { linkTtlMs: 14 * DAY, sessionTtlMs: 8 * 60 * 60 * 1000, now: () => clock });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soft-landing-magic-links-'));
    clock = Date.parse('2026-12-01T09:00:00Z');
    links = new MagicLinks(signerAt(join(dir, 'magic-link-key')), join(dir, 'api-keys.sqlite'));
  });
  afterEach(() => links.close());

  it("opens a session as the link's person, in the link's role and organisation only", () => {
    const session = links.redeem(links.signer.issueLink(scope));
    expect(session).toMatchObject({ ...scope, expiresAt: '2026-12-01T17:00:00.000Z' });
    expect(links.authenticate(session.token)).toEqual({
      organisationId: 'jeugdzorg-noord',
      roles: ['new-hire'],
      personRef: 'hire-0042',
      actor: 'person:hire-0042',
      via: 'magic-link',
    });
  });

  it('is redeemed once: the second time it is refused as used', () => {
    const link = links.signer.issueLink(scope);
    links.redeem(link);
    expect(() => links.redeem(link)).toThrow(expect.objectContaining({ reason: 'used' }));
  });

  it('stays used after the API restarts', () => {
    const link = links.signer.issueLink(scope);
    links.redeem(link);
    links.close();
    links = new MagicLinks(signerAt(join(dir, 'magic-link-key')), join(dir, 'api-keys.sqlite'));
    expect(() => links.redeem(link)).toThrow(expect.objectContaining({ reason: 'used' }));
  });

  it('expires after its time; a refused expired link is not marked as used', () => {
    const link = links.signer.issueLink(scope);
    clock += 14 * DAY;
    expect(() => links.redeem(link)).toThrow(expect.objectContaining({ reason: 'expired' }));
    clock -= 1;
    expect(links.redeem(link).personRef).toBe('hire-0042');
  });

  it("ends its session after the session's time", () => {
    const session = links.redeem(links.signer.issueLink(scope));
    clock += 8 * 60 * 60 * 1000 - 1;
    expect(links.authenticate(session.token)?.personRef).toBe('hire-0042');
    clock += 1;
    expect(links.authenticate(session.token)).toBeUndefined();
  });

  it('refuses a link whose claims were changed to another person, organisation or role', () => {
    const link = links.signer.issueLink(scope);
    const [payload, signature] = link.slice('sml_'.length).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const change of [{ p: 'hire-0043' }, { o: 'zorggroep-zuid' }, { r: 'mentor' }, { e: clock + 365 * DAY }]) {
      const forged = `sml_${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${signature}`;
      expect(() => links.redeem(forged)).toThrow(expect.objectContaining({ reason: 'invalid' }));
    }
    // None of the forgeries used the link up.
    expect(links.redeem(link).personRef).toBe('hire-0042');
  });

  it("refuses a link signed with another deployment's key, and anything that is no link", () => {
    const other = signerAt(join(mkdtempSync(join(tmpdir(), 'soft-landing-magic-links-')), 'magic-link-key'));
    for (const token of [other.issueLink(scope), 'sml_', 'sml_abc', 'sml_a.b.c', 'slk_0123456789abcdef_x', '']) {
      expect(() => links.redeem(token)).toThrow(expect.objectContaining({ reason: 'invalid' }));
    }
  });

  it('does not take a session token for a link, nor a link for a session', () => {
    const link = links.signer.issueLink(scope);
    const session = links.signer.issueSession(scope);
    expect(() => links.redeem(session.token)).toThrow(expect.objectContaining({ reason: 'invalid' }));
    expect(() => links.redeem(`sml_${session.token.slice('sls_'.length)}`)).toThrow(
      expect.objectContaining({ reason: 'invalid' }),
    );
    expect(links.authenticate(link)).toBeUndefined();
    expect(links.authenticate(`sls_${link.slice('sml_'.length)}`)).toBeUndefined();
  });

  it('keeps its key in a file only its owner reads, and the same key on the next start', () => {
    const path = join(dir, 'magic-link-key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = readFileSync(path, 'utf8');
    const link = links.signer.issueLink(scope);
    expect(() => signerAt(path).verify(link, 'link')).not.toThrow();
    expect(readFileSync(path, 'utf8')).toBe(key);
  });
});
