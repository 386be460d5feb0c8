import {
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

/**
 * Traces, end to end: the HTTP request, the Temporal client's start or update, the workflow and its activities, the
 * event's append and its publish on Kafka are one trace. Off unless asked for: by the standard OpenTelemetry
 * setting (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, the OTLP/HTTP exporter reads them
 * itself) or by a test that brings its own span processor. Off costs nothing: no provider, no interceptors, and the
 * OpenTelemetry API answers with spans that record nothing.
 */
export interface Tracing {
  /** Adds the interceptors and the workflow span sink to a worker's options; the client's come with it. */
  readonly temporalPlugin: OpenTelemetryPlugin;
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/** Starts tracing for this process when a setting or `spanProcessor` asks for it; once per process. */
export function startTracing(
  serviceName: string,
  options: { env?: NodeJS.ProcessEnv; spanProcessor?: SpanProcessor } = {},
): Tracing | undefined {
  if (active) return active;
  const env = options.env ?? process.env;
  const exporting = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const spanProcessor =
    options.spanProcessor ?? (exporting ? new BatchSpanProcessor(new OTLPTraceExporter()) : undefined);
  if (!spanProcessor) return undefined;
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // AsyncLocalStorage context and W3C trace context: what `traceparent` headers and CloudEvents carry.
  provider.register();
  const tracing: Tracing = {
    temporalPlugin: new OpenTelemetryPlugin({ resource, spanProcessor }),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      active = undefined;
    },
  };
  active = tracing;
  return tracing;
}

/** This process's tracing, when started: the worker and the Temporal client take their interceptors from it. */
export function activeTracing(): Tracing | undefined {
  return active;
}

const tracer = () => trace.getTracer('soft-landing');

/** The active trace as a W3C `traceparent`, to store beside what it caused; undefined when nothing is traced. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a stored or received `traceparent` names, to continue its trace in another process. */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** Runs `work` in a span (a child of `parent`, else of the active span); the span ends, failed or not, when it does. */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Record<string, string | number>; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind };
