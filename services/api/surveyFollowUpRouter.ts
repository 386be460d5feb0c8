import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import type { SurveyTopic } from '../../workflows/domain/questionnaire';
import { organisationOf } from '../auth/principal';
import type { PeopleDirectory } from '../people/peopleDirectory';
import { type FieldError, Problem, preferredLanguage } from '../problems/problem';
import type { SurveyTopicOwnersStore } from '../survey/surveyTopicOwnersStore';
import { type SurveyYearAnalyses, SurveyYearNotOverError } from '../survey/surveyYearAnalysis';
import { actorOf } from './actor';
import { accessOf } from './authorization';
import type { OperationGuard } from './operationGuard';
import { questionnaireOrNotFound } from './questionnaireNotFound';

type Schemas = components['schemas'];

// The contract's enum and the domain's union are one list: the compiler says so both ways.
type SameTopics<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const topicsAgree: SameTopics<Schemas['SurveyTopic'], SurveyTopic> = true;
void topicsAgree;

/**
 * The survey's follow-up: who owns which topic, the yearly analysis of the items that score worst repeatedly, and
 * the tasks it opens for those owners. Handlers stay short: the rule is in workflows/domain, the recording in
 * services/survey.
 */
export function surveyFollowUpRouter(deps: {
  guard: OperationGuard;
  owners: SurveyTopicOwnersStore;
  analyses: SurveyYearAnalyses;
  directory: PeopleDirectory;
}): Router {
  const router = Router();
  const { guard, owners, analyses, directory } = deps;

  router.get('/survey-topic-owners', guard.middleware('getSurveyTopicOwners'), async (req, res) => {
    res.json((await owners.latest(organisationOf(req))) as Schemas['SurveyTopicOwners']);
  });

  router.put('/survey-topic-owners', guard.middleware('saveSurveyTopicOwners'), async (req, res) => {
    const organisationId = organisationOf(req);
    const list = (req.body as Schemas['SurveyTopicOwnersList']).owners;
    const english = preferredLanguage(req) === 'en';
    const errors: FieldError[] = [];
    const known = await Promise.all(
      list.map(async (owner) => (await directory.find(organisationId, owner.ownerRef)) !== undefined),
    );
    list.forEach((owner, index) => {
      if (list.findIndex((other) => other.topic === owner.topic) < index)
        errors.push({
          pointer: `/owners/${index}/topic`,
          detail: english
            ? `Topic "${owner.topic}" has an owner twice.`
            : `Onderwerp "${owner.topic}" heeft twee keer een eigenaar.`,
        });
      // The owner must be someone the HR system knows: a task for nobody would wait for ever.
      if (!known[index])
        errors.push({
          pointer: `/owners/${index}/ownerRef`,
          detail: english
            ? `"${owner.ownerRef}" is not in this organisation's people directory.`
            : `"${owner.ownerRef}" staat niet in het personenbestand van deze organisatie.`,
        });
    });
    if (errors.length > 0) throw new Problem(400, 'invalid-survey-topic-owners', {}, errors);
    res.json((await owners.save(organisationId, list, actorOf(req))) as Schemas['SurveyTopicOwners']);
  });

  router.post(
    '/questionnaires/:questionnaireId/year-analyses',
    guard.middleware('analyseSurveyYear'),
    async (req, res) => {
      const { questionnaireId } = req.params as { questionnaireId: string };
      const { year } = req.body as Schemas['SurveyYearAnalysisRequest'];
      const { created, analysis } = await orNotFound(
        () => analyses.analyse(organisationOf(req), questionnaireId, year, actorOf(req)),
        questionnaireId,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.status(created ? 201 : 200).json(analysis as Schemas['SurveyYearAnalysis']);
    },
  );

  router.get(
    '/questionnaires/:questionnaireId/year-analyses/:year',
    guard.middleware('getSurveyYearAnalysis'),
    async (req, res) => {
      const { questionnaireId, year } = req.params as { questionnaireId: string; year: string };
      const analysis = await orNotFound(
        () => analyses.analysis(organisationOf(req), questionnaireId, year),
        questionnaireId,
      );
      if (!analysis) throw new Problem(404, 'survey-year-analysis-not-found', { questionnaireId, year });
      res.setHeader('Cache-Control', 'no-store');
      res.json(analysis as Schemas['SurveyYearAnalysis']);
    },
  );

  router.get('/survey-topic-tasks', guard.middleware('listSurveyTopicTasks'), async (req, res) => {
    const { grant, principal } = accessOf(req);
    // `own` always comes with a person reference (authorization refuses a personal role without one).
    const tasks = await analyses.tasks(principal.organisationId, grant === 'own' ? principal.personRef! : undefined);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ tasks: tasks as Schemas['SurveyTopicTask'][] } satisfies Schemas['SurveyTopicTaskList']);
  });

  router.post(
    '/survey-topic-tasks/:taskId/completion',
    guard.middleware('completeSurveyTopicTask'),
    async (req, res) => {
      const { taskId } = req.params as { taskId: string };
      const { grant, principal } = accessOf(req);
      const task = await analyses.complete(
        principal.organisationId,
        taskId,
        actorOf(req),
        grant === 'own' ? principal.personRef! : undefined,
      );
      if (!task) throw new Problem(404, 'survey-topic-task-not-found', { taskId });
      res.json(task as Schemas['SurveyTopicTask']);
    },
  );

  return router;
}

/** A questionnaire the organisation does not have is its 404 (questionnaireOrNotFound); a year not over yet, a 409. */
async function orNotFound<T>(load: () => Promise<T>, questionnaireId: string): Promise<T> {
  try {
    return await questionnaireOrNotFound(load, questionnaireId);
  } catch (error) {
    if (error instanceof SurveyYearNotOverError)
      throw new Problem(409, 'survey-year-not-over', { year: error.year, next: String(Number(error.year) + 1) });
    throw error;
  }
}
