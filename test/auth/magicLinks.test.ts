import { statSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type LinkRedemptions,
  PostgresLinkRedemptions,
  SqliteLinkRedemptions,
  openLinkRedemptions,
} from '../../services/auth/linkRedemptions';
import { type MagicLinkScope, MagicLinkSigner, MagicLinks } from '../../services/auth/magicLinks';
import { openPostgresPool } from '../../services/shared/postgres/pool';
import { freshPostgresDatabase } from '../support/postgresDatabase';
import { describeWithServices } from '../support/serviceAvailability';

const DAY = 24 * 60 * 60 * 1000;
const scope: MagicLinkScope = {
  organisationId: 'jeugdzorg-noord',
  personRef: 'hire-0042',
  role: 'new-hire',
  purpose: 'welcome',
  hireId: 'hire-0042',
};
const refused = (reason: string) => expect.objectContaining({ reason });

/** Where the redeemed ids live, opened anew for each test; `reopen` is the same store after a restart. */
interface RedemptionsUnderTest {
  readonly store: LinkRedemptions;
  reopen(): Promise<LinkRedemptions>;
  close(): Promise<void>;
}

/**
 * Links on a real key file and a real store of redeemed ids, as the API and the worker open them, with a clock we
 * move: the same behaviour on the API keys' SQLite file and on PostgreSQL.
 */
function magicLinkContract(name: string, open: (dir: string) => Promise<RedemptionsUnderTest>): void {
  describe(`magic links: ${name}`, () => {
    let dir: string;
    let clock: number;
    let opened: RedemptionsUnderTest;
    let links: MagicLinks;
    const signerAt = (path: string) =>
      MagicLinkSigner.fromKeyFile(path, { linkTtlMs: 14 * DAY, sessionTtlMs: 8 * 60 * 60 * 1000, now: () => clock });

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'soft-landing-magic-links-'));
      clock = Date.parse('2026-12-01T09:00:00Z');
      opened = await open(dir);
      links = new MagicLinks(signerAt(join(dir, 'magic-link-key')), opened.store);
    });
    afterEach(() => opened.close());

    it("opens a session as the link's person, in the link's role and organisation only", async () => {
      const session = await links.redeem(links.signer.issueLink(scope));
      expect(session).toMatchObject({ ...scope, expiresAt: '2026-12-01T17:00:00.000Z' });
      expect(links.authenticate(session.token)).toEqual({
        organisationId: 'jeugdzorg-noord',
        roles: ['new-hire'],
        personRef: 'hire-0042',
        actor: 'person:hire-0042',
        via: 'magic-link',
      });
    });

    it('is redeemed once: the second time it is refused as used', async () => {
      const link = links.signer.issueLink(scope);
      await links.redeem(link);
      await expect(links.redeem(link)).rejects.toThrow(refused('used'));
    });

    it('is redeemed once when two requests present it at the same moment', async () => {
      const link = links.signer.issueLink(scope);
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => links.redeem(link)));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected'))
        expect((outcome as PromiseRejectedResult).reason).toEqual(refused('used'));
    });

    it('stays used after the API restarts', async () => {
      const link = links.signer.issueLink(scope);
      await links.redeem(link);
      links = new MagicLinks(signerAt(join(dir, 'magic-link-key')), await opened.reopen());
      await expect(links.redeem(link)).rejects.toThrow(refused('used'));
    });

    it('expires after its time; a refused expired link is not marked as used', async () => {
      const link = links.signer.issueLink(scope);
      clock += 14 * DAY;
      await expect(links.redeem(link)).rejects.toThrow(refused('expired'));
      clock -= 1;
      expect((await links.redeem(link)).personRef).toBe('hire-0042');
    });

    it('forgets a redeemed id once its link has expired, and only then', async () => {
      const early = links.signer.issueLink(scope);
      await links.redeem(early);
      clock += 14 * DAY - 1;
      // Still presentable: still remembered as used.
      await expect(links.redeem(early)).rejects.toThrow(refused('used'));
      clock += 1;
      await links.redeem(links.signer.issueLink(scope));
      expect(await idsOf(opened.store)).toHaveLength(1);
    });

    it("ends its session after the session's time", async () => {
      const session = await links.redeem(links.signer.issueLink(scope));
      clock += 8 * 60 * 60 * 1000 - 1;
      expect(links.authenticate(session.token)?.personRef).toBe('hire-0042');
      clock += 1;
      expect(links.authenticate(session.token)).toBeUndefined();
    });

    it('refuses a link whose claims were changed to another person, organisation or role', async () => {
      const link = links.signer.issueLink(scope);
      const [payload, signature] = link.slice('sml_'.length).split('.') as [string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      for (const change of [{ p: 'hire-0043' }, { o: 'zorggroep-zuid' }, { r: 'mentor' }, { e: clock + 365 * DAY }]) {
        const forged = `sml_${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${signature}`;
        await expect(links.redeem(forged)).rejects.toThrow(refused('invalid'));
      }
      // None of the forgeries used the link up.
      expect((await links.redeem(link)).personRef).toBe('hire-0042');
    });

    it("refuses a link signed with another deployment's key, and anything that is no link", async () => {
      const other = signerAt(join(mkdtempSync(join(tmpdir(), 'soft-landing-magic-links-')), 'magic-link-key'));
      for (const token of [other.issueLink(scope), 'sml_', 'sml_abc', 'sml_a.b.c', 'slk_0123456789abcdef_x', '']) {
        await expect(links.redeem(token)).rejects.toThrow(refused('invalid'));
      }
      expect(await idsOf(opened.store)).toEqual([]);
    });

    it('does not take a session token for a link, nor a link for a session', async () => {
      const link = links.signer.issueLink(scope);
      const session = links.signer.issueSession(scope);
      await expect(links.redeem(session.token)).rejects.toThrow(refused('invalid'));
      await expect(links.redeem(`sml_${session.token.slice('sls_'.length)}`)).rejects.toThrow(refused('invalid'));
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
}

/** The ids the store holds, read past its interface (each adapter's own table). */
const tables = new WeakMap<LinkRedemptions, () => Promise<string[]>>();
const idsOf = (store: LinkRedemptions): Promise<string[]> => tables.get(store)!();

magicLinkContract('SQLite', async (dir) => {
  const path = join(dir, 'api-keys.sqlite');
  const stores: SqliteLinkRedemptions[] = [];
  const openOne = () => {
    const store = new SqliteLinkRedemptions(path);
    tables.set(store, async () => store.unexpired(0).map((row) => row.linkId));
    stores.push(store);
    return store;
  };
  return {
    store: openOne(),
    reopen: async () => openOne(),
    close: async () => {
      for (const store of stores) await store.close();
    },
  };
});

describeWithServices(['postgres'], 'on PostgreSQL', () => {
  magicLinkContract('PostgreSQL', async () => {
    const pool = openPostgresPool(await freshPostgresDatabase('magic_links_contract'));
    const openOne = async () => {
      const store = await PostgresLinkRedemptions.open(pool);
      tables.set(store, async () =>
        (await pool.query<{ link_id: string }>('SELECT link_id FROM magic_link_redemptions')).rows.map(
          (r) => r.link_id,
        ),
      );
      return store;
    };
    return { store: await openOne(), reopen: openOne, close: () => pool.end() };
  });

  describe('two API replicas on one database', () => {
    it('a link redeemed on one replica is refused as used on the other, and only one of two at once wins', async () => {
      const databaseUrl = await freshPostgresDatabase('magic_links_replicas');
      const dir = mkdtempSync(join(tmpdir(), 'soft-landing-magic-links-'));
      const replicas = await Promise.all(
        ['a', 'b'].map((replica) => openLinkRedemptions({ apiKeysPath: join(dir, `${replica}.sqlite`), databaseUrl })),
      );
      try {
        const signer = MagicLinkSigner.fromKeyFile(join(dir, 'magic-link-key'));
        const [a, b] = replicas.map((opened) => new MagicLinks(signer, opened.store)) as [MagicLinks, MagicLinks];
        const link = signer.issueLink(scope);
        await a.redeem(link);
        await expect(b.redeem(link)).rejects.toThrow(refused('used'));

        const raced = signer.issueLink(scope);
        const outcomes = await Promise.allSettled([a.redeem(raced), b.redeem(raced)]);
        expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      } finally {
        for (const opened of replicas) await opened.close();
      }
    });

    it("takes over the SQLite file's unexpired redemptions when DATABASE_URL is set, so a used link stays used", async () => {
      const dir = mkdtempSync(join(tmpdir(), 'soft-landing-magic-links-'));
      const apiKeysPath = join(dir, 'api-keys.sqlite');
      const signer = MagicLinkSigner.fromKeyFile(join(dir, 'magic-link-key'));
      const before = await openLinkRedemptions({ apiKeysPath });
      const used = signer.issueLink(scope);
      await new MagicLinks(signer, before.store).redeem(used);
      await before.close();

      const databaseUrl = await freshPostgresDatabase('magic_links_carry_over');
      for (const start of [1, 2]) {
        const after = await openLinkRedemptions({ apiKeysPath, databaseUrl });
        try {
          const links = new MagicLinks(signer, after.store);
          await expect(links.redeem(used)).rejects.toThrow(refused('used'));
          if (start === 1) expect((await links.redeem(signer.issueLink(scope))).personRef).toBe('hire-0042');
        } finally {
          await after.close();
        }
      }
      const pool = openPostgresPool(databaseUrl);
      try {
        // The first start copied the one redemption, the second copied nothing twice.
        expect((await pool.query('SELECT link_id FROM magic_link_redemptions')).rowCount).toBe(2);
      } finally {
        await pool.end();
      }
    });
  });
});
