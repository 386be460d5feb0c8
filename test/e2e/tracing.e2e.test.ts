import { randomBytes, randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Kafka, logLevel } from 'kafkajs';
import { hireRequestTopic } from '../../services/inbound/hireRequestConsumer';
import { type Tracing, startTracing } from '../../services/shared/tracing';
import { apiRequest } from '../support/apiRequest';
import { consumeUntil } from '../support/kafkaConsumer';
import { type RunningSystem, startSystem } from '../support/runningSystem';
import { describeWithServices, serviceAddress } from '../support/serviceAvailability';
import { waitFor } from '../support/waitFor';
import { startWebhookReceiver } from '../support/webhookReceiver';

/**
 * One hire's trace from the API to Kafka (#17 item 7): the caller's `traceparent` on POST /hires, the Temporal
 * client's start, the workflow, the activity that records the events, their append, and the relay's publish are one
 * trace, and the CloudEvent on the broker and the webhook request carry it on. Spans go to an in-memory exporter in
 * this process, where the API, the worker, the relay, the webhook dispatcher and the inbound consumer all run (as in
 * `npm start`). A hire request that arrives over Kafka continues the trace of the HR system that sent it.
 */
describeWithServices(['temporal', 'kafka'], 'a hire traced from the API to Kafka', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let system: RunningSystem;
  const organisationId = `trace-${randomUUID().slice(0, 8)}`;
  // A real receiver on loopback (allowed below, as WEBHOOK_ALLOWED_HOSTS would).
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // Before the system starts, so that its Temporal client and worker take the interceptors.
    tracing = startTracing('soft-landing-test', { env: {}, spanProcessor: new SimpleSpanProcessor(exporter) });
    system = await startSystem({
      kafka: true,
      inbound: true,
      webhookAllowedHosts: ['127.0.0.1'],
      webhooks: { maxAttempts: 3, backoffMs: 100, timeoutMs: 5_000 },
    });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('continues the caller’s trace through the workflow, the append, the publish and the webhook, and hands it on', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const subscribed = await apiRequest(system.baseUrl, organisationId, 'PUT', '/webhooks/traced', {
      url: `${receiver.url}/hooks`,
      eventTypes: ['HireRegistered'],
      secret: `whsec_${randomBytes(32).toString('base64')}`,
    });
    expect(subscribed.status).toBe(200);
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

    // The webhook request names its delivery span, which continues the same append.
    const delivered = await waitFor(
      () => receiver.received.find((request) => request.body.includes(hireId)),
      (found) => found !== undefined,
      30_000,
    );
    const requestTrace = String(delivered!.headers.traceparent);
    expect(requestTrace).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const delivery = await waitFor(
      () => exporter.getFinishedSpans().find((span) => span.spanContext().spanId === requestTrace.split('-')[2]),
      (found) => found !== undefined,
      10_000,
    );
    expect(delivery).toMatchObject({ name: 'POST webhook', attributes: { 'http.response.status_code': 204 } });
    const deliveryParent = exporter
      .getFinishedSpans()
      .find((span) => span.spanContext().spanId === delivery!.parentSpanId);
    expect(deliveryParent?.name).toBe('eventstore.append');
  }, 120_000);

  it('continues the trace of a hire request that arrives over Kafka through the consumer to the append', async () => {
    const traceId = randomBytes(16).toString('hex');
    const senderSpan = randomBytes(8).toString('hex');
    const hireId = `h-${randomUUID().slice(0, 8)}`;
    const topic = hireRequestTopic(system.topicPrefix);
    const kafka = new Kafka({
      clientId: 'hr-system',
      brokers: serviceAddress('kafka').split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: hireId,
            value: JSON.stringify({ hireId, startDate: '2027-03-01', role: 'Jeugdzorgwerker' }),
            headers: { 'organisation-id': organisationId, traceparent: `00-${traceId}-${senderSpan}-01` },
          },
        ],
      });
    } finally {
      await producer.disconnect();
    }

    const spans = await waitFor(
      () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId),
      (found) => found.some((span) => span.name === 'eventstore.append'),
      30_000,
    );
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const named = (name: string) => spans.find((span) => span.name === name);
    const consumed = named(`process ${topic}`);
    expect(consumed).toMatchObject({
      kind: SpanKind.CONSUMER,
      parentSpanId: senderSpan,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic },
    });
    // The journey's start and the append that recorded its first events are children of that consumer span.
    expect(byId.get(named('StartWorkflow:hireJourney')!.parentSpanId!)?.name).toBe(`process ${topic}`);
    expect(byId.get(named('eventstore.append')!.parentSpanId!)?.name).toBe('RunActivity:recordHireEvents');
  }, 120_000);
});
