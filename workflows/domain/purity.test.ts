import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Temporal workflow bundle imports these modules; anything nondeterministic here breaks replay of journeys
 * that run for two years. The bundler catches Node built-ins only at worker start; this catches them at once.
 */
const sources = readdirSync(__dirname)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => [file, readFileSync(join(__dirname, file), 'utf8')] as const);

describe('the pure journey domain', () => {
  it('has modules to check', () => {
    expect(sources.map(([file]) => file)).toEqual(expect.arrayContaining(['calendar.ts', 'schedule.ts', 'mentorMatching.ts']));
  });

  it.each(sources)('%s imports only its neighbours and reads no clock, randomness or I/O', (_file, source) => {
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
    for (const target of imports) expect(target).toMatch(/^\.\/[A-Za-z]+$/);
    expect(source).not.toMatch(/\bDate\.now\b|\bnew Date\b|\bMath\.random\b|\bprocess\.|\brequire\(|\bsetTimeout\b|\bfetch\(/);
  });
});
