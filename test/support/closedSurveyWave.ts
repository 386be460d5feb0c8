import type { EventStore } from '../../services/event-store/eventStore';
import type { Logger } from '../../services/shared/logger';
import { QuestionnaireStore } from '../../services/survey/questionnaireStore';
import { SurveyService } from '../../services/survey/surveyService';
import { SurveyStore } from '../../services/survey/surveyStore';
import { DEFAULT_QUESTIONNAIRE } from '../../workflows/domain/questionnaire';

/**
 * A survey wave as the survey service runs it, closed: six hires of one team invited, five answered (every open
 * answer is `marker`, so a test can look for it where it must not be), then HR closed it. The answer store is in
 * memory; close it when done.
 */
export async function closedSurveyWave(
  store: EventStore,
  logger: Logger,
  wave: { organisationId: string; waveId: string; marker: string },
): Promise<{ answers: SurveyStore }> {
  const { organisationId, waveId, marker } = wave;
  const answers = new SurveyStore({ tokensPath: ':memory:', answersPath: ':memory:' }, Buffer.alloc(32, 7));
  const survey = new SurveyService({
    store: answers,
    questionnaires: new QuestionnaireStore(store),
    events: store,
    logger,
  });
  for (let index = 0; index < 6; index += 1) {
    const token = await answers.invite({
      organisationId,
      hireId: `h-${index}`,
      waveId,
      questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
      group: {
        team: 'Team Noord',
        location: 'Tiel',
        startQuarter: '2026-Q3',
        roleFamily: 'client-work',
        templateId: 'rvdk',
      },
      expiresAt: Date.now() + 86_400_000,
    });
    if (index < 5)
      await survey.submit(
        token,
        DEFAULT_QUESTIONNAIRE.items.map((item) =>
          item.kind === 'open'
            ? { itemId: item.id, text: marker }
            : { itemId: item.id, value: item.kind === 'enps' ? 9 : 4 },
        ),
      );
  }
  await survey.close(organisationId, waveId, 'hr:test');
  return { answers };
}
