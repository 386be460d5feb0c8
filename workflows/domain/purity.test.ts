import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The Temporal workflow bundle imports these modules; anything nondeterministic here breaks replay of journeys
 * that run for two years. The bundler catches Node built-ins only at worker start; this catches them at once.
 */
const sources = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => [file, readFileSync(join(__dirname, file), 'utf8')] as const);

/** The one thing outside the domain it may name: the workflow contract's plain types, erased at compile time. */
const TYPE_ONLY_OUTSIDE = /^import type \{[^}]*\} from '(?:\.\.\/)+hireJourneyContract';$/m;

describe('the pure journey domain', () => {
  it('has modules to check, the journey decider among them', () => {
    expect(sources.map(([file]) => file)).toEqual(
      expect.arrayContaining([
        'calendar.ts',
        'schedule.ts',
        'mentorMatching.ts',
        join('journey', 'decide.ts'),
        join('journey', 'evolve.ts'),
      ]),
    );
  });

  it.each(sources)('%s imports only its neighbours and reads no clock, randomness or I/O', (file, source) => {
    const withoutContractTypes = source.replace(new RegExp(TYPE_ONLY_OUTSIDE.source, 'gm'), '');
    const imports = [...withoutContractTypes.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]!);
    for (const target of imports) {
      expect(target).toMatch(/^\.\.?\/[A-Za-z]+$/);
      // Within workflows/domain: a neighbour, or from a subfolder its parent's modules.
      expect(relative(__dirname, join(__dirname, file, '..', target))).not.toMatch(/^\.\./);
    }
    expect(source).not.toMatch(
      /\bDate\.now\b|\bnew Date\b|\bMath\.random\b|\bprocess\.|\brequire\(|\bsetTimeout\b|\bfetch\(/,
    );
  });
});
