import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './webhookSignature';

describe('webhook signatures', () => {
  const secret = 'een-geheim-van-minstens-16-tekens';
  const body = '{"hireId":"h-1"}';
  const at = new Date('2027-01-01T12:00:00Z');

  it('is HMAC-SHA256 over "<t>.<body>" in "t=…,v1=…"', () => {
    const t = at.getTime() / 1000;
    expect(signatureHeader(secret, body, at)).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
  });

  it('verifies the body, the secret and the age', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(secret, body, header, 300, new Date(at.getTime() + 60_000))).toBe(true);
    expect(verifySignature(secret, `${body} `, header, 300, at)).toBe(false);
    expect(verifySignature('een-ander-geheim-van-16-tekens', body, header, 300, at)).toBe(false);
    expect(verifySignature(secret, body, header, 300, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature(secret, body, header.replace(/t=\d+/, `t=${at.getTime() / 1000 + 1}`), 300, at)).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc')).toBe(false);
  });
});
