import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import { EventSchemas } from '../../services/event-store/eventSchemas';
import { parse } from 'yaml';
import { hireRequestDeadLetterTopic, hireRequestTopic } from '../../services/inbound/hireRequestConsumer';
import { ASYNCAPI_PATH, DOCUMENTED_TOPIC_PREFIX, topicRouting } from '../../services/relay/topics';

/** Event types that live outside hire streams and are never published (of the survey waves' streams, only SurveyWaveClosed is). */
const NOT_PUBLISHED = [
  'AuditRead',
  'CheckpointSaved',
  'IdempotencyKeyClaimed',
  'JourneyTemplatePublished',
  'MentorOffered',
  'MentorAssigned',
  'MentorReleased',
  'MentorReserved',
  'MentorReservationReleased',
  'VacancyProfileDefined',
  'CostSettingsSaved',
  'TeamNudgeThresholdsSaved',
  'WebhookSubscriptionSaved',
  'WebhookSubscriptionDeleted',
  'WebhookDeliveryRecorded',
  'QuestionnairePublished',
  'SurveyBatchReleased',
  'SurveyOpenAnswerRedacted',
  // The yearly analysis and its follow-up: HR's own work, read through the API (contracts/asyncapi.yaml says why).
  'SurveyTopicOwnersSaved',
  'SurveyYearAnalysed',
  'SurveyTopicTaskOpened',
  'SurveyTopicTaskCompleted',
  'TeamNudgeSent',
  'TeamNudgeCleared',
  // The ledger of the daily reminder digests, so API replicas mail each recipient once a day.
  'ReminderDigestSent',
  'ReminderDigestRunCompleted',
  // The earlier hire's link to its rehire, outside the hire streams; integrations read rehireOf in HireRegistered.
  'RehireRegistered',
];

describe('contracts/asyncapi.yaml', () => {
  // The parser runs the same Spectral ruleset as `asyncapi validate` (@asyncapi/cli), and fails here on errors and on
  // warnings. The CLI itself is not a dependency: 1,500 packages (1.5 GB) for one command, current versions need
  // Node 24, and it reports usage to AsyncAPI over the network.
  it('is a valid AsyncAPI 3 document according to the official parser, without warnings', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), ASYNCAPI_PATH).parse();
    const problems = diagnostics
      .filter((diagnostic) => diagnostic.severity <= 1)
      .map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(document?.channels().length).toBeGreaterThan(0);
  });

  it('publishes every hire event type on exactly one topic, with its JSON Schema as payload', () => {
    const routing = topicRouting();
    const schemas = EventSchemas.fromDirectory();
    const hireEventTypes = [...schemas.types().keys()].filter((type) => !NOT_PUBLISHED.includes(type));
    expect(hireEventTypes.length).toBeGreaterThan(20);
    for (const type of hireEventTypes) {
      expect([type, routing.topicOf(type)]).toEqual([type, expect.stringMatching(/^soft-landing\.[a-z-]+\.v1$/)]);
      expect(existsSync(join(__dirname, '../../contracts/events', `${type}.v1.json`))).toBe(true);
    }
    for (const type of NOT_PUBLISHED) expect(routing.topicOf(type)).toBeUndefined();
  });

  it("documents the inbound hire-request topics the consumer uses, apart from the relay's", () => {
    const document = parse(readFileSync(ASYNCAPI_PATH, 'utf8')) as {
      channels: Record<string, { address: string }>;
      operations: Record<string, { action: string; channel: { $ref: string } }>;
    };
    expect(document.channels.hireRequests?.address).toBe(hireRequestTopic(DOCUMENTED_TOPIC_PREFIX));
    expect(document.channels.hireRequestsDeadLetter?.address).toBe(hireRequestDeadLetterTopic(DOCUMENTED_TOPIC_PREFIX));
    expect(document.operations.receiveHireRequests).toMatchObject({
      action: 'receive',
      channel: { $ref: '#/channels/hireRequests' },
    });
    expect(topicRouting().topics).not.toContain(hireRequestTopic(DOCUMENTED_TOPIC_PREFIX));
  });

  it('applies a deployment prefix to every topic', () => {
    expect(topicRouting('acme.').topicOf('HireRegistered')).toBe('acme.journey-lifecycle.v1');
  });
});
