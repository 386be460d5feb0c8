import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { startKafkaRelay } from '../../services/relay/kafkaRelay';
import { topicRouting } from '../../services/relay/topics';
import { createLogger } from '../../services/shared/logger';
import { consumeDistinctEvents, firstSeenRevisions, header } from '../support/kafkaConsumer';
import { taskCompletions } from '../support/taskCompletions';
import { describeUnless } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

const run = promisify(execFile);
const repo = join(__dirname, '../..');
const tools = process.env.SOFT_LANDING_TOOLS ?? join(repo, '.tools');
const kafkaJarsPresent = existsSync(join(tools, 'kafka'));
const HIRES = 10;
const EVENTS_PER_HIRE_BEFORE = 10;
const EVENTS_PER_HIRE_DURING = 20;

// This test stops and starts a broker of its own, so it needs the local Kafka jars, not a shared broker.
const noJars = kafkaJarsPresent ? undefined : `no Kafka jars under ${tools}/kafka (run infra/kafka/provision.sh)`;

describeUnless('kafka', noJars, 'the relay when the broker goes away mid-stream', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'soft-landing-kafka-chaos-'));
  const env = { ...process.env, KAFKA_DATA_DIR: dataDir, KAFKA_PORT: '19292' };
  const brokers = ['127.0.0.1:19292'];
  const startBroker = () => run('bash', [join(repo, 'infra/kafka/start.sh')], { env, maxBuffer: 10 * 1024 * 1024 });
  const stopBroker = () => run('bash', [join(repo, 'infra/kafka/stop.sh')], { env });

  beforeAll(async () => {
    await startBroker();
  }, 120_000);
  afterAll(async () => {
    await stopBroker();
  });

  it('loses nothing and keeps each hire in order; duplicates stay within at-least-once', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'soft-landing-chaos-')), 'events.sqlite'));
    const prefix = `chaos-${randomUUID().slice(0, 8)}.`;
    const logger = createLogger('chaos-test', 'fatal');
    const relay = await startKafkaRelay({ brokers, clientId: 'chaos-relay', topicPrefix: prefix }, store, logger, {
      retryDelayMs: 500,
    });
    const hires = Array.from({ length: HIRES }, (_, index) => ({ organisationId: 'chaos-org', hireId: `h${index}` }));
    const { appendRound } = taskCompletions(store, hires);
    const append = async (count: number) => {
      for (let round = 0; round < count; round += 1) await appendRound();
    };

    await append(EVENTS_PER_HIRE_BEFORE);
    await waitFor(
      () => store.load('kafka-relay'),
      (position) => position?.commit === BigInt(HIRES * EVENTS_PER_HIRE_BEFORE),
      60_000,
    );
    await stopBroker();
    await append(EVENTS_PER_HIRE_DURING); // written while the broker is gone: the event store keeps them
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await startBroker();
    const total = HIRES * (EVENTS_PER_HIRE_BEFORE + EVENTS_PER_HIRE_DURING);
    await waitFor(
      () => store.load('kafka-relay'),
      (position) => position?.commit === BigInt(total),
      120_000,
    );
    await relay.stop();

    // From this test's own broker (the one it restarted); duplicates are allowed, so count distinct event ids.
    const messages = await consumeDistinctEvents([topicRouting(prefix).topicOf('TaskCompleted')!], total, 60_000, {
      brokers,
    });
    const ids = messages.map((message) => header(message, 'ce_id'));
    expect(new Set(ids).size).toBe(total); // nothing lost
    for (const hire of hires) {
      const firstSeen = firstSeenRevisions(messages, hire);
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b)); // in order per hire
    }
    console.log(`relay resilience: ${total} events, ${messages.length - total} duplicates after the broker restart`);
    await store.close();
  }, 240_000);
});
