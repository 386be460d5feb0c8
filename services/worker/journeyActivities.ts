import { currentTraceparent, inSpan } from '../shared/tracing';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { JourneyTemplate } from '../../workflows/domain/journeyTemplate';
import { type MenteeNeeds, rankMentorCandidates } from '../../workflows/domain/mentorMatching';
import type { EventStore } from '../event-store/eventStore';
import { deterministicEventId } from '../event-store/deterministicEventId';
import { hireStreamName } from '../event-store/streamNames';
import type { MentorPool } from '../people/mentorPool';
import type { PeopleDirectory } from '../people/peopleDirectory';
import { type Logger, hireLogger } from '../shared/logger';
import { type JourneyTemplateStore, TemplateNotFoundError } from '../templates/journeyTemplateStore';
import type { MagicLinkSigner } from '../auth/magicLinks';
import type { Mailer } from './mail/mailer';
import { epochMsOfDate } from '../../workflows/domain/calendar';
import { NINETY_DAY_QUESTIONNAIRE_ID } from '../../workflows/domain/questionnaire';
import { surveyGroupOf, waveIdOf } from '../../workflows/domain/surveyGroups';
import { pulseDayOf } from '../../workflows/domain/surveyIds';
import type { QuestionnaireStore } from '../survey/questionnaireStore';
import type { SurveyStorage } from '../survey/surveyStorage';
import { type JourneyMail, type JourneyMailRequest, type MailOutcome, sendJourneyMail } from './journeyMail';
import type {
  HireEventToRecord,
  JourneyActivities,
  MentorLoadChange,
  MentorReservationRelease,
  MentorSearchInput,
  RecordHireEventsInput,
  SurveyMailInput,
} from '../../workflows/journeyActivities';

export type { HireEventToRecord, JourneyActivities, JourneyMail, RecordHireEventsInput, SurveyMailInput };

export interface JourneyActivityDeps {
  readonly store: EventStore;
  readonly logger: Logger;
  readonly templates: JourneyTemplateStore;
  readonly mentorPool: MentorPool;
  readonly directory: PeopleDirectory;
  readonly mailer?: Mailer;
  readonly publicBaseUrl: string;
  /** Signs the magic links in mails to people without an account (services/auth/magicLinks.ts). */
  readonly magicLinks?: MagicLinkSigner;
  /** The survey's invitations (personal single-use links) and its questionnaires (services/survey). */
  readonly survey: SurveyStorage;
  readonly questionnaires: QuestionnaireStore;
}

/** A personal survey link can be used this long after the invitation; the wave closes after that at the latest. */
export const SURVEY_LINK_VALID_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The API writes a new hire's and manager's addresses just after their journey started (never before, so a
 * refused registration stores none; services/registration/hireRegistration.ts). A mail that finds no address for them
 * tries this often, a few seconds in all, before it records that there was none.
 */
const ATTEMPTS_AWAITING_REGISTERED_ADDRESS = 3;

function awaitsRegisteredAddress(outcome: MailOutcome): boolean {
  return (
    !outcome.delivered && (outcome.reason === 'no-address-for-new-hire' || outcome.reason === 'no-address-for-manager')
  );
}

/** All I/O of a journey. Every activity is idempotent: a retry appends, assigns or mails nothing twice. */
export function createJourneyActivities(deps: JourneyActivityDeps): JourneyActivities {
  const { store, logger } = deps;
  const journeyLogger = (organisationId: string, hireId: string) =>
    hireLogger(logger, { organisationId, hireId }, Context.current().info.workflowExecution?.workflowId ?? 'none');

  async function mail(input: JourneyMailActivityInput): Promise<MailOutcome> {
    const { scheduledTimestampMs, attempt } = Context.current().info;
    const request = { ...input, mail: await withExitQuestionnaireLink(input) };
    const outcome = await sendJourneyMail(deps, { ...request, createdAt: new Date(scheduledTimestampMs) });
    if (awaitsRegisteredAddress(outcome) && attempt < ATTEMPTS_AWAITING_REGISTERED_ADDRESS) {
      // Thrown, not returned: Temporal retries it after the journey's back-off (1 s, then 2 s).
      throw ApplicationFailure.retryable(`Nog geen adres voor ${input.mail.recipientRole}`, 'AddressNotYetKnown');
    }
    // The mail's kind and outcome only: never a link, which for the survey is the hire's credential.
    journeyLogger(input.organisationId, input.hireId)[outcome.delivered ? 'info' : 'warn'](
      { mail: input.mail.kind, recipientRole: input.mail.recipientRole, ...outcome },
      outcome.delivered ? 'mail verstuurd' : 'mail niet verstuurd',
    );
    return outcome;
  }

  /**
   * The leaver's mail carries their personal link to the anonymous exit questionnaire (made once; a retry gets the
   * same). Its answers are reported by the leaver's team, the one coarse group the link remembers.
   */
  async function withExitQuestionnaireLink(input: JourneyMailActivityInput): Promise<JourneyMail> {
    const { mail: journeyMail, organisationId, hireId } = input;
    if (journeyMail.kind !== 'exit-interview-invitation' || journeyMail.exitQuestionnaireLink) return journeyMail;
    const token = await deps.survey.exitQuestionnaire.invite({
      organisationId,
      hireId,
      team: await teamOf(organisationId, hireId),
      expiresAt: Date.now() + SURVEY_LINK_VALID_DAYS * DAY_MS,
    });
    // The token goes in the fragment, which browsers never send: it lands in no server's log.
    return { ...journeyMail, exitQuestionnaireLink: `${deps.publicBaseUrl}/app/exit-questionnaire#${token}` };
  }

  async function teamOf(organisationId: string, hireId: string): Promise<string> {
    for await (const event of store.readStream(hireStreamName({ organisationId, hireId }), { maxCount: 1 }))
      if (event.type === 'HireRegistered' && typeof event.data.team === 'string') return event.data.team;
    return '';
  }

  return {
    /**
     * Appends to the hire's stream; a retry carries the same ids and revision and so appends nothing twice.
     * An event its contract refuses is retried too, on purpose: the journey waits, visibly, until a fixed
     * schema or workflow is deployed, and then goes on with nothing lost.
     */
    async recordHireEvents(input: RecordHireEventsInput): Promise<{ nextExpectedRevision: number }> {
      const { workflowExecution, activityId, attempt } = Context.current().info;
      if (!workflowExecution) throw ApplicationFailure.nonRetryable('recordHireEvents belongs to a hire journey');
      const stream = hireStreamName(input);
      const types = input.events.map((event) => event.type);
      const result = await inSpan(
        'eventstore.append',
        { attributes: { 'soft_landing.event_types': types.join(' ') } },
        () => {
          // The relay continues this trace when it publishes the events (services/relay/cloudEventMessage.ts).
          const traceparent = currentTraceparent();
          return store.appendToStream(
            stream,
            input.events.map((event) => ({
              id: deterministicEventId(stream, event.key),
              type: event.type,
              data: event.data,
              metadata: {
                organisationId: input.organisationId,
                hireId: input.hireId,
                actor: input.actor,
                occurredAt: input.occurredAt,
                correlationId: workflowExecution.workflowId,
                causationId: `${workflowExecution.runId}/${activityId}`,
                schemaVersion: 1,
                ...(traceparent ? { traceparent } : {}),
              },
            })),
            { expectedRevision: input.expectedRevision === 'no_stream' ? 'no_stream' : BigInt(input.expectedRevision) },
          );
        },
      );
      journeyLogger(input.organisationId, input.hireId).info({ stream, types, attempt }, 'gebeurtenissen vastgelegd');
      return { nextExpectedRevision: Number(result.nextExpectedRevision) };
    },

    async loadJourneyTemplate(input: { organisationId: string; templateId?: string }): Promise<JourneyTemplate> {
      try {
        return await deps.templates.latest(input.organisationId, input.templateId);
      } catch (error) {
        // Retrying cannot make a missing template appear; the journey fails visibly instead of waiting forever.
        if (error instanceof TemplateNotFoundError)
          throw ApplicationFailure.nonRetryable(error.message, 'TemplateNotFound');
        throw error;
      }
    },

    /** Mentor references, best first; empty when nobody in the pool has room. */
    async findMentorCandidates(input: MentorSearchInput): Promise<string[]> {
      const pool = await deps.mentorPool.profiles(input.organisationId);
      const ranked = rankMentorCandidates(menteeNeeds(input), pool, input.alreadyAsked);
      return ranked.map((candidate) => candidate.mentorId);
    },

    async changeMentorLoad(input: MentorLoadChange): Promise<void> {
      await deps.mentorPool.changeLoad(input.organisationId, {
        mentorRef: input.mentorRef,
        hireId: input.hireId,
        hoursPerWeek: input.hoursPerWeek,
        kind: input.change,
      });
    },

    async reserveMentor(input: MentorSearchInput): Promise<string | null> {
      return deps.mentorPool.reserve(input.organisationId, menteeNeeds(input), input.alreadyAsked);
    },

    async releaseMentorReservation(input: MentorReservationRelease): Promise<void> {
      await deps.mentorPool.releaseReservation(input.organisationId, {
        mentorRef: input.mentorRef,
        hireId: input.hireId,
        reason: input.reason,
      });
    },

    async sendJourneyMail(input: JourneyMailActivityInput): Promise<MailOutcome> {
      return mail(input);
    },

    /**
     * The survey invitation or reminder with the hire's personal link (made on the invitation, the same in the
     * reminder). A hire whose link is spent gets no reminder: `answered` says so, and nothing is sent.
     */
    async sendSurveyMail(input: SurveyMailInput): Promise<{ delivered: boolean; answered: boolean }> {
      // The survey id is its questionnaire's: `ninety-days`, or `pulse-30` for a pulse (its own link and wave).
      const questionnaire = await deps.questionnaires.latest(
        input.organisationId,
        input.survey ?? NINETY_DAY_QUESTIONNAIRE_ID,
      );
      const existing = await deps.survey.invitationOf(input.organisationId, input.hireId, questionnaire.id);
      if (existing?.spent) return { delivered: false, answered: true };
      const token =
        existing?.token ??
        (await deps.survey.invite({
          organisationId: input.organisationId,
          hireId: input.hireId,
          waveId: waveIdOf(questionnaire.id, input.invitedOn),
          questionnaire: { id: questionnaire.id, version: questionnaire.version },
          group: surveyGroupOf(input.hire),
          expiresAt: epochMsOfDate(input.invitedOn) + SURVEY_LINK_VALID_DAYS * DAY_MS,
        }));
      // The token goes in the fragment, which browsers never send: it lands in no server's log.
      const surveyLink = `${deps.publicBaseUrl}/app/survey#${token}`;
      const outcome = await mail({
        organisationId: input.organisationId,
        hireId: input.hireId,
        ...(input.managerRef ? { managerRef: input.managerRef } : {}),
        idempotencyKey: input.idempotencyKey,
        mail: surveyMailOf(input, surveyLink),
      });
      return { delivered: outcome.delivered, answered: false };
    },
  };
}

function surveyMailOf(input: SurveyMailInput, surveyLink: string): JourneyMail {
  if (input.kind !== 'survey-pulse') return { kind: input.kind, recipientRole: 'new-hire', surveyLink };
  const days = pulseDayOf(input.survey ?? '');
  if (days === undefined) throw ApplicationFailure.nonRetryable(`No pulse survey: "${input.survey}"`, 'NoPulseSurvey');
  return { kind: 'survey-pulse', recipientRole: 'new-hire', days, surveyLink };
}

/** What the journey passes; the activity adds the time the mail was first scheduled. */
type JourneyMailActivityInput = Omit<JourneyMailRequest, 'createdAt'>;

function menteeNeeds(input: MentorSearchInput): MenteeNeeds {
  return {
    personId: input.hireId,
    hoursPerWeek: input.hoursPerWeek,
    ...(input.team ? { team: input.team } : {}),
    ...(input.location ? { location: input.location } : {}),
  };
}
