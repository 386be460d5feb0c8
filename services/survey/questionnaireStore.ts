import {
  type Questionnaire,
  defaultQuestionnaireOf,
  type QuestionnaireProblem,
  validateQuestionnaire,
} from '../../workflows/domain/questionnaire';
import { deterministicEventId } from '../event-store/deterministicEventId';
import type { EventStore } from '../event-store/eventStore';
import { eventAt, lastEvent } from '../event-store/lastEvent';

export const questionnaireStreamName = (organisationId: string, questionnaireId: string): string =>
  `questionnaire-${organisationId}.${questionnaireId}`;

export class QuestionnaireNotFoundError extends Error {
  constructor(readonly questionnaireId: string) {
    super(`No questionnaire "${questionnaireId}"`);
    this.name = 'QuestionnaireNotFoundError';
  }
}

export class QuestionnaireVersionConflictError extends Error {
  constructor(
    readonly questionnaireId: string,
    readonly latest: number,
  ) {
    super(`Questionnaire "${questionnaireId}" is at version ${latest}`);
    this.name = 'QuestionnaireVersionConflictError';
  }
}

export class InvalidQuestionnaireError extends Error {
  constructor(readonly problems: readonly QuestionnaireProblem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join(' '));
    this.name = 'InvalidQuestionnaireError';
  }
}

/**
 * Questionnaires, versioned as events like journey templates: every published version is kept, and an invitation
 * names the version it was sent with, so a new version never changes what someone already invited is asked.
 */
export class QuestionnaireStore {
  constructor(private readonly store: EventStore) {}

  async publish(questionnaire: Questionnaire, actor: string): Promise<Questionnaire> {
    const published = await this.publishedVersion(questionnaire.organisationId, questionnaire.id);
    if (questionnaire.version !== published + 1)
      throw new QuestionnaireVersionConflictError(questionnaire.id, published);
    const previous = await this.version(questionnaire.organisationId, questionnaire.id, published);
    const problems = validateQuestionnaire(questionnaire, previous);
    if (problems.length > 0) throw new InvalidQuestionnaireError(problems);
    const stream = questionnaireStreamName(questionnaire.organisationId, questionnaire.id);
    await this.store.appendToStream(
      stream,
      [
        {
          id: deterministicEventId(stream, `version-${questionnaire.version}:${JSON.stringify(questionnaire)}`),
          type: 'QuestionnairePublished',
          data: {
            ...questionnaire,
            items: questionnaire.items.map((item) => ({ ...item, text: { ...item.text } })),
            name: { ...questionnaire.name },
          },
          metadata: { organisationId: questionnaire.organisationId, actor },
        },
      ],
      // The built-in default is version 1, so an organisation's version n lands on revision n-2: two editors
      // publishing the same version cannot both win.
      { expectedRevision: questionnaire.version === 2 ? 'no_stream' : BigInt(questionnaire.version - 3) },
    );
    return questionnaire;
  }

  /** The newest published version, or the built-in default (adopted under the organisation's id). */
  async latest(organisationId: string, questionnaireId: string): Promise<Questionnaire> {
    const event = await lastEvent(this.store, questionnaireStreamName(organisationId, questionnaireId));
    if (event) {
      return event.data as unknown as Questionnaire;
    }
    return this.builtIn(organisationId, questionnaireId);
  }

  async version(organisationId: string, questionnaireId: string, version: number): Promise<Questionnaire> {
    if (version === 1) return this.builtIn(organisationId, questionnaireId);
    const event = await eventAt(
      this.store,
      questionnaireStreamName(organisationId, questionnaireId),
      BigInt(version - 2),
    );
    if (!event) throw new QuestionnaireNotFoundError(questionnaireId);
    return event.data as unknown as Questionnaire;
  }

  /** The newest version: 1 (the built-in default) while the organisation has published none. */
  async publishedVersion(organisationId: string, questionnaireId: string): Promise<number> {
    const event = await lastEvent(this.store, questionnaireStreamName(organisationId, questionnaireId));
    if (event) {
      return Number(event.data.version);
    }
    this.builtIn(organisationId, questionnaireId);
    return 1;
  }

  /** Version 1: the 90-day default, or the pulse default for `pulse-<day>` (questionnaire.ts). */
  private builtIn(organisationId: string, questionnaireId: string): Questionnaire {
    const builtIn = defaultQuestionnaireOf(questionnaireId);
    if (!builtIn) throw new QuestionnaireNotFoundError(questionnaireId);
    return { ...builtIn, organisationId };
  }
}
