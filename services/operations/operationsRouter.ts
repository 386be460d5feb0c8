import { Router } from 'express';
import { Problem } from '../problems/problem';
import type { Metrics } from '../shared/metrics';
import { type ReadinessCheck, answers } from './readinessChecks';

/**
 * For the platform, not for tenants: no X-Organisation-Id. /healthz says the process serves HTTP; /readyz says
 * what the service needs answers (each check named in `checks`; 503 problem+json naming what does not);
 * /metrics is Prometheus text. The API mounts it beside its routes, every other service on its own port
 * (services/operations/opsServer.ts).
 */
export function operationsRouter(deps: {
  checks: Readonly<Record<string, ReadinessCheck>>;
  metrics: Metrics;
  /** A service that runs one active instance at a time (a lease): whether this one is it. A standby is ready too. */
  role?: () => 'active' | 'standby';
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const entries = Object.entries(deps.checks);
    const results = await Promise.all(entries.map(([, readiness]) => answers(() => readiness.check())));
    const away = entries.filter((_entry, index) => !results[index]).map(([, readiness]) => readiness.label);
    if (away.length > 0) throw new Problem(503, 'not-ready', { away: away.join(', ') });
    res.json({
      status: 'ready',
      checks: Object.fromEntries(entries.map(([name]) => [name, 'up'])),
      ...(deps.role ? { role: deps.role() } : {}),
    });
  });
  router.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.exposition();
    res.type(deps.metrics.registry.contentType).send(text);
  });
  return router;
}
