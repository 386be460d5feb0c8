import { createHmac, timingSafeEqual } from 'node:crypto';

export type SurveyTokenRefusal = 'invalid' | 'expired' | 'spent';

export class SurveyTokenRefused extends Error {
  constructor(readonly reason: SurveyTokenRefusal) {
    super(`survey token refused: ${reason}`);
    this.name = 'SurveyTokenRefused';
  }
}

const TOKEN_ID = /^[0-9a-f]{32}$/;

/**
 * The personal links of the survey and of the exit questionnaire: `<prefix><token id>.<HMAC>`, so a link cannot be
 * guessed or altered, and the store only has to look up a token id it signed itself. Each kind of link has its own
 * prefix and purpose: one kind's signature is never valid as the other's.
 */
export class SignedLinkTokens {
  constructor(
    private readonly key: Buffer,
    private readonly prefix: string,
    private readonly purpose: string,
  ) {}

  tokenOf(tokenId: string): string {
    return `${this.prefix}${tokenId}.${this.mac(tokenId).toString('base64url')}`;
  }

  /** The token id a link names when its signature is right; SurveyTokenRefused('invalid') otherwise. */
  verify(token: string): string {
    if (!token.startsWith(this.prefix)) throw new SurveyTokenRefused('invalid');
    const [tokenId, signature, ...rest] = token.slice(this.prefix.length).split('.');
    if (!tokenId || !signature || rest.length > 0 || !TOKEN_ID.test(tokenId)) throw new SurveyTokenRefused('invalid');
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(tokenId);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SurveyTokenRefused('invalid');
    return tokenId;
  }

  private mac(tokenId: string): Buffer {
    return createHmac('sha256', this.key).update(`${this.purpose}\0${tokenId}`).digest();
  }
}
