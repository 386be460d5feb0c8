import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while a request is handled says about it (services/shared/logger.ts mixes it in). */
export interface RequestContext {
  readonly requestId: string;
}

const current = new AsyncLocalStorage<RequestContext>();

/** Runs `work` (and everything it awaits or schedules) as part of the request. */
export function inRequest<T>(context: RequestContext, work: () => T): T {
  return current.run(context, work);
}

export function currentRequest(): RequestContext | undefined {
  return current.getStore();
}
