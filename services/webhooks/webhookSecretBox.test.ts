import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookSecretBox } from './webhookSecretBox';

/** What AES-GCM says when the tag does not match: another owner, or an altered value. */
const UNAUTHENTIC = /unable to authenticate data/;

describe('webhook secrets at rest', () => {
  const owner = { organisationId: 'jeugdzorg-west', subscriptionId: 'hr-system' };
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('seal under a key file made on first use, readable by its owner only, and open with the same file later', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'webhook-key-')), 'data', 'webhook-secret-key');
    const sealed = WebhookSecretBox.fromKeyFile(path).seal(secret, owner);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(sealed).toMatch(/^v1:[0-9a-f]{16}:/);
    expect(sealed).not.toContain(secret.slice('whsec_'.length));
    expect(readFileSync(path, 'utf8')).not.toContain(secret);
    expect(WebhookSecretBox.fromKeyFile(path).open(sealed, owner)).toBe(secret);
  });

  it('refuses another key, another subscription and an altered value', () => {
    const box = WebhookSecretBox.ephemeral();
    const sealed = box.seal(secret, owner);
    expect(() => WebhookSecretBox.ephemeral().open(sealed, owner)).toThrow(/WEBHOOK_SECRET_KEY_PATH/);
    expect(() => box.open(sealed, { ...owner, subscriptionId: 'stolen' })).toThrow(UNAUTHENTIC);
    const [format, keyId, iv, body] = sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([format, keyId, iv, flipped.toString('base64')].join(':'), owner)).toThrow(UNAUTHENTIC);
    expect(box.seal(secret, owner)).not.toBe(sealed);
  });
});
