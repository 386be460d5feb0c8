import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { EventStore } from '../event-store/eventStore';
import type { Metrics } from '../shared/metrics';
import { Problem } from './problem';

/** How long a readiness check waits for Temporal or the event store before calling it away. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * For the platform, not for tenants: no X-Organisation-Id. /healthz says the process serves HTTP; /readyz says
 * Temporal and the event store answer (503 problem+json naming what does not); /metrics is Prometheus text.
 */
export function operationsRouter(deps: { client: Client; store: EventStore; metrics: Metrics }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [temporal, eventStore] = await Promise.all([answers(() => temporalAnswers(deps.client)), answers(() => storeAnswers(deps.store))]);
    const away = [...(temporal ? [] : ['Temporal']), ...(eventStore ? [] : ['event store'])];
    if (away.length > 0) throw new Problem(503, 'not-ready', { away: away.join(', ') });
    res.json({ status: 'ready', checks: { temporal: 'up', eventStore: 'up' } });
  });
  router.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.registry.metrics();
    res.type(deps.metrics.registry.contentType).send(text);
  });
  return router;
}

async function temporalAnswers(client: Client): Promise<void> {
  await client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => client.workflowService.getSystemInfo({}));
}

async function storeAnswers(store: EventStore): Promise<void> {
  for await (const _event of store.readAll({ maxCount: 1 })) break;
}

async function answers(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  const checking = check();
  // A check that loses the race may still fail later (e.g. its channel is closed): that must not go unhandled.
  checking.catch(() => undefined);
  try {
    await Promise.race([checking, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
