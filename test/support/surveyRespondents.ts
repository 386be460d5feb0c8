import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { magicLinkKeyOf } from '../../services/auth/magicLinks';
import { sqliteSurveyPaths } from '../../services/survey/openSurveyStore';
import type { SurveyStorage } from '../../services/survey/surveyStorage';
import { SurveyStore } from '../../services/survey/surveyStore';
import { DEFAULT_QUESTIONNAIRE, type SurveyAnswer } from '../../workflows/domain/questionnaire';
import { NOT_GIVEN, type SurveyGroup, surveyGroupOf } from '../../workflows/domain/surveyGroups';
import type { RetentionRow } from '../../services/projections';
import { apiRequest } from './apiRequest';
import type { RunningSystem } from './runningSystem';

/**
 * The running system's survey files (it runs without DATABASE_URL), opened beside it as the worker opens them to
 * invite (close it when done).
 */
export const surveyStoreOf = (system: Pick<RunningSystem, 'dataDir'>): SurveyStore =>
  new SurveyStore(
    sqliteSurveyPaths({ peopleDbPath: join(system.dataDir, 'people.sqlite') }),
    magicLinkKeyOf(join(system.dataDir, 'magic-link-key')),
  );

export const surveyGroup = (team = 'Team Noord'): SurveyGroup => ({
  team,
  location: 'Tiel',
  startQuarter: '2026-Q3',
  roleFamily: 'client-work',
  templateId: 'rvdk',
});

/** Every scale item of the default questionnaire answered: 4 on Likert, 9 for eNPS, except the items given. */
export const scaleAnswers = (values: Readonly<Record<string, number>> = {}): SurveyAnswer[] =>
  DEFAULT_QUESTIONNAIRE.items
    .filter((item) => item.kind !== 'open')
    .map((item) => ({ itemId: item.id, value: values[item.id] ?? (item.kind === 'enps' ? 9 : 4) }));

/** Every scale item of the default questionnaire answered alike: `likert` on the Likert items, `enps` on eNPS. */
export const uniformScaleAnswers = (likert: number, enps: number): SurveyAnswer[] =>
  DEFAULT_QUESTIONNAIRE.items
    .filter((item) => item.kind !== 'open')
    .map((item) => ({ itemId: item.id, value: item.kind === 'enps' ? enps : likert }));

/**
 * One hire of the retention projection invited to a wave in the survey group their registration puts them in (through
 * the survey store, as the worker invites), then answering through the survey API; anything but 202 fails the test
 * there. The survey-beside-retention view joins the two by that group.
 */
export async function answerAsRetentionRow(
  baseUrl: string,
  survey: SurveyStorage,
  wave: { readonly organisationId: string; readonly waveId: string },
  row: RetentionRow,
  answers: readonly SurveyAnswer[],
): Promise<void> {
  const group = surveyGroupOf({
    ...(row.team === null ? {} : { team: row.team }),
    ...(row.location === null ? {} : { location: row.location }),
    startDate: row.startDate,
    role: row.role,
    templateId: row.templateId ?? NOT_GIVEN,
  });
  const token = await survey.invite({
    organisationId: wave.organisationId,
    hireId: row.hireId,
    waveId: wave.waveId,
    questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
    group,
    expiresAt: Date.now() + 86_400_000,
  });
  const answered = await apiRequest(baseUrl, wave.organisationId, 'POST', '/survey/responses', { token, answers });
  expect(answered.status).toBe(202);
}

/**
 * `respondents` hires of one team invited to a wave (through the survey store, as the worker invites them) answer
 * it through the survey page's API, all the same way. Five of one group are released together, so five make a wave
 * the trends show.
 */
export async function answerSurveyWave(
  baseUrl: string,
  survey: SurveyStorage,
  wave: {
    organisationId: string;
    waveId: string;
    respondents: number;
    values?: Readonly<Record<string, number>>;
    team?: string;
  },
): Promise<void> {
  for (let index = 0; index < wave.respondents; index += 1) {
    const token = await survey.invite({
      organisationId: wave.organisationId,
      hireId: `h-${wave.waveId.slice(-7)}-${index}-${randomUUID().slice(0, 6)}`,
      waveId: wave.waveId,
      questionnaire: { id: DEFAULT_QUESTIONNAIRE.id, version: 1 },
      group: surveyGroup(wave.team),
      expiresAt: Date.now() + 86_400_000,
    });
    const answered = await fetch(`${baseUrl}/survey/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, answers: scaleAnswers(wave.values) }),
    });
    if (answered.status !== 202) throw new Error(`answer refused: ${answered.status} ${await answered.text()}`);
  }
}
