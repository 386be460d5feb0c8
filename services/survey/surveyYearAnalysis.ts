import { randomUUID } from 'node:crypto';
import { addDays, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import type { SurveyTopic, Texts } from '../../workflows/domain/questionnaire';
import { type PeriodMean, recurringWeakItems } from '../../workflows/domain/surveyRecurringWeakItems';
import { type EventStore, type NewEvent, WrongExpectedRevisionError } from '../event-store/eventStore';
import { surveyFollowUpStreamName } from '../event-store/streamNames';
import type { QuestionnaireStore } from './questionnaireStore';
import type { SurveyService } from './surveyService';
import type { SurveyTopicOwnersStore } from './surveyTopicOwnersStore';

/** Time the owner has to come back with what they will do about it. */
export const SURVEY_TOPIC_TASK_DAYS = 30;

export interface SurveyTopicTask {
  readonly taskId: string;
  readonly questionnaireId: string;
  readonly year: string;
  readonly topic: SurveyTopic;
  readonly ownerRef: string;
  readonly itemIds: readonly string[];
  readonly dueOn: string;
  readonly openedAt: string;
  readonly status: 'open' | 'completed';
  readonly completedAt?: string;
  readonly completedBy?: string;
}

/** A task as it is shown: its items with their wording, for an owner who may not read the questionnaire. */
export interface PresentedSurveyTopicTask extends SurveyTopicTask {
  readonly items: readonly { readonly itemId: string; readonly text?: Texts }[];
}

export interface SurveyYearAnalysis {
  readonly questionnaireId: string;
  readonly year: string;
  readonly analysedAt: string;
  readonly basis: 'waves' | 'years';
  readonly periods: readonly string[];
  readonly items: readonly {
    readonly itemId: string;
    readonly topic: SurveyTopic;
    /** The wording of the questionnaire's newest version; absent for an item it no longer has. */
    readonly text?: Texts;
    readonly periods: readonly PeriodMean[];
  }[];
  readonly topics: readonly SurveyTopic[];
  readonly unassignedTopics: readonly SurveyTopic[];
  readonly tasks: readonly PresentedSurveyTopicTask[];
}

interface Analysed {
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly year: string;
  readonly basis: 'waves' | 'years';
  readonly periods: string[];
  readonly items: { itemId: string; topic: SurveyTopic; periods: PeriodMean[] }[];
  readonly topics: SurveyTopic[];
  readonly unassignedTopics: SurveyTopic[];
}

interface FollowUpState {
  /** The stream's last revision; undefined while it has no event. */
  readonly revision?: bigint;
  readonly analyses: ReadonlyMap<string, Analysed & { analysedAt: string }>;
  readonly tasks: ReadonlyMap<string, SurveyTopicTask>;
}

/** The year is not over yet: it is analysed once, so not before all its rounds are in. */
export class SurveyYearNotOverError extends Error {
  constructor(readonly year: string) {
    super(`Year ${year} is not over`);
    this.name = 'SurveyYearNotOverError';
  }
}

export const surveyTopicTaskId = (questionnaireId: string, year: string, topic: SurveyTopic): string =>
  `${questionnaireId}-${year}-${topic}`;
const analysisKey = (questionnaireId: string, year: string) => `${questionnaireId}:${year}`;

/**
 * The yearly analysis of the survey and its follow-up: which items score worst repeatedly
 * (workflows/domain/surveyRecurringWeakItems.ts, from the k-anonymous trends only), recorded once per questionnaire
 * and year, with a task for the owner of every topic concerned (surveyTopicOwnersStore.ts). All in one stream per
 * organisation, so a second run — or two at once — finds the first and opens nothing more.
 */
export class SurveyYearAnalyses {
  constructor(
    private readonly deps: {
      readonly events: EventStore;
      readonly survey: SurveyService;
      readonly questionnaires: QuestionnaireStore;
      readonly owners: SurveyTopicOwnersStore;
      readonly now?: () => number;
    },
  ) {}

  /**
   * Runs the analysis, or answers with the one recorded before (`created: false`). QuestionnaireNotFoundError for an
   * unknown questionnaire; SurveyYearNotOverError for this year or a later one, since the first analysis of a year
   * is the one kept: run in June, it would leave out the rest of the year for good.
   */
  async analyse(
    organisationId: string,
    questionnaireId: string,
    year: string,
    actor: string,
  ): Promise<{ created: boolean; analysis: SurveyYearAnalysis }> {
    const questionnaire = await this.deps.questionnaires.latest(organisationId, questionnaireId);
    if (Number(year) >= Number(isoDateOfEpochMs(this.now()).slice(0, 4))) throw new SurveyYearNotOverError(year);
    for (let attempt = 0; ; attempt += 1) {
      const before = await this.state(organisationId);
      if (before.analyses.has(analysisKey(questionnaireId, year)))
        return { created: false, analysis: await this.view(organisationId, before, questionnaireId, year) };
      const result = recurringWeakItems(
        questionnaire,
        await this.deps.survey.trends(organisationId, questionnaireId),
        year,
      );
      const { owners } = await this.deps.owners.latest(organisationId);
      const ownerOf = new Map(owners.map((owner) => [owner.topic, owner.ownerRef]));
      const dueOn = addDays(isoDateOfEpochMs(this.now()), SURVEY_TOPIC_TASK_DAYS);
      const metadata = { organisationId, actor };
      const analysed: Analysed = {
        questionnaireId,
        questionnaireVersion: questionnaire.version,
        year,
        basis: result.basis,
        periods: [...result.periods],
        items: result.items.map((item) => ({
          itemId: item.itemId,
          topic: item.topic,
          periods: item.periods.map((period) => ({ ...period })),
        })),
        topics: [...result.topics],
        unassignedTopics: result.topics.filter((topic) => !ownerOf.has(topic)),
      };
      const events: NewEvent[] = [
        { id: randomUUID(), type: 'SurveyYearAnalysed', data: { organisationId, ...analysed }, metadata },
        ...result.topics.flatMap((topic): NewEvent[] => {
          const ownerRef = ownerOf.get(topic);
          if (ownerRef === undefined) return [];
          const itemIds = result.items.filter((item) => item.topic === topic).map((item) => item.itemId);
          const taskId = surveyTopicTaskId(questionnaireId, year, topic);
          return [
            {
              id: randomUUID(),
              type: 'SurveyTopicTaskOpened',
              data: { organisationId, taskId, questionnaireId, year, topic, ownerRef, itemIds, dueOn },
              metadata,
            },
          ];
        }),
      ];
      try {
        await this.deps.events.appendToStream(surveyFollowUpStreamName(organisationId), events, {
          expectedRevision: before.revision ?? 'no_stream',
        });
      } catch (error) {
        // Someone else wrote first (perhaps this very analysis): decide again against what is there now.
        if (error instanceof WrongExpectedRevisionError && attempt < 3) continue;
        throw error;
      }
      return {
        created: true,
        analysis: await this.view(organisationId, await this.state(organisationId), questionnaireId, year),
      };
    }
  }

  /** The recorded analysis, undefined when it was never run. QuestionnaireNotFoundError for an unknown one. */
  async analysis(
    organisationId: string,
    questionnaireId: string,
    year: string,
  ): Promise<SurveyYearAnalysis | undefined> {
    await this.deps.questionnaires.latest(organisationId, questionnaireId);
    const state = await this.state(organisationId);
    if (!state.analyses.has(analysisKey(questionnaireId, year))) return undefined;
    return this.view(organisationId, state, questionnaireId, year);
  }

  /** Every follow-up task, or only the owner's; newest year first, then by task id. */
  async tasks(organisationId: string, ownerRef?: string): Promise<PresentedSurveyTopicTask[]> {
    const { tasks } = await this.state(organisationId);
    return this.present(
      organisationId,
      [...tasks.values()]
        .filter((task) => ownerRef === undefined || task.ownerRef === ownerRef)
        .sort((a, b) => (a.year !== b.year ? (a.year < b.year ? 1 : -1) : a.taskId < b.taskId ? -1 : 1)),
    );
  }

  /**
   * Completes the task; completing it again changes nothing and records nothing. `ownerRef` limits it to that
   * owner's tasks: another's is as unknown as one that does not exist.
   */
  async complete(
    organisationId: string,
    taskId: string,
    actor: string,
    ownerRef?: string,
  ): Promise<PresentedSurveyTopicTask | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      const state = await this.state(organisationId);
      const task = state.tasks.get(taskId);
      if (!task || (ownerRef !== undefined && task.ownerRef !== ownerRef)) return undefined;
      if (task.status === 'completed') return (await this.present(organisationId, [task]))[0];
      try {
        await this.deps.events.appendToStream(
          surveyFollowUpStreamName(organisationId),
          [
            {
              id: randomUUID(),
              type: 'SurveyTopicTaskCompleted',
              data: { organisationId, taskId },
              metadata: { organisationId, actor },
            },
          ],
          { expectedRevision: state.revision! },
        );
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < 3) continue;
        throw error;
      }
      const completed = (await this.state(organisationId)).tasks.get(taskId);
      return completed && (await this.present(organisationId, [completed]))[0];
    }
  }

  /** The tasks with their items' wording from each questionnaire's newest version. */
  private async present(
    organisationId: string,
    tasks: readonly SurveyTopicTask[],
  ): Promise<PresentedSurveyTopicTask[]> {
    const texts = new Map<string, ReadonlyMap<string, Texts>>();
    for (const questionnaireId of new Set(tasks.map((task) => task.questionnaireId))) {
      const questionnaire = await this.deps.questionnaires.latest(organisationId, questionnaireId);
      texts.set(questionnaireId, new Map(questionnaire.items.map((item) => [item.id, item.text])));
    }
    return tasks.map((task) => ({
      ...task,
      items: task.itemIds.map((itemId) => {
        const text = texts.get(task.questionnaireId)?.get(itemId);
        return { itemId, ...(text ? { text } : {}) };
      }),
    }));
  }

  private async view(
    organisationId: string,
    state: FollowUpState,
    questionnaireId: string,
    year: string,
  ): Promise<SurveyYearAnalysis> {
    const analysed = state.analyses.get(analysisKey(questionnaireId, year))!;
    const questionnaire = await this.deps.questionnaires.latest(organisationId, questionnaireId);
    const textOf = new Map(questionnaire.items.map((item) => [item.id, item.text]));
    return {
      questionnaireId,
      year,
      analysedAt: analysed.analysedAt,
      basis: analysed.basis,
      periods: analysed.periods,
      items: analysed.items.map((item) => {
        const text = textOf.get(item.itemId);
        return { itemId: item.itemId, topic: item.topic, ...(text ? { text } : {}), periods: item.periods };
      }),
      topics: analysed.topics,
      unassignedTopics: analysed.unassignedTopics,
      tasks: await this.present(
        organisationId,
        [...state.tasks.values()].filter((task) => task.questionnaireId === questionnaireId && task.year === year),
      ),
    };
  }

  private async state(organisationId: string): Promise<FollowUpState> {
    let revision: bigint | undefined;
    const analyses = new Map<string, Analysed & { analysedAt: string }>();
    const tasks = new Map<string, SurveyTopicTask>();
    for await (const event of this.deps.events.readStream(surveyFollowUpStreamName(organisationId))) {
      revision = event.revision;
      const at = event.recordedAt.toISOString();
      if (event.type === 'SurveyYearAnalysed') {
        const data = event.data as unknown as Analysed;
        analyses.set(analysisKey(data.questionnaireId, data.year), { ...data, analysedAt: at });
      } else if (event.type === 'SurveyTopicTaskOpened') {
        const data = event.data as unknown as Omit<SurveyTopicTask, 'openedAt' | 'status'> & {
          organisationId?: string;
        };
        const { organisationId: _organisation, ...task } = data;
        tasks.set(task.taskId, { ...task, openedAt: at, status: 'open' });
      } else if (event.type === 'SurveyTopicTaskCompleted') {
        const taskId = String(event.data.taskId);
        const task = tasks.get(taskId);
        const actor = event.metadata.actor;
        if (task)
          tasks.set(taskId, {
            ...task,
            status: 'completed',
            completedAt: at,
            ...(typeof actor === 'string' ? { completedBy: actor } : {}),
          });
      }
    }
    return { ...(revision === undefined ? {} : { revision }), analyses, tasks };
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
