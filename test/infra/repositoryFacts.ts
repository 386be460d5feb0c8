import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/** What the deployment files (docker-compose.yml, the Helm chart) are checked against: the code itself. */
export const repo = resolve(__dirname, '../..');

/** Every variable services/shared/config.ts reads: `env.NAME`, `env['NAME']` and helpers called as `(env, 'NAME')`. */
export function variablesReadBy(source: string): Set<string> {
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
    /\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
  ];
  return new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? '')));
}

/** The .js files `tsc -p tsconfig.build.json` would write, as repo-relative paths, mapped to their sources. */
export function emittedByBuild(): Map<string, string> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(repo, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const emitted = new Map<string, string>();
  for (const source of parsed.fileNames) {
    for (const output of ts.getOutputFileNames(parsed, source, false)) {
      if (output.endsWith('.js')) emitted.set(relative(repo, output), relative(repo, source));
    }
  }
  return emitted;
}
