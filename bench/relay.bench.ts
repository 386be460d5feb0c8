/**
 * The relay against a raw kafkajs producer, and how long an event takes from append to consumer.
 * Run: npx tsx bench/relay.bench.ts   (goals: throughput ratio ≥ 0.7; p99 append→consumer < 200 ms)
 * Uses KAFKA_BROKERS, or starts a broker from the local jars (infra/kafka) on port 19392 for the run.
 * Both sides send the same CloudEvent records, with the same producer settings (idempotent, acks=all), to
 * topics of their own, and both clocks run from before their first connection and topic creation to the last
 * record acknowledged; what differs is the relay's work: reading the store (as production wires it, withContracts),
 * mapping, checkpointing. The latency samples are appended through the production store too.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { deterministicEventId } from '../services/event-store/deterministicEventId';
import type { NewEvent } from '../services/event-store/eventStore';
import { ChainHeadLog } from '../services/event-store/chainHeadLog';
import { ChainSigningKey } from '../services/event-store/chainSigningKey';
import { SqliteEventStore } from '../services/event-store/sqliteEventStore';
import { withContracts } from '../services/event-store/withContracts';
import { hireStreamName } from '../services/event-store/streamNames';
import { toCloudEventMessage } from '../services/relay/cloudEventMessage';
import { startKafkaRelay } from '../services/relay/kafkaRelay';
import { topicRouting } from '../services/relay/topics';
import { createLogger } from '../services/shared/logger';
import { recordBenchResult } from './support/benchResults';

const EVENTS = Number(process.env.BENCH_RELAY_EVENTS ?? 20_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 300);
const HIRES = 100;
const run = promisify(execFile);
const logger = createLogger('bench', 'fatal');

async function main(): Promise<void> {
  const { brokers, stop } = await broker();
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const directory = mkdtempSync(join(tmpdir(), 'soft-landing-relay-bench-'));
  const store = new SqliteEventStore(join(directory, 'events.sqlite'));
  const events = syntheticEvents(EVENTS);

  // Baseline: the same records, produced straight from memory in batches of the relay's size.
  const rawRouting = topicRouting(`raw-${randomUUID().slice(0, 6)}.`);
  // Filled through the bare adapter (setup, not measured); from here on everything goes through the production store.
  const recorded = await appendAll(store, events);
  const production = withContracts(
    store,
    undefined,
    new ChainHeadLog(join(directory, 'chain-heads.sqlite'), ChainSigningKey.ephemeral()),
  );
  const messages = recorded.map((event) => toCloudEventMessage(event, rawRouting));
  const rawStarted = process.hrtime.bigint();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: rawRouting.topics.map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  await producer.connect();
  for (let index = 0; index < messages.length; index += 500) {
    const batch = messages.slice(index, index + 500);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic: batch[0]!.topic,
          messages: batch.map(({ key, value, headers }) => ({ key, value, headers: { ...headers } })),
        },
      ],
    });
  }
  const rawRate = EVENTS / seconds(rawStarted);
  await producer.disconnect();

  // The relay: catching up on the same events from the store, until its checkpoint reaches the last one.
  const prefix = `relay-${randomUUID().slice(0, 6)}.`;
  const relayStarted = process.hrtime.bigint();
  const relay = await startKafkaRelay({ brokers, clientId: 'bench-relay', topicPrefix: prefix }, production, logger);
  const last = recorded[recorded.length - 1]!.position.commit;
  while ((await production.load('kafka-relay'))?.commit !== last)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const relayRate = EVENTS / seconds(relayStarted);

  // Latency: one event at a time, from the moment it is appended until a consumer has it.
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 10 });
  const arrivals = new Map<string, bigint>();
  await consumer.connect();
  await consumer.subscribe({ topic: topicRouting(prefix).topicOf('TaskCompleted')!, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => void arrivals.set(message.headers!.ce_id!.toString(), process.hrtime.bigint()),
  });
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // the group settles before we measure
  const latencies: number[] = [];
  for (const event of syntheticEvents(LATENCY_SAMPLES, 'latency')) {
    const appended = process.hrtime.bigint();
    await production.appendToStream(event.stream, [event.event], { expectedRevision: 'any' });
    while (!arrivals.has(event.event.id)) await new Promise((resolve) => setImmediate(resolve));
    latencies.push(Number(arrivals.get(event.event.id)! - appended) / 1e6);
  }
  await consumer.disconnect();
  await relay.stop();
  await production.close();
  await stop();

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(`\nRelay throughput, ${EVENTS} events to ${HIRES} hires`);
  console.table([
    { path: 'raw kafkajs producer (baseline)', 'events/s': rawRate.toFixed(0) },
    { path: 'relay (store → CloudEvents → Kafka, checkpointed)', 'events/s': relayRate.toFixed(0) },
  ]);
  console.log(`ratio relay / raw producer: ${(relayRate / rawRate).toFixed(2)} (goal ≥ 0.7)`);
  recordBenchResult({
    bench: 'relay',
    what: 'relay to Kafka',
    value: relayRate,
    baseline: 'raw kafkajs producer',
    baselineValue: rawRate,
    unit: 'events/s',
    ratio: relayRate / rawRate,
    goal: 'ratio ≥ 0.7',
    met: relayRate / rawRate >= 0.7,
  });
  console.log(
    `append → consumer latency over ${LATENCY_SAMPLES} events: p50 ${percentile(50)} ms, p99 ${percentile(99)} ms (goal p99 < 200 ms)`,
  );
}

function syntheticEvents(count: number, label = 'bench'): { stream: string; event: NewEvent }[] {
  return Array.from({ length: count }, (_, index) => {
    const hire = { organisationId: 'bench-org', hireId: `${label}-h${index % HIRES}` };
    const stream = hireStreamName(hire);
    return {
      stream,
      event: {
        id: deterministicEventId(stream, `${label}-${index}`),
        type: 'TaskCompleted',
        data: { ...hire, itemId: `task:${index}` },
        metadata: {
          ...hire,
          actor: 'bench',
          occurredAt: new Date(Date.UTC(2026, 0, 5) + index * 60_000).toISOString(),
          correlationId: `bench:${hire.hireId}`,
          causationId: `bench:${index}`,
          schemaVersion: 1,
        },
      },
    };
  });
}

async function appendAll(store: SqliteEventStore, events: { stream: string; event: NewEvent }[]) {
  for (const { stream, event } of events) await store.appendToStream(stream, [event], { expectedRevision: 'any' });
  const recorded = [];
  for await (const event of store.readAll()) recorded.push(event);
  return recorded;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

async function broker(): Promise<{ brokers: string[]; stop: () => Promise<unknown> }> {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS.split(','), stop: async () => undefined };
  const env = {
    ...process.env,
    KAFKA_DATA_DIR: mkdtempSync(join(tmpdir(), 'soft-landing-bench-kafka-')),
    KAFKA_PORT: '19392',
  };
  await run('bash', [join(__dirname, '../infra/kafka/start.sh')], { env, maxBuffer: 10 * 1024 * 1024 });
  return {
    brokers: ['127.0.0.1:19392'],
    stop: () => run('bash', [join(__dirname, '../infra/kafka/stop.sh')], { env }),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
