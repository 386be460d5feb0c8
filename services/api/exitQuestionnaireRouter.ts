import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import { exitQuestionnaireReport, validateExitQuestionnaireAnswer } from '../../workflows/domain/exitQuestionnaire';
import { MINIMUM_GROUP_SIZE } from '../../workflows/domain/smallGroups';
import { organisationOf } from '../auth/principal';
import type { ExitQuestionnaireStorage } from '../survey/surveyStorage';
import type { OperationGuard } from './operationGuard';
import { Problem, preferredLanguage } from '../problems/problem';
import type { RequestValidator } from '../http/requestValidator';
import { requireLinkOfRequestedOrganisation, sendUncached, surveyLinkPosts } from './surveyLinkCalls';

type Schemas = components['schemas'];

/**
 * The exit questionnaire page's two calls, before authentication: the personal link's token is the credential.
 * Nothing here logs a token or an answer; a refused submission stores nothing and leaves the link as it was. The
 * journey is not told: the answer is anonymous, and the leaver's stream records the mail that carried the link.
 */
export function exitQuestionnaireRouter(deps: {
  store: ExitQuestionnaireStorage;
  validator: RequestValidator;
}): Router {
  const router = Router();
  const { store, validator } = deps;
  const post = surveyLinkPosts(router, validator);

  post('/exit-questionnaire/invitation', 'openExitQuestionnaire', async (req, res) => {
    const invitation = await store.open((req.body as Schemas['SurveyLinkToken']).token);
    requireLinkOfRequestedOrganisation(req, invitation.organisationId);
    sendUncached(res, 200, {
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    } satisfies Schemas['ExitQuestionnaireInvitation']);
  });

  post('/exit-questionnaire/responses', 'submitExitQuestionnaire', async (req, res) => {
    const { token, reasons, openText } = req.body as Schemas['ExitQuestionnaireSubmission'];
    requireLinkOfRequestedOrganisation(req, (await store.open(token)).organisationId);
    const checked = validateExitQuestionnaireAnswer({ reasons, openText }, preferredLanguage(req));
    if (!checked.ok) throw new Problem(400, 'invalid-exit-questionnaire-answer', {}, checked.problems);
    await store.submit(token, checked.value, MINIMUM_GROUP_SIZE);
    sendUncached(res, 202, { status: 'received' } satisfies Schemas['SurveySubmissionReceipt']);
  });

  return router;
}

/** HR's report: figures for groups of at least five only (workflows/domain/exitQuestionnaire.ts). */
export function exitQuestionnaireReportRouter(deps: {
  guard: OperationGuard;
  store: ExitQuestionnaireStorage;
}): Router {
  const router = Router();
  router.get('/analytics/exit-questionnaire', deps.guard.middleware('getExitQuestionnaireReport'), async (req, res) => {
    const report = exitQuestionnaireReport(await deps.store.released(organisationOf(req), MINIMUM_GROUP_SIZE));
    res.json(report as Schemas['ExitQuestionnaireReport']);
  });
  return router;
}
