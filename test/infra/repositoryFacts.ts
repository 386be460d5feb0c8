import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/** What the deployment files (docker-compose.yml, the Helm chart) are checked against: the code itself. */
export const repo = resolve(__dirname, '../..');

/**
 * The services a deployment runs each in its own container or pod: every services/<name>/main.ts, but the
 * embedded one, which runs them all in one process for a single machine.
 */
export function deployedServices(): string[] {
  return readdirSync(join(repo, 'services'))
    .filter((name) => name !== 'embedded' && existsSync(join(repo, 'services', name, 'main.ts')))
    .sort();
}

/** Every variable services/shared/config.ts reads: `env.NAME`, `env['NAME']` and helpers called as `(env, 'NAME')`. */
export function variablesReadBy(source: string): Set<string> {
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
    /\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
  ];
  return new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? '')));
}

/** The config loader and the parsers beside it that it hands its environment (services/shared/*Settings.ts). */
export const CONFIG_SOURCES = [
  'services/shared/config.ts',
  'services/shared/kafkaSettings.ts',
  'services/shared/temporalSettings.ts',
] as const;

/** Every variable the config loader reads, in config.ts or the settings parsers it hands its environment. */
export function variablesReadByConfig(): Set<string> {
  return variablesReadBy(CONFIG_SOURCES.map((path) => readFileSync(join(repo, path), 'utf8')).join('\n'));
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
