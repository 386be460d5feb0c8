import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { hireJourneyWorkflowId, journeyViewQuery } from '../../workflows/hireJourneyContract';
import { actorOf } from './actor';
import { type HireRegistration, type HireRegistrationRequest } from './hireRegistration';
import { Problem } from './problem';
import type { RequestValidator } from './requestValidator';

export function hiresRouter(deps: {
  validator: RequestValidator;
  registration: HireRegistration;
  client: Client;
}): Router {
  const router = Router();
  const { validator, registration, client } = deps;

  router.post('/hires', validator.middleware('registerHire'), async (req, res) => {
    const organisationId = req.header('X-Organisation-Id')!;
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

  router.get('/hires/:hireId', validator.middleware('getHire'), async (req, res) => {
    const organisationId = req.header('X-Organisation-Id')!;
    const { hireId } = req.params as { hireId: string };
    const handle = client.workflow.getHandle(hireJourneyWorkflowId(organisationId, hireId));
    try {
      res.json(await handle.query(journeyViewQuery));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new Problem(404, 'hire-not-found', { hireId });
      throw error;
    }
  });

  return router;
}
