/**
 * What can be checked of docker-compose.yml and the Dockerfile without a Docker engine: that the compose file is
 * valid by the compose-spec schema, points at code the build really emits, runs every service entry point, sets
 * only environment variables the services read, depends on services that exist and are ready (healthy, or done for
 * a one-shot), mounts files that are in the repository, and pins every image; and that the README documents every
 * service. Each check is a function returning the problems it found; the last block shows each can fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { loadOrganisations } from '../../services/hris-connector/organisations';
import { deployedServices, emittedByBuild, repo, variablesReadByConfig } from './repositoryFacts';
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
function parseComposeDocument(text: string): Json {
  return record(parse(text, { merge: true }), 'the compose file');
}

function servicesOf(document: Json): Record<string, Json> {
  const services = record(document.services, 'services');
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, record(service, name)]));
}

let composeSchema: ValidateFunction | undefined;

/**
 * The compose-spec schema as the `docker-compose` package ships it (schema/compose-spec.json, taken from
 * compose-spec/compose-spec), compiled once.
 */
function composeValidator(): ValidateFunction {
  if (composeSchema) return composeSchema;
  const text = readFileSync(require.resolve('docker-compose/schema/compose-spec.json'), 'utf8');
  // It names draft-07 as `https://json-schema.org/draft-07/schema`, a spelling Ajv does not know; it is draft-07,
  // Ajv's default. `strict: false`: the schema uses annotations Ajv has no keyword for (`deprecated`).
  const { $schema: _draft07, ...schema } = JSON.parse(text) as Json;
  composeSchema = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return composeSchema;
}

/** Checked on the document after its merge keys are resolved, as Compose checks it. */
function schemaProblems(document: unknown): string[] {
  const validate = composeValidator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

/** `${NAME:-default}` and `${NAME-default}` read as Compose reads them with NAME unset; anything else is kept. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, (_whole, fallback: string) => fallback);
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
const CONNECTION_VARIABLES = [
  'TEMPORAL_ADDRESS',
  'ESDB_CONNECTION_STRING',
  'KAFKA_BROKERS',
  'DATABASE_URL',
  'SMTP_URL',
] as const;

/** Host paths a service mounts: bind volumes (`./src:/target[:ro]` or `{ type: bind, source }`) and env files. */
function hostFilesOf(service: Json): Array<{ readonly path: string; readonly required: boolean }> {
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  const binds = volumes.flatMap((volume) => {
    if (typeof volume === 'string') {
      const source = volume.split(':')[0] ?? '';
      return /^[./~]/.test(source) ? [source] : []; // else a named volume
    }
    return isRecord(volume) && volume.type === 'bind' && typeof volume.source === 'string' ? [volume.source] : [];
  });
  const envFiles = (
    service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file]
  ).map((entry) =>
    isRecord(entry)
      ? { path: String(entry.path), required: entry.required !== false && entry.required !== 'false' }
      : { path: String(entry), required: true },
  );
  return [...binds.map((path) => ({ path, required: true })), ...envFiles];
}

/** A one-shot service: one that another waits for to have exited 0 (service_completed_successfully). */
function oneShotServices(services: Record<string, Json>): Set<string> {
  return new Set(
    Object.values(services).flatMap((service) =>
      Object.entries(dependsOn(service))
        .filter(([, condition]) => condition === 'service_completed_successfully')
        .map(([target]) => target),
    ),
  );
}

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
      hostsIn(withDefaults(env[variable] ?? '')).flatMap((host) => {
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

/** Only the API, which asks for credentials, is published beyond the host's loopback. */
function publishedBeyondLoopbackProblems(services: Record<string, Json>, open: readonly string[]): string[] {
  return Object.entries(services)
    .filter(([name]) => !open.includes(name))
    .flatMap(([name, service]) =>
      (Array.isArray(service.ports) ? service.ports.map(String) : [])
        .filter((mapping) => !mapping.startsWith('127.0.0.1:'))
        .map((mapping) => `${name}: publishes ${mapping} beyond the host's loopback`),
    );
}

/**
 * A long-running service reports its health, so what depends on it can wait for it; a one-shot reports none (it is
 * waited for by its exit) and is not restarted once it succeeded, or it would never count as completed.
 */
function healthcheckProblems(services: Record<string, Json>): string[] {
  const oneShots = oneShotServices(services);
  return Object.entries(services).flatMap(([name, service]) => {
    const healthcheck = isRecord(service.healthcheck) ? service.healthcheck : undefined;
    if (oneShots.has(name)) {
      const restart = service.restart === undefined ? 'no' : String(service.restart);
      return [
        ...(healthcheck ? [`${name}: a one-shot service with a healthcheck (it is waited for by its exit)`] : []),
        ...(/^(no|on-failure(:\d+)?)$/.test(restart) ? [] : [`${name}: a one-shot service with restart: ${restart}`]),
      ];
    }
    if (!healthcheck || healthcheck.disable === true) return [`${name}: a long-running service without a healthcheck`];
    return [];
  });
}

/** Every file the compose file takes from the host (relative to the repository) is in the repository. */
function hostFileProblems(document: Json): string[] {
  const services = servicesOf(document);
  const fromServices = Object.entries(services).flatMap(([name, service]) =>
    hostFilesOf(service).map((file) => ({ ...file, where: name })),
  );
  const fromConfigs = Object.entries(isRecord(document.configs) ? document.configs : {}).flatMap(([name, config]) =>
    isRecord(config) && typeof config.file === 'string'
      ? [{ path: config.file, required: true, where: `configs.${name}` }]
      : [],
  );
  return [...fromServices, ...fromConfigs].flatMap(({ path, required, where }) => {
    const resolved = withDefaults(path);
    if (resolved.includes('${')) return [`${where}: ${path} has no default to check`];
    if (isAbsolute(resolved) || resolved.startsWith('~')) return [`${where}: ${path} is outside the repository`];
    if (!required || existsSync(join(repo, resolved))) return [];
    return [`${where}: mounts ${resolved}, which is not in the repository`];
  });
}

/**
 * A script a service runs from a folder it mounts from the repository (`./infra/…:/compose:ro`, command
 * `/compose/x.sh`) is there, and is valid sh (`sh -n`: read, not run).
 */
function mountedScriptProblems(services: Record<string, Json>, root = repo): string[] {
  return Object.entries(services).flatMap(([name, service]) => {
    const mounts = (Array.isArray(service.volumes) ? service.volumes : [])
      .filter((volume): volume is string => typeof volume === 'string' && volume.startsWith('./'))
      .map((volume) => volume.split(':'))
      .map(([source = '', target = '']) => ({ source, target: target.replace(/\/$/, '') }));
    return commandOf(service).flatMap((word) => {
      const mount = mounts.find(({ target }) => word.startsWith(`${target}/`));
      if (!mount || !word.endsWith('.sh')) return [];
      const script = join(root, mount.source, word.slice(mount.target.length));
      if (!existsSync(script))
        return [`${name}: runs ${word}, but ${mount.source}${word.slice(mount.target.length)} is not there`];
      const check = spawnSync('sh', ['-n', script], { encoding: 'utf8' });
      return check.status === 0 ? [] : [`${name}: ${word} is not valid sh: ${check.stderr.trim()}`];
    });
  });
}

/** Every deployable (services/<name>/main.ts) but the all-in-one, which is the Dockerfile's CMD, has its service. */
function entryPointCoverageProblems(
  services: Record<string, Json>,
  apps: readonly string[],
  emitted: ReadonlyMap<string, string>,
): string[] {
  const run = new Set(apps.map((name) => emitted.get(commandOf(services[name] ?? {})[1] ?? '')));
  return [...new Set(emitted.values())]
    .filter((source) => SERVICE_ENTRY.test(source) && source !== 'services/embedded/main.ts')
    .filter((source) => !run.has(source))
    .sort()
    .map((source) => `${source} has no compose service`);
}

/** An app that talks to Temporal waits until the namespace it uses is registered (a real server starts with none). */
function temporalNamespaceProblems(services: Record<string, Json>, apps: readonly string[]): string[] {
  const job = services['temporal-namespace'];
  if (!job) return ["no temporal-namespace service registers the apps' namespace"];
  const registered = environmentOf(job).TEMPORAL_NAMESPACE;
  return apps.flatMap((name) => {
    const service = services[name] ?? {};
    const env = environmentOf(service);
    if (env.TEMPORAL_ADDRESS === undefined) return [];
    const problems: string[] = [];
    if (dependsOn(service)['temporal-namespace'] !== 'service_completed_successfully')
      problems.push(`${name}: does not wait for temporal-namespace to complete successfully`);
    if ((env.TEMPORAL_NAMESPACE ?? 'default') !== registered)
      problems.push(
        `${name}: uses namespace ${env.TEMPORAL_NAMESPACE ?? 'default'}, temporal-namespace registers ${registered}`,
      );
    return problems;
  });
}

/** A real Temporal server, not the CLI's dev server, with admin tools of its own version (their schemas are its). */
function temporalServerProblems(services: Record<string, Json>): string[] {
  const images = Object.entries(services).map(([name, service]) => [name, String(service.image ?? '')] as const);
  const server = images.filter(([, image]) => image.startsWith('temporalio/server:'));
  if (server.length !== 1) return [`expected one temporalio/server service, found ${server.length}`];
  const [, serverImage] = server[0] ?? ['', ''];
  const version = serverImage.slice(serverImage.indexOf(':') + 1);
  return images.flatMap(([name, image]) => {
    if (image.startsWith('temporalio/temporal:')) return [`${name}: runs the Temporal CLI (dev server) image ${image}`];
    if (image.startsWith('temporalio/admin-tools:') && image !== `temporalio/admin-tools:${version}`)
      return [`${name}: ${image} is not the server's version ${version}`];
    return [];
  });
}

/**
 * The deployables whose entry point sends mail: the journey's activities (opened by openJourneyDeps, or by
 * startJourneyWorker, which runs them), or a mailer of their own.
 */
function mailSenders(apps: readonly string[]): string[] {
  return apps.filter((name) => {
    const path = join(repo, 'services', name, 'main.ts');
    return existsSync(path) && /\b(createMailer|openJourneyDeps|startJourneyWorker)\b/.test(readFileSync(path, 'utf8'));
  });
}

function mailProblems(services: Record<string, Json>, senders: readonly string[]): string[] {
  return senders
    .filter((name) => !withDefaults(environmentOf(services[name] ?? {}).SMTP_URL ?? ''))
    .map((name) => `${name}: sends mail but has no SMTP_URL`);
}

/** Every compose service is named in a table row of the README's compose section. */
function undocumentedServiceProblems(services: Record<string, Json>, readme: string): string[] {
  const start = readme.indexOf('## Distributed: `docker compose up`');
  if (start < 0) return ['README: no section "Distributed: `docker compose up`"'];
  const next = readme.indexOf('\n## ', start + 1);
  const rows = readme
    .slice(start, next < 0 ? undefined : next)
    .split('\n')
    .filter((line) => line.startsWith('|'));
  return Object.keys(services)
    .filter((name) => !rows.some((row) => row.split('|')[1]?.includes(`\`${name}\``)))
    .map((name) => `README: the compose service ${name} is not in the section's table`);
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
  const document = parseComposeDocument(read('docker-compose.yml'));
  const services = servicesOf(document);
  const apps = Object.keys(services).filter((name) => services[name]?.build !== undefined);
  const emitted = emittedByBuild();
  const known = variablesReadByConfig();

  it('reads what it needs (sanity of the parsers themselves)', () => {
    expect(apps).toEqual(expect.arrayContaining(['api', 'worker', 'relay']));
    expect([...known]).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', ...CONNECTION_VARIABLES]));
    expect(emitted.get('dist/services/api/main.js')).toBe('services/api/main.ts');
  });

  it('is a valid compose file by the compose-spec schema', () => {
    expect(schemaProblems(document)).toEqual([]);
  });

  it('runs every service entry point but the all-in-one as a service of its own', () => {
    expect(apps).toEqual(expect.arrayContaining(['webhooks', 'inbound', 'hris-connector']));
    expect(entryPointCoverageProblems(services, apps, emitted)).toEqual([]);
  });

  it('gives every long-running service a healthcheck and no one-shot service one', () => {
    expect([...oneShotServices(services)].sort()).toEqual(['kurrentdb-certs', 'temporal-namespace', 'temporal-schema']);
    expect(healthcheckProblems(services)).toEqual([]);
  });

  it('mounts only files that are in the repository, and runs scripts that are there and valid sh', () => {
    expect(hostFileProblems(document)).toEqual([]);
    expect(mountedScriptProblems(services)).toEqual([]);
  });

  it('runs a real Temporal server on PostgreSQL; apps wait for their namespace to be registered', () => {
    expect(temporalServerProblems(services)).toEqual([]);
    const temporal = environmentOf(services.temporal ?? {});
    expect(temporal.DB).toBe('postgres12');
    expect(services[temporal.POSTGRES_SEEDS ?? '']?.image).toMatch(/^postgres:/);
    expect(dependsOn(services.temporal ?? {})).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(temporalNamespaceProblems(services, apps)).toEqual([]);
  });

  it('sends the mail of every service that sends mail to Mailpit, whose UI is published', () => {
    expect(mailSenders(apps).sort()).toEqual(['api', 'worker']);
    expect(mailProblems(services, mailSenders(apps))).toEqual([]);
    expect(String(services.mailpit?.image)).toMatch(/^axllent\/mailpit:/);
    expect(services.mailpit?.ports).toContain('127.0.0.1:8025:8025');
  });

  it('mounts an example organisations file the HRIS connector accepts', () => {
    const configs = record(document.configs, 'configs');
    const file = join(repo, withDefaults(String(record(configs['hris-organisations'], 'hris-organisations').file)));
    // The credentials it names come from HRIS_CREDENTIALS_FILE; any value will do to read the file.
    const named = [...readFileSync(file, 'utf8').matchAll(/"\w+Variable":\s*"([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1]);
    const organisations = loadOrganisations(file, Object.fromEntries(named.map((name) => [name, 'example'])));
    expect(organisations.length).toBeGreaterThan(0);
    expect(services['hris-connector']?.profiles).toEqual(['hris']);
  });

  it("is documented: every service is in the README's compose section", () => {
    expect(undocumentedServiceProblems(services, read('README.md'))).toEqual([]);
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

  it("publishes what asks for no credentials (Temporal, its UI, Kafka, Mailpit) on the host's loopback only", () => {
    expect(publishedBeyondLoopbackProblems(services, ['api'])).toEqual([]);
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
    expect(connections.map(([name]) => name).sort()).toEqual(deployedServices());
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

    it('on a document the compose-spec schema refuses', () => {
      expect(schemaProblems({ services: { api: { image: 'x:1' } } })).toEqual([]);
      expect(schemaProblems({ services: { api: { image: 'x:1', healthcheck: { interval: 5 } } } })).toHaveLength(1);
      expect(
        schemaProblems({ services: { api: { image: 'x:1', depends_on: { db: { condition: 'when_ready' } } } } }),
      ).not.toEqual([]);
      expect(schemaProblems({ services: { api: { image: 'x:1', helthcheck: {} } } })).not.toEqual([]);
    });

    it('on a long-running service without a healthcheck, or a one-shot with one or restarted after success', () => {
      const oneShot = { depends_on: { job: { condition: 'service_completed_successfully' } }, healthcheck: {} };
      expect(healthcheckProblems({ app: oneShot, job: { restart: 'on-failure:3' } })).toEqual([]);
      expect(healthcheckProblems({ app: {} })).toEqual(['app: a long-running service without a healthcheck']);
      expect(healthcheckProblems({ app: oneShot, job: { healthcheck: {} } })).toEqual([
        'job: a one-shot service with a healthcheck (it is waited for by its exit)',
      ]);
      expect(healthcheckProblems({ app: oneShot, job: { restart: 'unless-stopped' } })).toEqual([
        'job: a one-shot service with restart: unless-stopped',
      ]);
    });

    it('on a port published beyond the loopback', () => {
      const services = { api: { ports: ['8080:8080'] }, mailpit: { ports: ['127.0.0.1:8025:8025', '1025:1025'] } };
      expect(publishedBeyondLoopbackProblems(services, ['api'])).toEqual([
        "mailpit: publishes 1025:1025 beyond the host's loopback",
      ]);
    });

    it('on a mounted file that is not in the repository', () => {
      const mounting = (source: string) => ({ services: { s: { volumes: [`${source}:/x:ro`, 'named:/y'] } } });
      expect(hostFileProblems(mounting('./infra/compose/temporal'))).toEqual([]);
      expect(hostFileProblems(mounting('./infra/compose/temporl'))).toEqual([
        's: mounts ./infra/compose/temporl, which is not in the repository',
      ]);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose file's ${NAME:-default}, read as Compose reads it
      const config = { services: {}, configs: { c: { file: '${F:-./nope.json}' } } };
      expect(hostFileProblems(config)).toEqual(['configs.c: mounts ./nope.json, which is not in the repository']);
      const optional = { services: { s: { env_file: [{ path: './nope.env', required: false }] } } };
      expect(hostFileProblems(optional)).toEqual([]);
    });

    it('on a script that is not in the mounted folder, or is not valid sh', () => {
      const running = (script: string) => ({
        job: { command: [script], volumes: ['./infra/compose/temporal:/compose:ro'] },
      });
      expect(mountedScriptProblems(running('/compose/setup-schema.sh'))).toEqual([]);
      expect(mountedScriptProblems(running('/compose/setup-schemas.sh'))).toEqual([
        'job: runs /compose/setup-schemas.sh, but ./infra/compose/temporal/setup-schemas.sh is not there',
      ]);
      const folder = mkdtempSync(join(tmpdir(), 'compose-script-'));
      writeFileSync(join(folder, 'broken.sh'), 'if true; then\n  echo "no fi"\n');
      const broken = { job: { command: ['/s/broken.sh'], volumes: ['./:/s:ro'] } };
      expect(mountedScriptProblems(broken, folder)).toEqual([
        expect.stringMatching(/^job: \/s\/broken\.sh is not valid sh: /),
      ]);
      rmSync(folder, { recursive: true });
    });

    it('on an entry point without its service', () => {
      const withoutInbound = apps.filter((name) => name !== 'inbound');
      expect(entryPointCoverageProblems(services, withoutInbound, emitted)).toEqual([
        'services/inbound/main.ts has no compose service',
      ]);
    });

    it('on the dev server, mismatched admin tools, or an app that does not wait for its namespace', () => {
      const server = { image: 'temporalio/server:1.30.1' };
      expect(temporalServerProblems({ temporal: { image: 'temporalio/temporal:1.9.1' } })).toHaveLength(1);
      expect(temporalServerProblems({ temporal: server, tools: { image: 'temporalio/admin-tools:1.29.0' } })).toEqual([
        "tools: temporalio/admin-tools:1.29.0 is not the server's version 1.30.1",
      ]);
      const job = { environment: { TEMPORAL_NAMESPACE: 'default' } };
      const app = (extra: Json) => ({ environment: { TEMPORAL_ADDRESS: 'temporal:7233', ...extra } });
      expect(temporalNamespaceProblems({ 'temporal-namespace': job, api: app({}) }, ['api'])).toEqual([
        'api: does not wait for temporal-namespace to complete successfully',
      ]);
      const waiting = { depends_on: { 'temporal-namespace': { condition: 'service_completed_successfully' } } };
      const other = { ...waiting, ...app({ TEMPORAL_NAMESPACE: 'hr' }) };
      expect(temporalNamespaceProblems({ 'temporal-namespace': job, api: other }, ['api'])).toEqual([
        'api: uses namespace hr, temporal-namespace registers default',
      ]);
    });

    it('on a service that sends mail without SMTP_URL, or an undocumented service', () => {
      expect(mailSenders(['api', 'relay', 'worker'])).toEqual(['api', 'worker']);
      expect(mailProblems({ worker: { environment: {} } }, ['worker'])).toEqual([
        'worker: sends mail but has no SMTP_URL',
      ]);
      const readme =
        '## Distributed: `docker compose up`\n\n| service | for |\n| `api` | the API |\n\n## Next\n| `relay` |';
      expect(undocumentedServiceProblems({ api: {}, relay: {} }, readme)).toEqual([
        "README: the compose service relay is not in the section's table",
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
