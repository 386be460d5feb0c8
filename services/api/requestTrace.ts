import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { routeOf } from './requestLog';

/**
 * A server span per request, continuing the caller's `traceparent` when it sends one: what the request starts or
 * changes in a journey (the Temporal client's call, the workflow, the events it records and their publish on
 * Kafka) joins that trace. Named by method and route pattern only, as the access log is: a path can hold a token.
 * Without tracing (services/shared/tracing.ts) the span records nothing.
 */
export function requestTrace(): RequestHandler {
  const tracer = trace.getTracer('soft-landing-api');
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
      parent,
    );
    res.on('finish', () => {
      const route = routeOf(req);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
