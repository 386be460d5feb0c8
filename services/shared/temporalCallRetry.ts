import { type GrpcRetryOptions, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

type Interceptor = ReturnType<typeof makeGrpcRetryInterceptor>;

/**
 * How long a call with a deadline keeps retrying a Temporal that fails it (unreachable, restarting): a blip is
 * absorbed, an outage is told to the caller within about a second instead of after the SDK's ~20 s of retries.
 */
export const RETRY_WINDOW_MS = 1_000;

/**
 * The client's retries of failed gRPC calls: the SDK's own (which errors, how long between attempts) for a call
 * without a deadline; for a call with one (`connection.withDeadline`, as every HTTP request sets), only retries
 * that start within RETRY_WINDOW_MS of its first attempt and before its deadline. The SDK waits between attempts
 * outside any call, so without this a deadline would be noticed only at the next attempt, seconds after it passed.
 */
export function deadlineBoundRetryInterceptor(defaults: GrpcRetryOptions = defaultGrpcRetryOptions()): Interceptor {
  return (options, nextCall) => {
    const deadline = options.deadline === undefined ? undefined : Number(options.deadline);
    if (deadline === undefined || !Number.isFinite(deadline))
      return makeGrpcRetryInterceptor(defaults)(options, nextCall);
    const retryUntil = Math.min(deadline, Date.now() + RETRY_WINDOW_MS);
    // The SDK asks whether to retry, then how long to wait: the delay is drawn once (it has jitter) and used for both.
    let nextDelay = 0;
    const bounded: GrpcRetryOptions = {
      retryableDecider: (attempt, status) => {
        if (!defaults.retryableDecider(attempt, status)) return false;
        nextDelay = defaults.delayFunction(attempt, status);
        return Date.now() + nextDelay < retryUntil;
      },
      delayFunction: () => nextDelay,
    };
    return makeGrpcRetryInterceptor(bounded)(options, nextCall);
  };
}
