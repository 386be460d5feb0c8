import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { hireJourneyWorkflowId, journeyViewQuery } from '../../workflows/hireJourneyContract';
import { organisationOf } from '../auth/principal';
import { actorOf } from './actor';
import type { HireRegistration, HireRegistrationRequest } from '../registration/hireRegistration';
import { journeyViewFor } from './journeyViewFor';
import { sendJourneyView } from './journeyViewBodies';
import { Problem } from '../problems/problem';
import type { Rehires } from '../registration/rehires';
import type { StoredJourneyViews } from './storedJourneyViews';
import type { OperationGuard } from './operationGuard';
import { withinRequestBudget } from '../registration/temporalDeadline';

export function hiresRouter(deps: {
  guard: OperationGuard;
  registration: HireRegistration;
  client: Client;
  views: StoredJourneyViews;
  rehires: Rehires;
}): Router {
  const router = Router();
  const { guard, registration, client, views, rehires } = deps;

  router.post('/hires', guard.middleware('registerHire'), async (req, res) => {
    const organisationId = organisationOf(req);
    const outcome = await registration.register(
      organisationId,
      req.header('Idempotency-Key')!,
      req.body as HireRegistrationRequest,
      actorOf(req),
    );
    res
      .status(outcome.created ? 201 : 200)
      .location(`/hires/${encodeURIComponent(outcome.view.hireId)}`)
      .json(journeyViewFor(req, outcome.view));
  });

  router.get('/hires/:hireId', guard.middleware('getHire'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { hireId } = req.params as { hireId: string };
    const stored = await views.view(organisationId, hireId);
    if (stored) {
      // The other direction of a rehire: the later journeys that named this one in rehireOf.
      sendJourneyView(req, res, stored, await rehires.rehiredAs({ organisationId, hireId }, stored.outcome));
      return;
    }
    // Not started yet (the registered view lives in the workflow) or a template the store does not know.
    const handle = client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId));
    try {
      const view = await withinRequestBudget(client, () => handle.query(journeyViewQuery));
      res.json(journeyViewFor(req, view));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new Problem(404, 'hire-not-found', { hireId });
      throw error;
    }
  });

  return router;
}
