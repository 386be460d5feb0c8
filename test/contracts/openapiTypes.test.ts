import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '../..');

describe('contracts/generated/openapi.ts', () => {
  it('is what openapi-typescript generates from contracts/openapi.yaml today (run npm run generate:api-types)', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'openapi-types-')), 'openapi.ts');
    execFileSync(
      join(repo, 'node_modules/.bin/openapi-typescript'),
      [join(repo, 'contracts/openapi.yaml'), '-o', fresh],
      {
        stdio: 'pipe',
      },
    );
    expect(readFileSync(join(repo, 'contracts/generated/openapi.ts'), 'utf8')).toBe(readFileSync(fresh, 'utf8'));
  });
});
