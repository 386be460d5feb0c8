import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '../..');

/** Every variable the one config loader reads, by name: `env.NAME` or a whole number read as `integer(env, 'NAME', …)`. */
function variablesReadByConfig(): string[] {
  const source = readFileSync(join(repo, 'services/shared/config.ts'), 'utf8');
  const names = [
    ...[...source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((match) => match[1]!),
    ...[...source.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]!),
  ];
  return [...new Set(names)].sort();
}

describe('the README settings', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const tableRows = readme.split('\n').filter((line) => line.startsWith('|'));

  it('finds the variables config.ts reads', () => {
    expect(variablesReadByConfig()).toEqual(
      expect.arrayContaining(['PORT', 'DATA_DIR', 'READ_MODEL_PATH', 'TEMPORAL_ADDRESS']),
    );
  });

  it.each(variablesReadByConfig())('name %s in a settings table', (name) => {
    expect(tableRows.some((row) => row.includes(`\`${name}\``))).toBe(true);
  });
});
