import { randomUUID } from 'node:crypto';
import {
  type AnswerProblem,
  type Questionnaire,
  type SurveyAnswer,
  validateAnswers,
} from '../../workflows/domain/questionnaire';
import { type SurveyReport, surveyReport } from '../../workflows/domain/surveyReport';
import { type GroupTrend, surveyGroupTrends } from '../../workflows/domain/surveyGroupTrends';
import { SURVEY_DIMENSIONS, type SurveyDimension } from '../../workflows/domain/surveyGroups';
import { type SurveyTrends, surveyTrends } from '../../workflows/domain/surveyTrends';
import type { EventStore } from '../event-store/eventStore';
import { surveyWaveStreamName as waveStreamName } from '../event-store/streamNames';
import type { Logger } from '../shared/logger';
import type { QuestionnaireStore } from './questionnaireStore';
import type { SurveyInvitation, SurveyStorage, WaveSummary } from './surveyStorage';

export const surveyWaveStreamName = (organisationId: string, waveId: string): string =>
  waveStreamName({ organisationId, waveId });

export class InvalidAnswersError extends Error {
  constructor(readonly problems: readonly AnswerProblem[]) {
    super(`${problems.length} answers refused`);
    this.name = 'InvalidAnswersError';
  }
}

/**
 * The survey as the API offers it: the questionnaire behind a personal link, a submission that spends the link,
 * and the wave's k-anonymous report. The survey's streams record versions and released batches, never an answer.
 */
export class SurveyService {
  constructor(
    private readonly deps: {
      readonly store: SurveyStorage;
      readonly questionnaires: QuestionnaireStore;
      readonly events: EventStore;
      readonly logger: Logger;
    },
  ) {}

  /** What the link is for; SurveyTokenRefused for a forged, spent or expired one. */
  async invitation(token: string): Promise<{ invitation: SurveyInvitation; questionnaire: Questionnaire }> {
    const invitation = await this.deps.store.open(token);
    const questionnaire = await this.deps.questionnaires.version(
      invitation.organisationId,
      invitation.questionnaireId,
      invitation.questionnaireVersion,
    );
    return { invitation, questionnaire };
  }

  /**
   * Checks every answer before anything is stored (InvalidAnswersError), then spends the link and stores the answers
   * in one transaction. Returns whose link it was: the hire's journey records that the survey was answered.
   */
  async submit(token: string, answers: readonly SurveyAnswer[]): Promise<{ organisationId: string; hireId: string }> {
    const { questionnaire } = await this.invitation(token);
    const checked = validateAnswers(questionnaire, answers);
    if (!checked.ok) throw new InvalidAnswersError(checked.problems);
    // k as the organisation has it now, as the report applies it (k can only go up).
    const { minimumGroupSize } = await this.deps.questionnaires.latest(questionnaire.organisationId, questionnaire.id);
    const result = await this.deps.store.submit(token, checked.answers, minimumGroupSize);
    if (result.released > 0)
      await this.recordRelease(result.organisationId, result.waveId, result.released, 'minimum-group-reached');
    return { organisationId: result.organisationId, hireId: result.hireId };
  }

  waves(organisationId: string): Promise<WaveSummary[]> {
    return this.deps.store.waves(organisationId);
  }

  /** Undefined for a wave the organisation never invited anyone to. */
  async report(organisationId: string, waveId: string): Promise<SurveyReport | undefined> {
    const wave = (await this.waves(organisationId)).find((candidate) => candidate.waveId === waveId);
    if (!wave) return undefined;
    // The newest version: its item order, its wording, and k as the organisation has it now (k can only go up).
    const questionnaire = await this.deps.questionnaires.latest(organisationId, wave.questionnaireId);
    return surveyReport({
      waveId,
      questionnaire,
      responses: await this.deps.store.released(organisationId, waveId),
      invited: await this.deps.store.invitedCells(organisationId, waveId),
    });
  }

  /**
   * Trends per item across every wave of the questionnaire, and with `groupBy` per group of that dimension;
   * QuestionnaireNotFoundError for an unknown one.
   */
  async trends(
    organisationId: string,
    questionnaireId: string,
    groupBy?: SurveyDimension,
  ): Promise<SurveyTrends & { groupBy?: SurveyDimension; groups?: readonly GroupTrend[] }> {
    const questionnaire = await this.deps.questionnaires.latest(organisationId, questionnaireId);
    const waves = await Promise.all(
      (await this.waves(organisationId))
        .filter((wave) => wave.questionnaireId === questionnaireId)
        .map(async (wave) => ({
          waveId: wave.waveId,
          responses: await this.deps.store.released(organisationId, wave.waveId),
        })),
    );
    const trends = surveyTrends(
      questionnaire,
      waves.map((wave) => ({ waveId: wave.waveId, answers: wave.responses.map((response) => response.answers) })),
    );
    if (!groupBy) return trends;
    return { ...trends, groupBy, groups: surveyGroupTrends(questionnaire, waves, trends, groupBy) };
  }

  /**
   * Closes the wave: its links stop working, waiting answers are released where every group of theirs reached k,
   * and the others are withheld for good. Undefined for an unknown wave.
   */
  async close(organisationId: string, waveId: string, actor: string): Promise<SurveyReport | undefined> {
    const summary = (await this.waves(organisationId)).find((candidate) => candidate.waveId === waveId);
    if (!summary) return undefined;
    const { minimumGroupSize } = await this.deps.questionnaires.latest(organisationId, summary.questionnaireId);
    const { released } = await this.deps.store.closeWave(organisationId, waveId, minimumGroupSize);
    if (released > 0) await this.recordRelease(organisationId, waveId, released, 'wave-closed');
    const report = (await this.report(organisationId, waveId))!;
    const wave = (await this.waves(organisationId)).find((candidate) => candidate.waveId === waveId)!;
    const stream = surveyWaveStreamName(organisationId, waveId);
    await this.deps.events.appendToStream(
      stream,
      [
        {
          id: randomUUID(),
          type: 'SurveyWaveClosed',
          data: {
            organisationId,
            waveId,
            invited: wave.invited,
            answered: wave.answered,
            reportableGroups: SURVEY_DIMENSIONS.flatMap((dimension) =>
              report.dimensions
                .find((entry) => entry.dimension === dimension)!
                .groups.filter((group) => group.figures)
                .map((group) => ({ dimension, value: group.value })),
            ),
          },
          metadata: { organisationId, actor },
        },
      ],
      { expectedRevision: 'any' },
    );
    return report;
  }

  /**
   * HR redacts one released open answer. The stream records who, why and which question — not the text, and
   * nothing of who wrote it (the answer id names the answer only). A second redaction records nothing.
   */
  async redactOpenAnswer(
    organisationId: string,
    waveId: string,
    answerId: string,
    reason: string,
    actor: string,
  ): Promise<{ itemId: string } | 'unknown-wave' | 'unknown-answer'> {
    if (!(await this.waves(organisationId)).some((candidate) => candidate.waveId === waveId)) return 'unknown-wave';
    const result = await this.deps.store.redactOpenAnswer(organisationId, waveId, answerId);
    if (!result) return 'unknown-answer';
    if (!result.already)
      await this.deps.events.appendToStream(
        surveyWaveStreamName(organisationId, waveId),
        [
          {
            id: randomUUID(),
            type: 'SurveyOpenAnswerRedacted',
            data: { organisationId, waveId, answerId, itemId: result.itemId, reason },
            metadata: { organisationId, actor },
          },
        ],
        { expectedRevision: 'any' },
      );
    return { itemId: result.itemId };
  }

  private async recordRelease(
    organisationId: string,
    waveId: string,
    responses: number,
    reason: 'minimum-group-reached' | 'wave-closed',
  ): Promise<void> {
    try {
      await this.deps.events.appendToStream(
        surveyWaveStreamName(organisationId, waveId),
        [
          {
            id: randomUUID(),
            type: 'SurveyBatchReleased',
            data: { organisationId, waveId, responses, reason },
            metadata: { organisationId, actor: 'system:survey' },
          },
        ],
        { expectedRevision: 'any' },
      );
    } catch (error) {
      // The answers are released either way; the event is the record of it, not its cause.
      this.deps.logger.warn({ err: error, organisationId, waveId }, 'vrijgeven van enquêteantwoorden niet vastgelegd');
    }
  }
}
