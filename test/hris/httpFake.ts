import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, compareDates } from '../../workflows/domain/calendar';
import { dutchDate } from '../../services/shared/dutchClock';
import type { Clock } from '../../services/hris-connector/clock';

/**
 * What the YouForce and AFAS fakes share: a real HTTP server on a free port, the vendor's rate behaviour
 * (429 with Retry-After, counted on the shared clock), and bookkeeping tests assert on.
 */
export abstract class HttpFake {
  private server: Server | undefined;
  baseUrl = '';
  apiCalls = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** Requests answered 429 (forced or over a limit). */
  throttled = 0;
  /** Requests that came back before the Retry-After they were given had passed: a client that does not honour it. */
  earlyRetries = 0;
  /** Real milliseconds every API answer takes, so concurrency can be observed. */
  responseDelayMs = 0;
  private forcedThrottles: number[] = [];
  private notBefore = 0;
  protected readonly callTimes: number[] = [];

  constructor(
    protected readonly clock: Clock,
    private readonly limits: { perMinute?: number; concurrent?: number } = {},
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` API calls are answered 429 with `Retry-After: retryAfterSeconds`. */
  throttleNext(count: number, retryAfterSeconds: number): void {
    for (let index = 0; index < count; index += 1) this.forcedThrottles.push(retryAfterSeconds);
  }

  today(): string {
    return dutchDate(this.clock.now());
  }

  /** Records dropped from answers this many days after their end date (YouForce IAM FAQ: 90). */
  protected isPastRetention(endDate: string | undefined | null, retentionDays: number | undefined): boolean {
    if (!endDate || endDate.startsWith('9999') || retentionDays === undefined) return false;
    return compareDates(addDays(endDate.slice(0, 10), retentionDays), this.today()) < 0;
  }

  /** Rate behaviour, then the vendor's own route; API calls only (a token call does not count here). */
  protected async api(response: ServerResponse, answer: () => Promise<void> | void): Promise<void> {
    this.apiCalls += 1;
    const now = this.clock.now();
    if (now < this.notBefore) this.earlyRetries += 1;
    const forced = this.forcedThrottles.shift();
    const recent = this.callTimes.filter((time) => time > now - 60_000);
    let retryAfter: number | undefined = forced;
    if (retryAfter === undefined && this.limits.perMinute !== undefined && recent.length >= this.limits.perMinute) {
      retryAfter = Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    }
    if (retryAfter === undefined && this.limits.concurrent !== undefined && this.inFlight >= this.limits.concurrent)
      retryAfter = 1;
    if (retryAfter !== undefined) {
      this.throttled += 1;
      this.notBefore = now + retryAfter * 1000;
      response.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Too many requests' }));
      return;
    }
    this.callTimes.push(now);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.responseDelayMs));
      await answer();
    } finally {
      this.inFlight -= 1;
    }
  }

  protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
