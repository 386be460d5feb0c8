import { spawnSync } from 'node:child_process';
import { EsdbEventStore } from '../../services/event-store/esdbEventStore';
import { withContracts } from '../../services/event-store/withContracts';
import { describeUnless } from '../support/serviceAvailability';
import { contractSchemas, eventStoreContract } from './eventStoreContract';

const IMAGE = 'kurrentplatform/kurrentdb:26.1';

/**
 * Where the EventStoreDB contract runs, decided before jest collects tests (describe cannot wait): an address in
 * the environment, else a container where a Docker engine answers, else a loud skip — allowed by default for
 * this one service only (see skipAllowed; SOFT_LANDING_ALLOW_SKIP= makes it a failure).
 */
function whereToRun():
  | { kind: 'address'; connectionString: string }
  | { kind: 'container' }
  | { kind: 'none'; reason: string } {
  const fromEnvironment = process.env.ESDB_CONNECTION_STRING?.trim();
  if (fromEnvironment) return { kind: 'address', connectionString: fromEnvironment };
  if (process.env.SOFT_LANDING_NO_CONTAINERS)
    return { kind: 'none', reason: 'no ESDB_CONNECTION_STRING and containers are switched off' };
  // The same question provideServices.ts asks testcontainers, asked in a child process so the answer is synchronous.
  const probe = spawnSync(
    process.execPath,
    ['-e', "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))"],
    { timeout: 30_000, stdio: 'ignore' },
  );
  if (probe.status === 0) return { kind: 'container' };
  return { kind: 'none', reason: 'no ESDB_CONNECTION_STRING and no Docker engine for a KurrentDB container' };
}

const target = whereToRun();

if (target.kind === 'none') {
  const reason = `${target.reason}; set ESDB_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it`;
  describeUnless('esdb', reason, 'event store contract: EventStoreDB/KurrentDB', () => {
    it('needs a server', () => undefined);
  });
} else {
  let connectionString = target.kind === 'address' ? target.connectionString : '';
  let stopContainer: (() => Promise<unknown>) | undefined;

  beforeAll(async () => {
    if (target.kind !== 'container') return;
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(IMAGE)
      .withEnvironment({
        KURRENTDB_CLUSTER_SIZE: '1',
        KURRENTDB_RUN_PROJECTIONS: 'None',
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_ENABLE_ATOM_PUB_OVER_HTTP: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHealthCheck())
      .withStartupTimeout(120_000)
      .start();
    connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    stopContainer = () => container.stop();
  }, 180_000);

  afterAll(async () => {
    await stopContainer?.();
  }, 60_000);

  eventStoreContract(
    `EventStoreDB/KurrentDB (${target.kind === 'address' ? 'ESDB_CONNECTION_STRING' : IMAGE})`,
    async () => ({
      open: async () => new EsdbEventStore(connectionString),
      // The server is shared by the whole run; every test writes to streams of its own.
      dispose: async () => undefined,
    }),
  );

  const schemas = contractSchemas();
  eventStoreContract(`EventStoreDB/KurrentDB with contracts (production wiring)`, async () => ({
    open: async () => withContracts(new EsdbEventStore(connectionString), schemas),
    dispose: async () => undefined,
  }));
}
