import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The workflow bundle is the bottom of the journey: it declares the I/O it needs (journeyActivities.ts), services implement it. */
const sources = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));

describe('workflows/', () => {
  it.each(sources)('%s imports nothing from services/', (file) => {
    const imports = [...readFileSync(join(__dirname, file), 'utf8').matchAll(/from\s+'([^']+)'/g)].map(
      (match) => match[1]!,
    );
    expect(imports.filter((target) => /(^|\/)services\//.test(target))).toEqual([]);
  });
});
