import { timingSafeEqual } from 'node:crypto';
import type { IsoDate } from '../../workflows/domain/calendar';
import { amsterdamTimeToUtc } from '../worker/mail/amsterdamTime';
import type { MagicLinkSigner } from './magicLinks';

/**
 * The team's welcome link: one per hire, for anyone the manager forwards it to, so unlike a magic link it is never
 * spent and opens no session — it only lets colleagues write a welcome for that hire, until day one begins
 * (00:00 Dutch time on the start date). Signed with the magic-link key, under a domain of its own.
 */
const PREFIX = 'stw_';
const DOMAIN = 'team-welcome';

export interface TeamWelcomeTarget {
  readonly organisationId: string;
  readonly hireId: string;
  readonly startDate: IsoDate;
}

export class TeamWelcomeLinkRefused extends Error {
  constructor(readonly reason: 'invalid' | 'expired') {
    super(`team welcome link refused: ${reason}`);
    this.name = 'TeamWelcomeLinkRefused';
  }
}

interface Claims {
  readonly o: string;
  readonly h: string;
  readonly s: IsoDate;
}

export class TeamWelcomeLinks {
  constructor(private readonly signer: MagicLinkSigner) {}

  /** The same token for the same hire and start date: a re-sent mail carries the same link. */
  issue(target: TeamWelcomeTarget): string {
    const payload = Buffer.from(
      JSON.stringify({ o: target.organisationId, h: target.hireId, s: target.startDate } satisfies Claims),
    ).toString('base64url');
    return `${PREFIX}${payload}.${this.signer.macFor(DOMAIN, payload).toString('base64url')}`;
  }

  /**
   * The hire a well-signed, unexpired token is for; TeamWelcomeLinkRefused otherwise. `currentStartDate` is the
   * hire's start date now: when it moved since the mail, day one of the new date ends the link, so the link the
   * manager already forwarded keeps working for a later start and stops at an earlier one.
   */
  async verify(
    token: string,
    currentStartDate: (target: TeamWelcomeTarget) => Promise<IsoDate | undefined> = async () => undefined,
  ): Promise<TeamWelcomeTarget & { readonly expiresAt: Date }> {
    const claimed = this.signedTarget(token);
    const startDate = (await currentStartDate(claimed)) ?? claimed.startDate;
    const expiresAt = amsterdamTimeToUtc(startDate, '00:00');
    if (!(expiresAt.getTime() > this.signer.now())) throw new TeamWelcomeLinkRefused('expired');
    return { ...claimed, startDate, expiresAt };
  }

  private signedTarget(token: string): TeamWelcomeTarget {
    if (!token.startsWith(PREFIX)) throw new TeamWelcomeLinkRefused('invalid');
    const [payload, signature, ...rest] = token.slice(PREFIX.length).split('.');
    if (!payload || !signature || rest.length > 0) throw new TeamWelcomeLinkRefused('invalid');
    const expected = this.signer.macFor(DOMAIN, payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new TeamWelcomeLinkRefused('invalid');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    return { organisationId: claims.o, hireId: claims.h, startDate: claims.s };
  }
}
