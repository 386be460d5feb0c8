import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore } from '../../services/auth/apiKeyStore';
import { runApiKeysCommand } from '../../services/auth/apiKeysCommand';

describe('npm run api-keys', () => {
  let store: ApiKeyStore;
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    await runApiKeysCommand(argv, store, (line) => lines.push(line));
    return lines;
  };

  beforeEach(() => {
    store = new ApiKeyStore(join(mkdtempSync(join(tmpdir(), 'soft-landing-keys-')), 'api-keys.sqlite'));
  });
  afterEach(() => store.close());

  it('issues a key that authenticates with its organisation and roles, lists it without the secret, and revokes it', async () => {
    const [token] = await run(
      'issue',
      '--organisation',
      'org-a',
      '--role',
      'hr-system,auditor',
      '--label',
      'YouForce-koppeling',
    );
    expect(store.authenticate(token!)).toMatchObject({
      organisationId: 'org-a',
      roles: ['hr-system', 'auditor'],
      via: 'api-key',
    });
    const [listed] = await run('list', '--organisation', 'org-a');
    const keyId = listed!.split('\t')[0]!;
    expect(listed).toContain('hr-system,auditor');
    expect(listed).not.toContain(token!.split('_')[2]);
    expect(await run('list', '--organisation', 'org-b')).toEqual([]);
    await expect(run('revoke', '--organisation', 'org-b', '--key', keyId)).rejects.toThrow(
      `no key ${keyId} in organisation org-b`,
    );
    expect(await run('revoke', '--organisation', 'org-a', '--key', keyId)).toEqual([`revoked ${keyId}`]);
    expect(store.authenticate(token!)).toBeUndefined();
  });

  it.each([
    [['issue', '--organisation', 'org-a', '--role', 'boss', '--label', 'x'], 'unknown: boss'],
    [['issue', '--organisation', 'org-a', '--role', 'admin'], '--label'],
    [['issue', '--role', 'admin', '--label', 'x'], '--organisation'],
    [['rotate', '--organisation', 'org-a'], 'unknown action rotate'],
  ])('refuses %j', async (argv, message) => {
    await expect(run(...argv)).rejects.toThrow(message);
  });
});
