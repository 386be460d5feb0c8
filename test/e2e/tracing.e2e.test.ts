import { randomBytes, randomUUID } from 'node:crypto';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type Tracing, startTracing } from '../../services/shared/tracing';
import { consumeUntil } from '../support/kafkaConsumer';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';

/**
 * One hire's trace from the API to Kafka (#17 item 7): the caller's `traceparent` on POST /hires, the Temporal
 * client's start, the workflow, the activity that records the events, their append, and the relay's publish are one
 * trace, and the CloudEvent on the broker carries it on. Spans go to an in-memory exporter in this process, where
 * the API, the worker and the relay all run (as in `npm start`).
 */
describeWithServices(['temporal', 'kafka'], 'a hire traced from the API to Kafka', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let system: RunningSystem;
  const organisationId = `trace-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // Before the system starts, so that its Temporal client and worker take the interceptors.
    tracing = startTracing('soft-landing-test', { env: {}, spanProcessor: new SimpleSpanProcessor(exporter) });
    system = await startSystem({ kafka: true });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await tracing?.shutdown();
  });

  it('continues the caller’s trace through the workflow, the append and the publish, and hands it on', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const response = await fetch(`${system.baseUrl}/hires`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-organisation-id': organisationId,
        'idempotency-key': randomUUID(),
        traceparent: `00-${traceId}-${callerSpan}-01`,
      },
      body: JSON.stringify({ hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker', team: 'Team Noord' }),
    });
    expect(response.status).toBe(201);

    const topic = system.topics.topicOf('HireRegistered')!;
    const messages = await consumeUntil([topic], (received) =>
      received.some((message) => String(message.headers?.ce_hireid) === hireId),
    );
    const registered = messages.find(
      (message) =>
        String(message.headers?.ce_hireid) === hireId && String(message.headers?.ce_type).includes('HireRegistered'),
    )!;
    const handedOn = String(registered.headers?.ce_traceparent);
    expect(handedOn).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    // Every part the hire went through is in the trace, each span a child of one before it.
    const spans = await waitFor(
      () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId),
      (found) => found.some((span) => span.name.startsWith('publish ')),
      30_000,
    );
    const names = spans.map((span) => span.name);
    // (The workflow's own span, RunWorkflow, ends when the journey does, years from now: it is not among the finished.)
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /hires',
        'StartWorkflow:hireJourney',
        'StartActivity:recordHireEvents',
        'RunActivity:recordHireEvents',
        'eventstore.append',
        `publish ${topic}`,
      ]),
    );
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const named = (name: string) => spans.find((span) => span.name === name)!;
    const parentName = (span: ReadableSpan) => byId.get(span.parentSpanId!)?.name;
    expect(named('POST /hires').parentSpanId).toBe(callerSpan);
    expect(parentName(named('StartWorkflow:hireJourney'))).toBe('POST /hires');
    // The message names the publish span, which continues the append that recorded the event, in the activity.
    const publish = byId.get(handedOn.split('-')[2]!)!;
    expect(publish.name).toBe(`publish ${topic}`);
    const append = byId.get(publish.parentSpanId!)!;
    expect(append.name).toBe('eventstore.append');
    expect(parentName(append)).toBe('RunActivity:recordHireEvents');
    expect(parentName(byId.get(append.parentSpanId!)!)).toBe('StartActivity:recordHireEvents');
  }, 120_000);
});
