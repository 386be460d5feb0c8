import type { RecordedEvent } from '../event-store/eventStore';
import { SpanKind, contextOfTraceparent, currentTraceparent, inSpan } from '../shared/tracing';

/**
 * A delivery continues the trace its event's append was part of (the `traceparent` in its metadata, as the relay's
 * publish does): a client span per attempt, and the request carries it as `traceparent` (W3C Trace Context), so a
 * receiver that traces continues it. It names the receiver's host only, never the URL, whose path may hold a token.
 * Events appended untraced are delivered as they are.
 */
export async function deliverTraced(
  event: RecordedEvent,
  url: string,
  send: (traceHeaders: Readonly<Record<string, string>>) => Promise<number>,
): Promise<number> {
  const traceparent = event.metadata.traceparent;
  if (typeof traceparent !== 'string') return send({});
  return inSpan(
    'POST webhook',
    {
      kind: SpanKind.CLIENT,
      parent: contextOfTraceparent(traceparent),
      attributes: { 'http.request.method': 'POST', 'server.address': new URL(url).hostname, 'webhook.id': event.id },
    },
    async (span) => {
      const handedOn = currentTraceparent();
      const status = await send(handedOn ? { traceparent: handedOn } : {});
      span.setAttribute('http.response.status_code', status);
      return status;
    },
  );
}
