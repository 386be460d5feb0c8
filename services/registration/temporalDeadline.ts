import type { Client } from '@temporalio/client';

/**
 * How long one HTTP request waits for Temporal in all: enough for a busy worker to answer a query or an Update,
 * well inside what an HTTP client waits. A Temporal that cannot be reached fails sooner: the client retries for a
 * second only (services/shared/temporalCallRetry.ts). Either way the answer is 503 with Retry-After, and a retry
 * with the same Idempotency-Key is safe.
 */
export const TEMPORAL_REQUEST_BUDGET_MS = 5_000;

/** Runs a request's Temporal calls under one deadline (the client's calls take no deadline of their own). */
export function withinRequestBudget<T>(client: Client, work: () => Promise<T>): Promise<T> {
  return client.connection.withDeadline(Date.now() + TEMPORAL_REQUEST_BUDGET_MS, work);
}
