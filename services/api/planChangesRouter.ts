import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import type { PlanItemChange } from '../../workflows/domain/journey/planItemChanges';
import { changePlanItemUpdate } from '../../workflows/hireJourneyContract';
import { organisationOf } from '../auth/principal';
import type { EventStore } from '../event-store/eventStore';
import type { PeopleDirectory } from '../people/peopleDirectory';
import { actorOf } from './actor';
import { commandRequest } from './commandRequest';
import { refuseHireWithoutHistory } from './hireNotFound';
import type { CommandRequest, JourneyCommands } from './journeyCommands';
import { journeyViewFor } from './journeyViewFor';
import type { OperationGuard } from './operationGuard';
import { missingReasonMessage, planChangeMessage, unpackRefusal } from '../problems/planChangeMessages';
import { refuseUnplannableDates } from '../registration/plannableDates';
import { Problem, preferredLanguage } from '../problems/problem';

type Schemas = components['schemas'];

/**
 * HR's changes to one hire's plan (workflows/domain/journey/planItemChanges.ts): one Update of the journey, whose validator
 * refuses what the rules refuse before anything is recorded. HR's reason is stored only once the journey accepted
 * the change, beside the contact details, under the change's id: a refused request stores nothing.
 */
export function planChangesRouter(deps: {
  guard: OperationGuard;
  commands: JourneyCommands;
  reasons: Pick<PeopleDirectory, 'savePlanChangeReason' | 'planChangeReasons'>;
  store: EventStore;
}): Router {
  const router = Router();
  const { guard, commands, reasons, store } = deps;
  router.get('/hires/:hireId/plan-changes', guard.middleware('listPlanChangeReasons'), async (req, res) => {
    const hire = { organisationId: organisationOf(req), hireId: (req.params as { hireId: string }).hireId };
    await refuseHireWithoutHistory(store, hire);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: await reasons.planChangeReasons(hire) } satisfies Schemas['PlanChangeReasonList']);
  });
  router.post('/hires/:hireId/plan-changes', guard.middleware('changePlanItem'), async (req, res) => {
    const body = req.body as Schemas['PlanItemChangeRequest'];
    const language = preferredLanguage(req);
    const reason = body.reason.trim();
    if (reason.length === 0)
      throw new Problem(400, 'invalid-request', {}, [{ pointer: '/reason', detail: missingReasonMessage(language) }]);
    // The contract's four shapes are exactly the domain's PlanItemChange.
    const change = body.change as PlanItemChange;
    if ('dueDate' in change) refuseUnplannableDates({ '/change/dueDate': change.dueDate });
    const request = commandRequest(req);
    const changeId = planChangeId(request);
    let view: Awaited<ReturnType<JourneyCommands['send']>>;
    try {
      view = await commands.send(request, changePlanItemUpdate, { change, changeId, actor: actorOf(req) });
    } catch (error) {
      throw withFieldError(error, language);
    }
    await reasons.savePlanChangeReason({
      organisationId: request.organisationId,
      hireId: request.hireId,
      changeId,
      reason,
    });
    res.json(journeyViewFor(req, view));
  });
  return router;
}

/**
 * The change's id, from the request's Idempotency-Key: a retry names the same change (and the same added task), and
 * the key itself, which the client chose, does not go into the hire's stream.
 */
export function planChangeId(request: CommandRequest): string {
  return createHash('sha256')
    .update(`${request.organisationId}\u0000${request.hireId}\u0000${request.idempotencyKey}`)
    .digest('hex')
    .slice(0, 32);
}

/** A refusal of the rules names the field it is about, in the reader's language, for the form to show beside it. */
function withFieldError(error: unknown, language: 'nl' | 'en'): unknown {
  if (!(error instanceof Problem) || error.kind !== 'plan-change-refused') return error;
  const refusal = unpackRefusal(error.params);
  return new Problem(error.status, error.kind, error.params, [
    { pointer: refusal.pointer, detail: planChangeMessage(refusal, language) },
  ]);
}
