import { type CallLimiter, retryAfterMs } from './callLimiter';
import type { Clock } from './clock';
import { type HrisKind, HrisRequestError } from './hrisConnector';

const MAX_ATTEMPTS = 6;

export interface JsonGet {
  readonly hris: HrisKind;
  readonly url: string;
  readonly limiter: CallLimiter;
  readonly clock: Clock;
  /** The Authorization header value for this attempt. */
  authorization(): Promise<string>;
  /** A 401 for this header: true to try once more (a renewed token), false to fail. */
  unauthorized?(authorization: string): boolean;
  /** Called for every request actually sent. */
  sent?(): void;
}

/**
 * One GET against an HR system, inside its limiter: 429 and 5xx are retried after the server's Retry-After
 * (or an exponential fallback), and the pause holds back every other queued call too.
 */
export async function getJson<T>(request: JsonGet): Promise<T> {
  let retriedUnauthorized = false;
  for (let attempt = 1; ; attempt += 1) {
    const authorization = await request.authorization();
    const response = await request.limiter.run(async () => {
      request.sent?.();
      const answer = await fetch(request.url, { headers: { authorization, accept: 'application/json' } });
      // Pause before the slot is released, or the next queued call starts before it has heard of the 429.
      if (answer.status === 429 || answer.status >= 500) {
        const now = request.clock.now();
        request.limiter.pauseUntil(
          now + retryAfterMs(answer.headers.get('retry-after'), now, Math.min(60_000, 1000 * 2 ** (attempt - 1))),
        );
      }
      return answer;
    });
    if (response.ok) return (await response.json()) as T;
    await response.body?.cancel();
    if (response.status === 401 && !retriedUnauthorized && request.unauthorized?.(authorization)) {
      retriedUnauthorized = true;
      continue;
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= MAX_ATTEMPTS) {
      throw new HrisRequestError(
        request.hris,
        response.status,
        `GET ${new URL(request.url).pathname} answered ${response.status}`,
      );
    }
  }
}
