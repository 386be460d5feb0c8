import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { temporalSdkMetricsText } from './temporalSdkMetrics';

/** How a request to start a hire's journey ended (POST /hires). */
export type WorkflowStartOutcome = 'started' | 'already_existed' | 'refused';

/** What the relay tells the metrics: where it reads from, and each batch it published. */
export interface RelayMetrics {
  /** Reports the relay's lag while it runs; the returned function stops that. */
  observeRelay(source: RelayLagSource): () => void;
  relayPublished(subscriberName: string): void;
}

/** The relay counts its own lag (it knows its store and checkpoint); the metrics only ask when scraped. */
export interface RelayLagSource {
  readonly subscriberName: string;
  /** Events after the checkpoint, counted up to `cap`. */
  eventsBehind(cap: number): Promise<number>;
}

/** Counting the events behind the checkpoint stops here; a lag this large is an incident either way. */
export const RELAY_LAG_CAP = 10_000;

/**
 * One Prometheus registry per process (not prom-client's global one, so that tests can run several apps side by
 * side). The HTTP API serves it at /metrics.
 */
export class Metrics implements RelayMetrics {
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly workflowStarts: Counter<'outcome'>;
  private readonly temporalSdkUp: Gauge;
  private readonly leaseHeld: Gauge<'lease'>;
  private readonly relays = new Map<string, { source: RelayLagSource; lastPublishedAt: number }>();

  constructor(readonly registry: Registry = new Registry()) {
    collectDefaultMetrics({ register: registry });
    const registers = [registry];
    this.httpRequests = new Counter({
      name: 'soft_landing_http_requests_total',
      help: 'HTTP requests, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'soft_landing_http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.workflowStarts = new Counter({
      name: 'soft_landing_workflow_starts_total',
      help: 'Requests to start a hire journey, by outcome (started, already_existed, refused).',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['started', 'already_existed', 'refused'] as const) this.workflowStarts.inc({ outcome }, 0);
    this.temporalSdkUp = new Gauge({
      name: 'soft_landing_temporal_sdk_metrics_up',
      help: "1 when this scrape includes the Temporal SDK's metrics, 0 when not (TEMPORAL_SDK_METRICS_ADDRESS unset, or its exporter did not answer).",
      registers,
    });
    this.leaseHeld = new Gauge({
      name: 'soft_landing_lease_held',
      help: 'Whether this instance holds the lease (1: active, publishing; 0: standby), by lease name (relay:<subscriber>, webhooks).',
      labelNames: ['lease'],
      registers,
    });
    const relays = this.relays;
    new Gauge({
      name: 'soft_landing_relay_lag_events',
      help: `Hire events in the event store after the relay checkpoint (not yet published to Kafka; counted up to ${RELAY_LAG_CAP}).`,
      labelNames: ['subscriber'],
      registers,
      async collect() {
        this.reset();
        for (const [name, { source }] of relays) {
          const lag = await source.eventsBehind(RELAY_LAG_CAP).catch(() => undefined);
          if (lag !== undefined) this.set({ subscriber: name }, lag);
        }
      },
    });
    new Gauge({
      name: 'soft_landing_relay_seconds_since_last_publish',
      help: 'Seconds since the relay last published a batch of events (since it started, if it has published none).',
      labelNames: ['subscriber'],
      registers,
      collect() {
        this.reset();
        for (const [name, { lastPublishedAt }] of relays)
          this.set({ subscriber: name }, (Date.now() - lastPublishedAt) / 1000);
      },
    });
  }

  /**
   * What /metrics serves: this registry, and after it the Temporal SDK's figures where this process exports them
   * (their names start `temporal_`, ours `soft_landing_` or `process_`/`nodejs_`, so they never clash).
   */
  async exposition(): Promise<string> {
    const sdk = await temporalSdkMetricsText();
    this.temporalSdkUp.reset();
    if (sdk !== undefined) this.temporalSdkUp.set(sdk === 'unreachable' ? 0 : 1);
    const own = await this.registry.metrics();
    return sdk === undefined || sdk === 'unreachable' ? own : `${own}\n${sdk}`;
  }

  /** Counts every request by its route template (`/hires/:hireId`), never by its raw path. */
  httpMiddleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpDuration.startTimer();
      res.once('finish', () => {
        const template = req.route?.path;
        const route = typeof template === 'string' ? `${req.baseUrl}${template}` : 'unmatched';
        const labels = { method: req.method, route, status: String(res.statusCode) };
        this.httpRequests.inc(labels);
        end(labels);
      });
      next();
    };
  }

  workflowStarted(outcome: WorkflowStartOutcome): void {
    this.workflowStarts.inc({ outcome });
  }

  leaseRole(lease: string, role: 'active' | 'standby'): void {
    this.leaseHeld.set({ lease }, role === 'active' ? 1 : 0);
  }

  observeRelay(source: RelayLagSource): () => void {
    this.relays.set(source.subscriberName, { source, lastPublishedAt: Date.now() });
    return () => this.relays.delete(source.subscriberName);
  }

  relayPublished(subscriberName: string): void {
    const relay = this.relays.get(subscriberName);
    if (relay) relay.lastPublishedAt = Date.now();
  }
}
