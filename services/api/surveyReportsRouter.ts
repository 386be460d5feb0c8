import { Router } from 'express';
import type { components } from '../../contracts/generated/openapi';
import type { Questionnaire } from '../../workflows/domain/questionnaire';
import type { SurveyDimension } from '../../workflows/domain/surveyGroups';
import type { SurveyReport } from '../../workflows/domain/surveyReport';
import { WrongExpectedRevisionError } from '../event-store/eventStore';
import { organisationOf } from '../auth/principal';
import {
  InvalidQuestionnaireError,
  type QuestionnaireStore,
  QuestionnaireVersionConflictError,
} from '../survey/questionnaireStore';
import { surveyReportCsv, surveyTrendsCsv } from '../survey/reportCsv';
import type { SurveyService } from '../survey/surveyService';
import { actorOf } from './actor';
import { Problem, versionConflict } from '../problems/problem';
import type { OperationGuard } from './operationGuard';
import { questionnaireOrNotFound } from './questionnaireNotFound';

type Schemas = components['schemas'];

/** HR's side of the survey: questionnaires as versioned events, the waves, and k-anonymous reports of aggregates. */
export function surveyReportsRouter(deps: {
  guard: OperationGuard;
  survey: SurveyService;
  questionnaires: QuestionnaireStore;
}): Router {
  const router = Router();
  const { guard, survey, questionnaires } = deps;

  router.get('/questionnaires/:questionnaireId', guard.middleware('getQuestionnaire'), async (req, res) => {
    const { questionnaireId } = req.params as { questionnaireId: string };
    res.json(
      await questionnaireOrNotFound(() => questionnaires.latest(organisationOf(req), questionnaireId), questionnaireId),
    );
  });

  router.put('/questionnaires/:questionnaireId', guard.middleware('publishQuestionnaireVersion'), async (req, res) => {
    const organisationId = organisationOf(req);
    const { questionnaireId } = req.params as { questionnaireId: string };
    const questionnaire: Questionnaire = {
      ...(req.body as Schemas['QuestionnaireVersion']),
      id: questionnaireId,
      organisationId,
    };
    const conflict = async () =>
      versionConflict(
        'questionnaire-version-conflict',
        await questionnaires.publishedVersion(organisationId, questionnaireId),
        { questionnaireId },
      );
    try {
      await questionnaireOrNotFound(() => questionnaires.publish(questionnaire, actorOf(req)), questionnaireId);
    } catch (error) {
      if (error instanceof QuestionnaireVersionConflictError || error instanceof WrongExpectedRevisionError)
        throw await conflict();
      if (error instanceof InvalidQuestionnaireError) {
        throw new Problem(
          400,
          'invalid-questionnaire',
          {},
          error.problems.map((problem) => ({
            pointer: `/${problem.path.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`,
            detail: problem.message,
          })),
        );
      }
      throw error;
    }
    res.json(questionnaire);
  });

  router.get('/questionnaires/:questionnaireId/trends', guard.middleware('getSurveyTrends'), async (req, res) => {
    const { questionnaireId } = req.params as { questionnaireId: string };
    res.setHeader('Cache-Control', 'no-store');
    res.json(
      (await questionnaireOrNotFound(
        () => survey.trends(organisationOf(req), questionnaireId, groupByOf(req)),
        questionnaireId,
      )) as Schemas['SurveyTrends'],
    );
  });

  router.get(
    '/questionnaires/:questionnaireId/trends/export',
    guard.middleware('exportSurveyTrends'),
    async (req, res) => {
      const { questionnaireId } = req.params as { questionnaireId: string };
      const trends = await questionnaireOrNotFound(
        () => survey.trends(organisationOf(req), questionnaireId, groupByOf(req)),
        questionnaireId,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${questionnaireId}-trends.csv"`);
      res.type('text/csv; charset=utf-8; header=present').send(surveyTrendsCsv(trends));
    },
  );

  router.get('/survey-waves', guard.middleware('listSurveyWaves'), async (req, res) => {
    res.json({ waves: await survey.waves(organisationOf(req)) } satisfies Schemas['SurveyWaveList']);
  });

  router.get('/survey-waves/:waveId/report', guard.middleware('getSurveyReport'), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await reportOrNotFound(survey.report(organisationOf(req), waveOf(req)), waveOf(req)));
  });

  router.get('/survey-waves/:waveId/report/export', guard.middleware('exportSurveyReport'), async (req, res) => {
    const report = await reportOrNotFound(survey.report(organisationOf(req), waveOf(req)), waveOf(req));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${report.waveId}.csv"`);
    res.type('text/csv; charset=utf-8; header=present').send(surveyReportCsv(report));
  });

  router.post('/survey-waves/:waveId/closure', guard.middleware('closeSurveyWave'), async (req, res) => {
    res.json(await reportOrNotFound(survey.close(organisationOf(req), waveOf(req), actorOf(req)), waveOf(req)));
  });

  router.post(
    '/survey-waves/:waveId/open-answers/:answerId/redaction',
    guard.middleware('redactSurveyOpenAnswer'),
    async (req, res) => {
      const { answerId } = req.params as { answerId: string };
      const { reason } = req.body as Schemas['SurveyOpenAnswerRedaction'];
      const result = await survey.redactOpenAnswer(organisationOf(req), waveOf(req), answerId, reason, actorOf(req));
      if (result === 'unknown-wave') throw new Problem(404, 'survey-wave-not-found', { waveId: waveOf(req) });
      if (result === 'unknown-answer')
        throw new Problem(404, 'survey-open-answer-not-found', { waveId: waveOf(req), answerId });
      res.json({ answerId, itemId: result.itemId, redacted: true } satisfies Schemas['SurveyOpenAnswerRedacted']);
    },
  );

  return router;
}

const waveOf = (req: { params: unknown }) => (req.params as { waveId: string }).waveId;

// The contract's validation has checked the value against the dimensions.
const groupByOf = (req: { query: unknown }) => (req.query as { groupBy?: SurveyDimension }).groupBy;

async function reportOrNotFound(
  report: Promise<SurveyReport | undefined>,
  waveId: string,
): Promise<Schemas['SurveyReport']> {
  const found = await report;
  if (!found) throw new Problem(404, 'survey-wave-not-found', { waveId });
  return found as Schemas['SurveyReport'];
}
