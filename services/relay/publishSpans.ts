import { type Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { RecordedEvent } from '../event-store/eventStore';
import { contextOfTraceparent } from '../shared/tracing';
import type { CloudEventMessage } from './cloudEventMessage';

/**
 * The publish of an event continues the trace its append was part of (the `traceparent` in its metadata): a
 * producer span per message, and the message carries that span as `ce_traceparent` — the CloudEvents distributed
 * tracing extension in Kafka's binary mode — so a consumer continues it. Events appended untraced go out as they are.
 */
export async function publishTraced(
  messages: readonly { readonly event: RecordedEvent; readonly message: CloudEventMessage }[],
  publish: (messages: CloudEventMessage[]) => Promise<void>,
): Promise<void> {
  const tracer = trace.getTracer('soft-landing-relay');
  const spans: Span[] = [];
  const traced = messages.map(({ event, message }) => {
    const traceparent = event.metadata.traceparent;
    if (typeof traceparent !== 'string') return message;
    const span = tracer.startSpan(
      `publish ${message.topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': message.topic,
          'messaging.message.id': event.id,
          'cloudevents.event_type': message.headers.ce_type ?? event.type,
        },
      },
      contextOfTraceparent(traceparent),
    );
    spans.push(span);
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    return carrier.traceparent
      ? { ...message, headers: { ...message.headers, ce_traceparent: carrier.traceparent } }
      : message;
  });
  try {
    await publish(traced);
  } catch (error) {
    for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
