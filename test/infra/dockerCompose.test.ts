/**
 * What can be checked of docker-compose.yml and the Dockerfile without a Docker engine: that they point at code the
 * build really emits, set only environment variables the services read, depend on services that exist, and pin
 * every image. Each check is a function returning the problems it found; the last block shows each can fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { emittedByBuild, repo, variablesReadByConfig } from './repositoryFacts';
const read = (path: string): string => readFileSync(join(repo, path), 'utf8');

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, what: string): Json {
  if (!isRecord(value)) throw new Error(`${what} is not a mapping`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// The compose file

/** `merge: true`: compose files use YAML merge keys (`<<: *anchor`), which YAML 1.2 parsers leave off by default. */
function parseCompose(text: string): Record<string, Json> {
  const services = record(record(parse(text, { merge: true }), 'the compose file').services, 'services');
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, record(service, name)]));
}

/** Both compose spellings: a mapping, or a list of `NAME=value` / `NAME`. */
function environmentOf(service: Json): Record<string, string | undefined> {
  const env = service.environment;
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const [name = '', ...value] = String(entry).split('=');
        return [name, value.length > 0 ? value.join('=') : undefined];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(record(env, 'environment')).map(([name, value]) => [
      name,
      value === null ? undefined : String(value),
    ]),
  );
}

/** Both compose spellings: a list of names, or a mapping of name to `{ condition }`. */
function dependsOn(service: Json): Record<string, string> {
  const deps = service.depends_on;
  if (deps === undefined) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [String(name), 'service_started']));
  return Object.fromEntries(
    Object.entries(record(deps, 'depends_on')).map(([name, spec]) => [
      name,
      isRecord(spec) && typeof spec.condition === 'string' ? spec.condition : 'service_started',
    ]),
  );
}

function commandOf(service: Json): string[] {
  const command = service.command;
  if (Array.isArray(command)) return command.map(String);
  if (typeof command === 'string') return command.trim().split(/\s+/);
  return [];
}

/** The host:port side of `host:port`, `scheme://host:port?…` and comma-separated lists of them. */
function hostsIn(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))
    .map((part) => part.replace(/^[^@/]*@/, '')) // user:password@
    .map((part) => part.split(/[/?]/)[0] ?? '')
    .map((part) => part.replace(/:\d+$/, ''))
    .filter((host) => host !== '');
}

/** The variables whose values name another compose service to connect to. */
const CONNECTION_VARIABLES = ['TEMPORAL_ADDRESS', 'ESDB_CONNECTION_STRING', 'KAFKA_BROKERS', 'DATABASE_URL'] as const;

// ---------------------------------------------------------------------------------------------------------------
// What the code reads and what the build emits

// ---------------------------------------------------------------------------------------------------------------
// The checks, each returning what it found wrong

const SERVICE_ENTRY = /^services\/([^/]+)\/main\.ts$/;

/** `node <file>` where the build emits <file> from services/<name>/main.ts, and (for compose) <name> is the service. */
function entryPointProblems(
  label: string,
  command: readonly string[],
  emitted: ReadonlyMap<string, string>,
  expectedService?: string,
): string[] {
  const [program, file, ...rest] = command;
  if (program !== 'node' || file === undefined || rest.length > 0) {
    return [`${label}: command should be ["node", "<file>"], got ${JSON.stringify(command)}`];
  }
  const source = emitted.get(file.replace(/^\.\//, ''));
  if (source === undefined) return [`${label}: ${file} is not emitted by tsconfig.build.json`];
  const entry = SERVICE_ENTRY.exec(source);
  if (!entry) return [`${label}: ${file} is built from ${source}, not from services/<name>/main.ts`];
  if (!existsSync(join(repo, source))) return [`${label}: ${source} does not exist`];
  if (expectedService !== undefined && entry[1] !== expectedService) {
    return [`${label}: runs services/${entry[1]}, expected services/${expectedService}`];
  }
  return [];
}

function unknownVariableProblems(services: Record<string, Json>, known: ReadonlySet<string>): string[] {
  return Object.entries(services).flatMap(([name, service]) =>
    Object.keys(environmentOf(service))
      .filter((variable) => !known.has(variable))
      .map((variable) => `${name}: ${variable} is not read by services/shared/config.ts`),
  );
}

function dependencyProblems(services: Record<string, Json>): string[] {
  return Object.entries(services).flatMap(([name, service]) =>
    Object.entries(dependsOn(service)).flatMap(([target, condition]) => {
      const dependency = services[target];
      if (!dependency) return [`${name}: depends on "${target}", which is not a service`];
      if (target === name) return [`${name}: depends on itself`];
      if (condition === 'service_healthy' && !isRecord(dependency.healthcheck)) {
        return [`${name}: waits for "${target}" to be healthy, but ${target} defines no healthcheck`];
      }
      return [];
    }),
  );
}

/** A service an app connects to (by its connection variables) must exist and be among its depends_on. */
function connectionProblems(services: Record<string, Json>, apps: readonly string[]): string[] {
  return apps.flatMap((name) => {
    const service = services[name] ?? {};
    const env = environmentOf(service);
    const deps = dependsOn(service);
    return CONNECTION_VARIABLES.flatMap((variable) =>
      hostsIn(env[variable] ?? '').flatMap((host) => {
        if (!services[host]) return [`${name}: ${variable} points at "${host}", which is not a service`];
        if (!(host in deps)) return [`${name}: connects to "${host}" (${variable}) but does not depend on it`];
        return [];
      }),
    );
  });
}

/** A tag (not `latest`) or a digest; `registry:5000/name` has no tag. */
function isPinned(image: string): boolean {
  if (image.includes('$')) return false; // not resolvable here
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return tag !== '' && tag !== 'latest';
}

function pinningProblems(images: ReadonlyArray<readonly [string, string]>): string[] {
  return images
    .filter(([, image]) => !isPinned(image))
    .map(([where, image]) => `${where}: image "${image}" is not pinned`);
}

function hostPortProblems(services: Record<string, Json>): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const [name, service] of Object.entries(services)) {
    for (const mapping of Array.isArray(service.ports) ? service.ports.map(String) : []) {
      const parts = mapping.split(':');
      if (parts.length < 2) continue; // container port only: no host port published
      const hostPort = parts[parts.length - 2] ?? '';
      const other = seen.get(hostPort);
      if (other) problems.push(`${name}: host port ${hostPort} is already published by ${other}`);
      seen.set(hostPort, name);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The Dockerfile

interface Stage {
  readonly image: string;
  readonly name?: string;
  readonly instructions: ReadonlyArray<{ readonly keyword: string; readonly args: string }>;
}

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ') // line continuations
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args = new Map<string, string>();
  const substitute = (value: string) =>
    value.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
      return args.get(braced ?? bare ?? '') ?? whole;
    });
  const stages: Array<{ image: string; name?: string; instructions: Array<{ keyword: string; args: string }> }> = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const upper = keyword.toUpperCase();
    const argsText = rest.join(' ');
    if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value] = argsText.split('=');
      if (value !== undefined) args.set(name, value);
    } else if (upper === 'FROM') {
      const words = rest.filter((word) => !word.startsWith('--platform'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({
        image: substitute(words[0] ?? ''),
        ...(asIndex >= 0 && words[asIndex + 1] ? { name: words[asIndex + 1] } : {}),
        instructions: [],
      });
    } else {
      stages[stages.length - 1]?.instructions.push({ keyword: upper, args: argsText });
    }
  }
  return stages;
}

function dockerfileProblems(stages: readonly Stage[], emitted: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const names = stages.map((stage) => stage.name);
  for (const required of ['build', 'runtime']) {
    if (!names.includes(required)) problems.push(`Dockerfile: no stage named "${required}"`);
  }
  const final = stages[stages.length - 1];
  if (!final) return [...problems, 'Dockerfile: no FROM'];
  if (final.name !== 'runtime') problems.push('Dockerfile: the last stage should be "runtime"');

  stages.forEach((stage, index) => {
    for (const { keyword, args } of stage.instructions) {
      const from = keyword === 'COPY' ? /--from=(\S+)/.exec(args)?.[1] : undefined;
      if (from !== undefined && !names.slice(0, index).includes(from)) {
        problems.push(`Dockerfile: COPY --from=${from} in stage "${stage.name ?? index}" names no earlier stage`);
      }
    }
  });

  const last = (keyword: string) => [...final.instructions].reverse().find((i) => i.keyword === keyword)?.args;
  const cmd = last('CMD');
  let command: unknown;
  try {
    command = cmd === undefined ? undefined : JSON.parse(cmd);
  } catch {
    command = undefined;
  }
  if (!Array.isArray(command)) problems.push(`Dockerfile: CMD should be an exec-form JSON array, got ${cmd}`);
  else problems.push(...entryPointProblems('Dockerfile CMD', command.map(String), emitted));

  const user = last('USER');
  if (user === undefined || /^(root|0)(:|$)/.test(user)) problems.push('Dockerfile: the runtime stage runs as root');
  const env = final.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
  if (!env.some((args) => /\bNODE_ENV=production\b/.test(args) || /^NODE_ENV\s+production$/.test(args))) {
    problems.push('Dockerfile: the runtime stage does not set NODE_ENV=production');
  }
  for (const needed of ['dist', 'node_modules', 'package.json']) {
    const copied = final.instructions.some(
      (i) => i.keyword === 'COPY' && new RegExp(`(^|\\s|/)${needed.replace('.', '\\.')}(\\s|$)`).test(i.args),
    );
    if (!copied) problems.push(`Dockerfile: the runtime stage does not copy ${needed}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

describe('docker-compose.yml and the Dockerfile', () => {
  const services = parseCompose(read('docker-compose.yml'));
  const apps = Object.keys(services).filter((name) => services[name]?.build !== undefined);
  const emitted = emittedByBuild();
  const known = variablesReadByConfig();

  it('reads what it needs (sanity of the parsers themselves)', () => {
    expect(apps).toEqual(expect.arrayContaining(['api', 'worker', 'relay']));
    expect([...known]).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', ...CONNECTION_VARIABLES]));
    expect(emitted.get('dist/services/api/main.js')).toBe('services/api/main.ts');
  });

  it('runs each app service from a file the build emits from services/<service>/main.ts', () => {
    expect(apps.flatMap((name) => entryPointProblems(name, commandOf(services[name] ?? {}), emitted, name))).toEqual(
      [],
    );
  });

  it('sets only environment variables that services/shared/config.ts reads', () => {
    const appServices = Object.fromEntries(apps.map((name) => [name, services[name] ?? {}]));
    expect(unknownVariableProblems(appServices, known)).toEqual([]);
  });

  it('depends only on services that exist, waiting for health only where a healthcheck is defined', () => {
    expect(dependencyProblems(services)).toEqual([]);
  });

  it('depends on every service an app connects to', () => {
    expect(connectionProblems(services, apps)).toEqual([]);
  });

  it('publishes the API on the port it listens on, and no host port twice', () => {
    const api = services.api ?? {};
    const port = environmentOf(api).PORT ?? '8080';
    const published = (Array.isArray(api.ports) ? api.ports.map(String) : []).map((p) => p.split(':').pop());
    expect(published).toContain(port);
    expect(hostPortProblems(services)).toEqual([]);
  });

  it('runs KurrentDB secure: TLS, a password that is not the default, its admin port not published; apps connect so', () => {
    const kurrentdb = services.kurrentdb ?? {};
    const env = environmentOf(kurrentdb);
    expect(env.KURRENTDB_INSECURE).toBeUndefined();
    expect(env.KURRENTDB_CERTIFICATE_FILE).toBeTruthy();
    expect(env.KURRENTDB_DEFAULT_ADMIN_PASSWORD).toMatch(/^\$\{KURRENTDB_ADMIN_PASSWORD:\?/);
    expect(kurrentdb.ports).toBeUndefined();
    const connections = Object.entries(services).flatMap(([name, service]) => {
      const value = environmentOf(service).ESDB_CONNECTION_STRING;
      return value === undefined ? [] : [[name, value] as const];
    });
    expect(connections.map(([name]) => name).sort()).toEqual(['api', 'inbound', 'relay', 'webhooks', 'worker']);
    for (const [, value] of connections) {
      expect(value).toMatch(/^esdb:\/\/admin:\$\{KURRENTDB_ADMIN_PASSWORD:\?[^}]*\}@kurrentdb:2113\?/);
      expect(value).toMatch(/[?&]tls=true(&|$)/);
      expect(value).toMatch(/[?&]tlsCAFile=/);
    }
  });

  it('lets the API listen on every interface in the container (HOST defaults to loopback elsewhere)', () => {
    expect(environmentOf(services.api ?? {}).HOST).toBe('0.0.0.0');
    const runtime = parseDockerfile(read('Dockerfile')).find((stage) => stage.name === 'runtime');
    expect(runtime?.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args)).toContainEqual(
      expect.stringMatching(/\bHOST=0\.0\.0\.0\b/),
    );
  });

  it('pins every image, in compose and in the Dockerfile', () => {
    const composeImages = Object.entries(services)
      .filter(([, service]) => service.build === undefined)
      .map(([name, service]) => [name, String(service.image ?? '')] as const);
    const dockerfileImages = parseDockerfile(read('Dockerfile')).map(
      (stage, index) => [`Dockerfile stage ${stage.name ?? index}`, stage.image] as const,
    );
    expect(composeImages.length).toBeGreaterThan(0);
    expect(pinningProblems([...composeImages, ...dockerfileImages])).toEqual([]);
  });

  it('builds in a "build" stage and runs a "runtime" stage, non-root, whose CMD the build emits', () => {
    expect(dockerfileProblems(parseDockerfile(read('Dockerfile')), emitted)).toEqual([]);
  });

  describe('the checks themselves can fail', () => {
    it('on a misspelt variable', () => {
      expect(unknownVariableProblems({ api: { environment: { TEMPORAL_ADRESS: 'temporal:7233' } } }, known)).toEqual([
        'api: TEMPORAL_ADRESS is not read by services/shared/config.ts',
      ]);
      const listForm = { api: { environment: ['TEMPORAL_ADDRESS=x', 'KAFKA_BROKER=y'] } };
      expect(unknownVariableProblems(listForm, known)).toEqual([
        'api: KAFKA_BROKER is not read by services/shared/config.ts',
      ]);
    });

    it('on a command that the build does not emit, or that runs another service', () => {
      expect(entryPointProblems('api', ['node', 'dist/services/api/mian.js'], emitted, 'api')).toHaveLength(1);
      expect(entryPointProblems('api', ['node', 'services/api/main.ts'], emitted, 'api')).toHaveLength(1);
      expect(entryPointProblems('api', ['node', 'dist/services/worker/main.js'], emitted, 'api')).toHaveLength(1);
      expect(entryPointProblems('api', ['node', 'dist/services/shared/config.js'], emitted, 'api')).toHaveLength(1);
    });

    it('on a missing dependency, or waiting for health that is never reported', () => {
      expect(dependencyProblems({ api: { depends_on: ['temporl'] } })).toHaveLength(1);
      expect(
        dependencyProblems({ api: { depends_on: { kafka: { condition: 'service_healthy' } } }, kafka: {} }),
      ).toHaveLength(1);
      expect(
        connectionProblems({ relay: { environment: { KAFKA_BROKERS: 'kafka:9092' } }, kafka: {} }, ['relay']),
      ).toEqual(['relay: connects to "kafka" (KAFKA_BROKERS) but does not depend on it']);
      const typoHost = { api: { environment: { ESDB_CONNECTION_STRING: 'esdb://kurrent:2113?tls=false' } } };
      expect(connectionProblems(typoHost, ['api'])).toEqual([
        'api: ESDB_CONNECTION_STRING points at "kurrent", which is not a service',
      ]);
    });

    it('on an unpinned image', () => {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose file's ${TAG} is interpolated by Compose, not by JavaScript
      for (const image of ['postgres', 'postgres:latest', 'localhost:5000/postgres', 'apache/kafka:${TAG}']) {
        expect(isPinned(image)).toBe(false);
      }
      for (const image of ['apache/kafka:4.3.1', 'localhost:5000/pg:16', `pg@sha256:${'a'.repeat(64)}`]) {
        expect(isPinned(image)).toBe(true);
      }
    });

    it('on a Dockerfile without its stages, running as root or with a CMD the build does not emit', () => {
      const broken = parseDockerfile(
        [
          'ARG BASE=node:24-bookworm-slim',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, where ${BASE} is a build argument
          'FROM ${BASE} AS builder',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, where ${BASE} is a build argument
          'FROM ${BASE}',
          'COPY --from=build /app/dist ./dist',
          'CMD ["node", "dist/services/nope/main.js"]',
        ].join('\n'),
      );
      expect(broken[0]?.image).toBe('node:24-bookworm-slim');
      expect(dockerfileProblems(broken, emitted)).toEqual(
        expect.arrayContaining([
          'Dockerfile: no stage named "build"',
          'Dockerfile: no stage named "runtime"',
          'Dockerfile: COPY --from=build in stage "1" names no earlier stage',
          'Dockerfile CMD: dist/services/nope/main.js is not emitted by tsconfig.build.json',
          'Dockerfile: the runtime stage runs as root',
        ]),
      );
    });
  });
});
