import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import type { AnswerProblem, AnswerProblemKind } from '../../workflows/domain/questionnaire';
import { OPEN_ANSWER_MAX_LENGTH } from '../../workflows/domain/questionnaire';
import { surveyAnsweredSignal } from '../../workflows/hireJourneyContract';
import type { Logger } from '../shared/logger';
import { InvalidAnswersError, type SurveyService } from '../survey/surveyService';
import { type FieldError, Problem, preferredLanguage } from '../problems/problem';
import type { Language } from '../problems/problemMessages';
import type { RequestValidator } from '../http/requestValidator';
import { requireLinkOfRequestedOrganisation, sendUncached, surveyLinkPosts } from './surveyLinkCalls';
import { tellJourney } from './tellJourney';

type Schemas = components['schemas'];

const ANSWER_PROBLEMS: Record<AnswerProblemKind, Record<Language, (itemId: string) => string>> = {
  'unknown-item': {
    nl: (id) => `Deze vragenlijst heeft geen vraag "${id}".`,
    en: (id) => `This questionnaire has no question "${id}".`,
  },
  'out-of-range': {
    nl: (id) => `Het antwoord op "${id}" valt buiten de schaal.`,
    en: (id) => `The answer to "${id}" is outside the scale.`,
  },
  'missing-answer': {
    nl: (id) => `Vraag "${id}" is nog niet beantwoord.`,
    en: (id) => `Question "${id}" has not been answered.`,
  },
  'duplicate-item': {
    nl: (id) => `Vraag "${id}" is twee keer beantwoord.`,
    en: (id) => `Question "${id}" was answered twice.`,
  },
  'text-too-long': {
    nl: (id) => `Het antwoord op "${id}" is langer dan ${OPEN_ANSWER_MAX_LENGTH} tekens.`,
    en: (id) => `The answer to "${id}" is longer than ${OPEN_ANSWER_MAX_LENGTH} characters.`,
  },
  'wrong-answer-type': {
    nl: (id) => `Vraag "${id}" vraagt om een ander soort antwoord.`,
    en: (id) => `Question "${id}" asks for another kind of answer.`,
  },
};

/**
 * The survey page's two calls, before authentication: the personal link's token is the credential. Nothing here
 * logs a token or an answer; a refused submission stores nothing and leaves the link as it was.
 */
export function surveyRouter(deps: {
  survey: SurveyService;
  client: Client;
  validator: RequestValidator;
  logger: Logger;
}): Router {
  const router = Router();
  const { survey, validator } = deps;
  const post = surveyLinkPosts(router, validator);

  post('/survey/invitation', 'openSurveyInvitation', async (req, res) => {
    const { invitation, questionnaire } = await survey.invitation((req.body as Schemas['SurveyLinkToken']).token);
    requireLinkOfRequestedOrganisation(req, invitation.organisationId);
    sendUncached(res, 200, {
      questionnaire: questionnaire as Schemas['Questionnaire'],
      expiresAt: new Date(invitation.expiresAt).toISOString(),
    } satisfies Schemas['SurveyInvitationView']);
  });

  post('/survey/responses', 'submitSurveyResponse', async (req, res) => {
    const { token, answers } = req.body as Schemas['SurveySubmission'];
    const { invitation } = await survey.invitation(token);
    requireLinkOfRequestedOrganisation(req, invitation.organisationId);
    const spentBy = await survey.submit(token, answers).catch((error: unknown) => {
      throw error instanceof InvalidAnswersError
        ? new Problem(400, 'invalid-survey-answers', {}, fieldErrors(error.problems, preferredLanguage(req)))
        : error;
    });
    sendUncached(res, 202, { status: 'received' } satisfies Schemas['SurveySubmissionReceipt']);
    // The journey records it; the reminder asks the survey store, not the journey, whether the link was spent.
    // Which survey, so a pulse answered is not taken for the 90-day survey (whose reminder still goes out).
    await tellJourney(deps, spentBy, 'traject niet verteld dat de vragenlijst is ingevuld', surveyAnsweredSignal, {
      survey: invitation.questionnaireId,
    });
  });

  return router;
}

function fieldErrors(problems: readonly AnswerProblem[], language: Language): FieldError[] {
  return problems.map((problem) => ({
    pointer: problem.index === null ? '/answers' : `/answers/${problem.index}`,
    detail: ANSWER_PROBLEMS[problem.kind][language](problem.itemId),
  }));
}
