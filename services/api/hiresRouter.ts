import { organisationOf } from '../auth/principal';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { type JourneyView, hireJourneyWorkflowId, journeyViewQuery } from '../../workflows/hireJourneyContract';
import { EXIT_INTERVIEW_TASK_ID } from '../../workflows/journeyState';
import { actorOf } from './actor';
import { type HireRegistration, type HireRegistrationRequest } from './hireRegistration';
import { accessOf } from './authorization';
import { Problem } from './problem';
import type { OperationGuard } from './operationGuard';

export function hiresRouter(deps: {
  guard: OperationGuard;
  registration: HireRegistration;
  client: Client;
}): Router {
  const router = Router();
  const { guard, registration, client } = deps;

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
      .json(outcome.view);
  });

  router.get('/hires/:hireId', guard.middleware('getHire'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { hireId } = req.params as { hireId: string };
    const handle = client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId));
    try {
      const view = await handle.query(journeyViewQuery);
      res.json(accessOf(req).grant === 'progress' ? progressOf(view) : view);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new Problem(404, 'hire-not-found', { hireId });
      throw error;
    }
  });

  return router;
}

/** What a recruiter sees: how the hire is getting on, not the exit interview nor who did what. */
function progressOf(view: JourneyView): JourneyView {
  const { items, ...rest } = view;
  if (!items) return rest;
  return {
    ...rest,
    items: items
      .filter((item) => item.id !== EXIT_INTERVIEW_TASK_ID)
      .map(({ completedBy: _completedBy, ...item }) => item),
  };
}
