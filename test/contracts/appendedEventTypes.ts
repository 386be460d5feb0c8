import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO_ROOT = join(__dirname, '../..');

/** Where the code that appends events lives. Tests (`*.test.ts`) append their own made-up types and are left out. */
const SOURCE_ROOTS = ['workflows', 'services'];

/**
 * PascalCase literals after `type:` that are not event types. Each one is here on purpose, with where it comes from;
 * a new `type: 'Something'` in the sources is an event type until it is listed here.
 */
export const NOT_EVENT_TYPES: ReadonlyMap<string, string> = new Map([
  [
    'JourneyCommandRejected',
    'workflows/hireJourneyContract.ts: the type of a Temporal ApplicationFailure, not an event',
  ],
]);

export interface AppendedEventType {
  readonly type: string;
  /** `path:line` of every place it is named. */
  readonly places: readonly string[];
}

/**
 * Every event type the code names where an event is built: the PascalCase string literals in the expression after
 * `type:` (a literal, a ternary of literals, or a `const X = 'Type'` of the same file), minus NOT_EVENT_TYPES.
 * Type annotations (`type: string`), lower-case literals (`type: 'object'`) and comments are not matched.
 */
export function appendedEventTypes(roots: readonly string[] = SOURCE_ROOTS): AppendedEventType[] {
  const found = new Map<string, string[]>();
  for (const file of roots.flatMap((root) => typeScriptFiles(join(REPO_ROOT, root)))) {
    const source = withoutComments(readFileSync(file, 'utf8'));
    const constants = new Map(
      [...source.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*'([A-Z][A-Za-z0-9]*)'/g)].map((m) => [m[1]!, m[2]!]),
    );
    for (const match of source.matchAll(/\btype:\s*([^,}\n]+)/g)) {
      const expression = match[1]!.trim();
      const literals = [...expression.matchAll(/'([A-Z][A-Za-z0-9]*)'/g)].map((m) => m[1]!);
      const constant = constants.get(expression);
      for (const type of constant ? [constant] : literals) {
        if (NOT_EVENT_TYPES.has(type)) continue;
        const line = source.slice(0, match.index).split('\n').length;
        const places = found.get(type) ?? [];
        places.push(`${relative(REPO_ROOT, file)}:${line}`);
        found.set(type, places);
      }
    }
  }
  return [...found].map(([type, places]) => ({ type, places })).sort((a, b) => a.type.localeCompare(b.type));
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : typeScriptFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Blanks comments but keeps line breaks, so reported line numbers stay right. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, (_whole, before: string) => before);
}
