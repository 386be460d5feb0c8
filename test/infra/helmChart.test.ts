/**
 * The Helm chart (infra/helm/soft-landing): `helm lint` and `helm template` with the defaults and with every service
 * on, each rendered manifest validated against the Kubernetes schemas offline (kubernetes-models), then checked
 * against the code: a Deployment per service with its entry point, probes on the port the service listens on,
 * only variables services/shared/config.ts reads, and secrets by reference only.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { describeWithServices } from '../support/serviceAvailability';
import { deployedServices, emittedByBuild, repo, variablesReadByConfig } from './repositoryFacts';

const run = promisify(execFile);
const CHART = join(repo, 'infra/helm/soft-landing');
const EVERY_SERVICE = join(repo, 'test/infra/fixtures/helm-every-service.yaml');
/** A helm built with `go install` assumes Kubernetes 1.20 (its release builds set the version at link time). */
const KUBE_VERSION = ['--kube-version', '1.31.0'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rendered manifests, checked as read

async function helm(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.env.HELM_PATH!, args, { maxBuffer: 20 * 1024 * 1024 });
}

async function render(...valueFiles: string[]): Promise<Json[]> {
  return renderWith(...valueFiles.flatMap((file) => ['--values', file]));
}

/** `helm template` with these further arguments (`--values`, `--set`). */
async function renderWith(...args: string[]): Promise<Json[]> {
  const { stdout } = await helm(
    'template',
    'soft-landing',
    CHART,
    ...KUBE_VERSION,
    '--namespace',
    'onboarding',
    ...args,
  );
  return parseAllDocuments(stdout)
    .map((document) => document.toJSON() as Json | null)
    .filter((manifest): manifest is Json => manifest !== null);
}

/** Problems kubernetes-models finds in the manifests, checked in a plain Node process (test/infra/validateManifests.mjs). */
async function schemaProblems(manifests: Json[]): Promise<string[]> {
  const child = execFile(process.execPath, [join(__dirname, 'validateManifests.mjs')], {
    cwd: repo,
    maxBuffer: 20 * 1024 * 1024,
  });
  const output = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`validateManifests.mjs exited ${code}`)),
    );
  });
  child.stdin!.end(JSON.stringify(manifests));
  return JSON.parse(await output) as string[];
}

const byKind = (manifests: Json[], kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const component = (manifest: Json): string => manifest.metadata.labels['app.kubernetes.io/component'];

describeWithServices(['helm'], 'the Helm chart', () => {
  let defaults: Json[];
  let everything: Json[];

  beforeAll(async () => {
    [defaults, everything] = await Promise.all([render(), render(EVERY_SERVICE)]);
  }, 60_000);

  it('passes helm lint --strict with the defaults and with every service on', async () => {
    for (const values of [[], ['--values', EVERY_SERVICE]]) {
      const { stdout } = await helm('lint', '--strict', ...KUBE_VERSION, CHART, ...values);
      expect(stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    }
  }, 60_000);

  it('renders only manifests that validate against the Kubernetes schemas', async () => {
    const manifests = [...defaults, ...everything];
    expect(await schemaProblems(manifests)).toEqual([]);
    // The validator does find what is wrong: a container without an image, a replica count that is text.
    const broken = structuredClone(byKind(everything, 'Deployment')[0]!);
    delete broken.spec.template.spec.containers[0].image;
    broken.spec.replicas = 'two';
    expect(await schemaProblems([broken])).toEqual([
      expect.stringMatching(/^Deployment soft-landing-\S+: .*(image|replicas)/),
    ]);
    const kinds = new Set(manifests.map((manifest) => manifest.kind as string));
    expect([...kinds].sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'Ingress',
      'PodDisruptionBudget',
      'Service',
    ]);
  }, 60_000);

  it('runs each service from its own entry point, with probes on the port it serves them on', () => {
    const emitted = emittedByBuild();
    const deployments = byKind(everything, 'Deployment');
    expect(deployments.map(component).sort()).toEqual(deployedServices());
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      const [node, entry] = container.command;
      expect({ service: component(deployment), node, emittedFrom: emitted.get(entry) }).toEqual({
        service: component(deployment),
        node: 'node',
        emittedFrom: `services/${component(deployment)}/main.ts`,
      });
      const port = component(deployment) === 'api' ? 8080 : 9464;
      expect(container.ports.map((entry: Json) => entry.containerPort)).toEqual([port]);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        expect({ probe, port: container[probe].httpGet.port }).toEqual({ probe, port });
      }
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
    }
  });

  it('sets only variables the services read, and takes every secret from a Secret', () => {
    const known = variablesReadByConfig();
    // The connector's organisations file names further variables of its own (its credentials, loaded with envFrom).
    for (const deployment of byKind(everything, 'Deployment')) {
      const env: Json[] = deployment.spec.template.spec.containers[0].env;
      expect(env.map((entry) => entry.name).filter((name) => !known.has(name))).toEqual([]);
      const bySecret = env.filter((entry) => entry.valueFrom?.secretKeyRef).map((entry) => entry.name);
      expect(bySecret.sort()).toEqual(['DATABASE_URL', 'ESDB_CONNECTION_STRING', 'SMTP_URL', 'TEMPORAL_API_KEY']);
      // Key files, the Kafka CA and password and Temporal's client certificate among them, come from the keys Secret.
      const files = env.filter(
        (candidate) =>
          /_(PATH|FILE)$/.test(candidate.name) &&
          !['HRIS_ORGANISATIONS_PATH', 'READ_MODEL_PATH'].includes(candidate.name),
      );
      expect(files.map((entry) => entry.name)).toEqual(
        expect.arrayContaining(['KAFKA_SSL_CA_FILE', 'KAFKA_SASL_PASSWORD_FILE', 'TEMPORAL_TLS_CLIENT_CERT_PATH']),
      );
      for (const entry of files) expect(entry.value).toMatch(/^\/app\/keys\//);
      // The secured connections' plain settings are values.
      const values = Object.fromEntries(
        env.filter((entry) => 'value' in entry).map((entry) => [entry.name, entry.value]),
      );
      expect(values).toMatchObject({
        TEMPORAL_TLS: 'true',
        TEMPORAL_TLS_SERVER_NAME: 'temporal.example.org',
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'soft-landing',
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
      });
    }
    // Without database.url every store stays on SQLite: no DATABASE_URL at all, not an empty one; and without
    // the secured settings nothing of them is set.
    for (const deployment of byKind(defaults, 'Deployment')) {
      const names = deployment.spec.template.spec.containers[0].env.map((entry: Json) => entry.name);
      for (const absent of ['DATABASE_URL', 'TEMPORAL_TLS', 'TEMPORAL_API_KEY', 'KAFKA_SSL', 'KAFKA_SASL_MECHANISM'])
        expect({ absent, set: names.includes(absent) }).toEqual({ absent, set: false });
    }
  });

  it('scales api and worker, keeps one active relay and dispatcher, and leaves the Kafka services out without brokers', async () => {
    // The defaults leave the relay out (no brokers): the same defaults with brokers, for the relay without a database.
    const withBrokers = await renderWith('--set', 'kafka.brokers=kafka:9092');
    expect(byKind(everything, 'HorizontalPodAutoscaler').map(component).sort()).toEqual(['api', 'worker']);
    expect(byKind(everything, 'PodDisruptionBudget').map(component).sort()).toEqual(['api', 'worker']);
    const deploymentOf = (manifests: Json[], name: string) =>
      byKind(manifests, 'Deployment').find((candidate) => component(candidate) === name)!;
    for (const single of ['relay', 'webhooks']) {
      // Without a shared database: one pod, replaced with Recreate (its lease is a file in the pod).
      const alone = deploymentOf(withBrokers, single);
      expect({ single, replicas: alone.spec.replicas, strategy: alone.spec.strategy?.type }).toEqual({
        single,
        replicas: 1,
        strategy: 'Recreate',
      });
      // With database.url the lease in PostgreSQL keeps one active: a standby and rolling updates are safe.
      const leased = deploymentOf(everything, single);
      expect({ single, replicas: leased.spec.replicas, strategy: leased.spec.strategy?.type }).toEqual({
        single,
        replicas: 2,
        strategy: undefined,
      });
      const env: Json[] = leased.spec.template.spec.containers[0].env;
      expect(env.map((entry) => entry.name)).toContain('DATABASE_URL');
    }
    expect(byKind(defaults, 'Deployment').map(component).sort()).toEqual(['api', 'webhooks', 'worker']);
  });

  it('gives each API pod read models of its own, in an emptyDir, and needs no shared volume with database.url', async () => {
    const withDatabase = await renderWith('--set', 'database.url.secretName=soft-landing-database');
    for (const manifests of [defaults, everything, withDatabase]) {
      for (const deployment of byKind(manifests, 'Deployment')) {
        const pod = deployment.spec.template.spec;
        const env: Json[] = pod.containers[0].env;
        const readModelPath = env.find((entry) => entry.name === 'READ_MODEL_PATH')?.value;
        if (component(deployment) !== 'api') {
          // Only the API reads them (its lists and its mail schedules).
          expect({ service: component(deployment), readModelPath }).toEqual({
            service: component(deployment),
            readModelPath: undefined,
          });
          continue;
        }
        const mount = pod.containers[0].volumeMounts.find((entry: Json) =>
          readModelPath?.startsWith(`${entry.mountPath}/`),
        );
        expect(mount?.name).toBe('read-models');
        expect(pod.volumes.find((volume: Json) => volume.name === mount.name)).toEqual({
          name: 'read-models',
          emptyDir: {},
        });
      }
    }
    // database.url without a claim: every pod's data folder is an emptyDir of its own.
    for (const deployment of byKind(withDatabase, 'Deployment'))
      expect(deployment.spec.template.spec.volumes.find((volume: Json) => volume.name === 'data')).toEqual({
        name: 'data',
        emptyDir: {},
      });
  });

  it('refuses to render what cannot run: the HRIS connector without organisations, no event store secret, SASL without a user, a standby without a shared lease', async () => {
    await expect(
      helm('template', 'soft-landing', CHART, ...KUBE_VERSION, '--set', 'services.hrisConnector.enabled=true'),
    ).rejects.toThrow(/hris.organisations is required/);
    await expect(
      helm('template', 'soft-landing', CHART, ...KUBE_VERSION, '--set', 'eventStore.connectionString.secretName='),
    ).rejects.toThrow(/eventStore.connectionString.secretName is required/);
    await expect(
      helm('template', 'soft-landing', CHART, ...KUBE_VERSION, '--set', 'kafka.saslMechanism=scram-sha-512'),
    ).rejects.toThrow(/kafka.saslUsername is required with kafka.saslMechanism/);
    await expect(
      helm('template', 'soft-landing', CHART, ...KUBE_VERSION, '--set', 'services.webhooks.replicas=2'),
    ).rejects.toThrow(/services.webhooks.replicas above 1 needs database.url/);
  });
});
