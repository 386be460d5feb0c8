import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '../..');

describe('contracts/generated/openapi.ts', () => {
  it('is what openapi-typescript generates from contracts/openapi.yaml today (run npm run generate:api-types)', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'openapi-types-')), 'openapi.ts');
    // The package script's own arguments, with the output sent to a fresh file: the test cannot drift from it.
    const script = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts['generate:api-types']!;
    const [command, ...args] = script.split(' ');
    expect(command).toBe('openapi-typescript');
    const output = args.indexOf('-o');
    expect(output).toBeGreaterThan(0);
    args[output + 1] = fresh;
    execFileSync(join(repo, 'node_modules/.bin/openapi-typescript'), args, { cwd: repo, stdio: 'pipe' });
    expect(readFileSync(join(repo, 'contracts/generated/openapi.ts'), 'utf8')).toBe(readFileSync(fresh, 'utf8'));
  });
});
