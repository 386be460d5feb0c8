/**
 * Whether an append stays as cheap as the store grows, on the production wiring (`withContracts(new
 * SqliteEventStore(path))`, as openEventStore does) with the subscriptions `npm start` runs: the three
 * projections' runner, a relay (its publisher acknowledges at once: no Kafka) and the webhook dispatcher.
 * Run: npx tsx bench/subscriptionScaling.bench.ts   (goal: the audit append at 100k prior events within 2× of 0)
 *
 * Baseline, in the same run: the same audit append on an empty store with no subscription running. Each append
 * is followed by one turn of the event loop, so what the subscriptions do for it is inside the time.
 * Also times listing an organisation's journey templates and vacancy profiles among 10k and 100k other events.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordAuditRead } from '../services/audit/auditTrail';
import type { CheckpointStore, EventStore, NewEvent } from '../services/event-store/eventStore';
import { SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { withContracts } from '../services/event-store/withContracts';
import { ALL_PROJECTIONS, loadCheckpoint, openReadModels, startProjections } from '../services/projections';
import { startRelay } from '../services/relay/relay';
import { topicRouting } from '../services/relay/topics';
import { createLogger } from '../services/shared/logger';
import { templateStreamName } from '../services/templates/journeyTemplateStore';
import { VacancyProfileStore, vacancyProfileStreamName } from '../services/vacancies/vacancyProfileStore';
import { WebhookAddressPolicy } from '../services/webhooks/webhookAddressPolicy';
import { startWebhookDispatcher } from '../services/webhooks/webhookDispatcher';
import { WebhookSecretBox } from '../services/webhooks/webhookSecretBox';
import { recordBenchResult } from './support/benchResults';

const SIZES = (process.env.BENCH_PRIOR_EVENTS ?? '0,10000,100000').split(',').map(Number);
const APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 300);
const LIST_RUNS = 20;
const FILL_BATCH = 1_000;
const logger = createLogger('bench', 'silent');

function auditEvent(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'AuditRead',
    data: { organisationId: 'demo', hireId: 'h-1', what: 'history', by: 'auditor' },
    metadata: {
      organisationId: 'demo',
      hireId: 'h-1',
      actor: 'auditor',
      occurredAt: new Date(0).toISOString(),
      correlationId: 'c',
      causationId: `request:${i}`,
      schemaVersion: 1,
    },
  };
}

/** Prior events written straight to the adapter, in big batches: filling is not what is measured. */
async function fill(path: string, count: number): Promise<void> {
  const raw = new SqliteEventStore(path);
  const contracted = withContracts(raw);
  await contracted.appendToStream(
    'hire-demo.h-1',
    [
      {
        id: randomUUID(),
        type: 'HireRegistered',
        data: { organisationId: 'demo', hireId: 'h-1', startDate: '2027-02-01', role: 'Jeugdzorgwerker' },
        metadata: {
          organisationId: 'demo',
          hireId: 'h-1',
          actor: 'bench',
          occurredAt: new Date(0).toISOString(),
          correlationId: 'c',
          causationId: 'c',
          schemaVersion: 1,
        },
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  for (let written = 0; written < count; written += FILL_BATCH) {
    const size = Math.min(FILL_BATCH, count - written);
    await raw.appendToStream(
      'audit-demo',
      Array.from({ length: size }, (_, i) => auditEvent(written + i)),
      { expectedRevision: 'any' },
    );
  }
  for (let t = 0; t < 3; t += 1) {
    await raw.appendToStream(
      templateStreamName('demo', `t-${t}`),
      [
        {
          id: randomUUID(),
          type: 'JourneyTemplatePublished',
          data: { id: `t-${t}`, version: 1 },
          metadata: { organisationId: 'demo' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await raw.appendToStream(
      vacancyProfileStreamName('demo', `p-${t}`),
      [
        {
          id: randomUUID(),
          type: 'VacancyProfileDefined',
          data: { id: `p-${t}`, version: 1 },
          metadata: { organisationId: 'demo' },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  }
  await raw.close();
}

async function startSubscriptions(
  store: EventStore & CheckpointStore,
  directory: string,
): Promise<() => Promise<void>> {
  const db = openReadModels(join(directory, 'read-models.sqlite'));
  const projections = startProjections({ store, db, projections: ALL_PROJECTIONS, logger });
  const relay = await startRelay({
    store,
    checkpoints: store,
    publisher: { publish: async () => undefined, close: async () => undefined },
    routing: topicRouting(),
    logger,
  });
  const webhooks = await startWebhookDispatcher({
    store,
    checkpoints: store,
    logger,
    secrets: WebhookSecretBox.fromKeyFile(join(directory, 'webhook-secret.key')),
    addressPolicy: new WebhookAddressPolicy(),
  });
  return async () => {
    await webhooks.stop();
    await relay.stop();
    await projections.stop();
    db.close();
  };
}

/** Until every subscription has read past the prior events (each saves a checkpoint past them): then the clock starts. */
async function caughtUp(store: CheckpointStore, directory: string, prior: number): Promise<void> {
  const readModels = openReadModels(join(directory, 'read-models.sqlite'));
  const deadline = Date.now() + 60_000;
  const behind = async () => {
    const positions = [
      await store.load('kafka-relay'),
      await store.load('webhook-dispatcher:feed'),
      ...ALL_PROJECTIONS.map((projection) => loadCheckpoint(readModels, projection.name)?.position),
    ];
    return positions.some((position) => (position?.commit ?? 0n) < BigInt(prior));
  };
  while (prior >= 2_000 && (await behind())) {
    if (Date.now() > deadline) throw new Error(`the subscriptions did not catch up over ${prior} events`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  readModels.close();
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function msPerAuditAppend(store: EventStore): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < APPENDS; i += 1) {
    await recordAuditRead(
      store,
      { organisationId: 'demo', hireId: 'h-1', what: 'history', by: 'auditor' },
      { requestId: `bench-${i}`, at: new Date() },
    );
    await turn();
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / APPENDS;
}

async function msPerList(label: string, list: () => Promise<unknown[]>): Promise<number> {
  const found = await list();
  if (found.length !== 3) throw new Error(`${label}: expected 3, found ${found.length}`);
  const started = process.hrtime.bigint();
  for (let i = 0; i < LIST_RUNS; i += 1) await list();
  return Number(process.hrtime.bigint() - started) / 1e6 / LIST_RUNS;
}

async function templates(store: EventStore): Promise<unknown[]> {
  const found: unknown[] = [];
  for await (const event of store.readAll({ streamPrefixes: [templateStreamName('demo', '')] })) found.push(event);
  return found;
}

async function measure(
  prior: number,
  withSubscriptions: boolean,
): Promise<{ append: number; templates: number; profiles: number }> {
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-bench-scaling-'));
  try {
    const path = join(directory, 'events.sqlite');
    await fill(path, prior);
    const store = withContracts(new SqliteEventStore(path));
    const stop = withSubscriptions ? await startSubscriptions(store, directory) : async () => undefined;
    if (withSubscriptions) await caughtUp(store, directory, prior);
    await msPerAuditAppend(store); // warm-up
    // The best of three rounds: the machine is shared, and a round another process slowed says nothing of ours.
    const append = Math.min(
      await msPerAuditAppend(store),
      await msPerAuditAppend(store),
      await msPerAuditAppend(store),
    );
    const templatesMs = await msPerList('templates', () => templates(store));
    const profilesMs = await msPerList('vacancy profiles', () => new VacancyProfileStore(store).list('demo'));
    await stop();
    await store.close();
    return { append, templates: templatesMs, profiles: profilesMs };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const baseline = await measure(0, false);
  const rows: string[][] = [
    ['audit append, no subscriptions, empty store (baseline)', baseline.append.toFixed(3), '1.00'],
  ];
  const lists: string[][] = [];
  let atZero: number | undefined;
  for (const prior of SIZES) {
    const bare = prior === 0 ? baseline : await measure(prior, false);
    if (prior !== 0)
      rows.push([
        `audit append, no subscriptions, ${prior} prior events`,
        bare.append.toFixed(3),
        (bare.append / baseline.append).toFixed(2),
        '',
      ]);
    const result = await measure(prior, true);
    atZero ??= result.append;
    rows.push([
      `audit append, all subscriptions, ${prior} prior events`,
      result.append.toFixed(3),
      (result.append / baseline.append).toFixed(2),
      (result.append / atZero).toFixed(2),
    ]);
    lists.push([
      `list templates / vacancy profiles, ${prior} prior events`,
      result.templates.toFixed(3),
      result.profiles.toFixed(3),
    ]);
    if (prior === SIZES[SIZES.length - 1]) {
      recordBenchResult({
        bench: 'subscriptionScaling',
        what: `audit append, all subscriptions, ${prior} prior events`,
        value: result.append,
        baseline: 'no subscriptions, empty store',
        baselineValue: baseline.append,
        unit: 'ms/append',
        ratio: result.append / baseline.append,
      });
    }
  }
  console.log('what | ms per append | × baseline | × with subscriptions at 0 prior events');
  for (const row of rows) console.log(row.join(' | '));
  console.log('\nwhat | ms per template list | ms per vacancy-profile list');
  for (const row of lists) console.log(row.join(' | '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
