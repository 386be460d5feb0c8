import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { CheckpointStore, EventStore, JsonObject } from '../../services/event-store/eventStore';
import { SqliteEventStore } from '../../services/event-store/sqliteEventStore';
import { hireStreamName } from '../../services/event-store/streamNames';
import { InvalidEventError } from '../../services/event-store/validatingEventStore';
import { verifyHireStreamChain } from '../../services/event-store/verifyHireStreamChain';
import { withContracts } from '../../services/event-store/withContracts';
import { MentorPool, mentorPoolStreamName } from '../../services/people/mentorPool';
import { createLogger } from '../../services/shared/logger';
import { JourneyTemplateStore, templateStreamName } from '../../services/templates/journeyTemplateStore';
import { type HireEventToRecord, createJourneyActivities } from '../../services/worker/journeyActivities';
import { openJourneyDeps } from '../../services/worker/journeyDeps';
import { addDays } from '../../workflows/domain/calendar';
import { DEFAULT_TEMPLATES, rivierenlandTemplate } from '../../workflows/domain/defaultTemplates';
import type { Milestone } from '../../workflows/domain/journeyTemplate';
import { buildPlan, changePlan, moveStartDate, pausePlan, resumePlan } from '../../workflows/domain/schedule';
import { EXIT_INTERVIEW_TASK_ID, FIND_MENTOR_TASK_ID } from '../../workflows/journeyState';
import { mentorOffered } from '../fixtures/journeyScript';
import { collect } from './eventStoreContract';
import { appendedEventTypes } from './appendedEventTypes';
import { untitledJourneyStartedData } from '../../workflows/domain/journey/untitledJourneyStarted';

const organisationId = 'jeugdzorg-rivierenland';
const hireId = 'h-0042';
const hire = { organisationId, hireId };
const stream = hireStreamName(hire);
const today = '2026-08-03';
const startDate = '2026-09-01';
const template = { ...rivierenlandTemplate, organisationId };
const plan = buildPlan(template, startDate, today);
const hours = template.mentor.hoursPerWeek;
/** The one mentor the pool's events are about, offered through the pool and appended by hand alike. */
const ANNA_OFFER = mentorOffered('mentor-anna', { team: 'Team Tiel' });
const extraMilestone: Milestone = {
  id: 'extra-intervision',
  title: 'Extra intervisie',
  kind: 'intervision',
  dueOffsetDays: 60,
  responsibleRole: 'mentor',
  reminderOffsetDays: -7,
  escalationOffsetDays: 7,
};

/**
 * One example of every event the journey records, with its data built the way workflows/hireJourney.ts builds it
 * (from the real plan and domain functions). When the workflow gains an event type, the test below asks for an
 * example of it here.
 */
function journeyEvents(): { type: string; data: JsonObject }[] {
  const followed = plan.items.find((item) => item.followUp !== null)!;
  const base = { ...hire, itemId: followed.id, title: followed.title, dueDate: followed.dueDate };
  const welcomeMail = plan.items.find((item) => item.kind === 'welcome-mail')!;
  const survey = plan.items.find((item) => item.kind === 'survey-invitation')!;
  const milestone = plan.items.find((item) => item.kind === 'milestone')!;
  const moved = moveStartDate(plan, '2026-09-15', today);
  const resumed = resumePlan(pausePlan(plan, '2026-10-01'), '2026-11-01');
  const changes = [
    { kind: 'add-milestone', milestone: extraMilestone },
    { kind: 'drop-milestone', milestoneId: extraMilestone.id },
    { kind: 'move-milestone', milestoneId: template.milestones[0]!.id, dueOffsetDays: 40 },
  ] as const;
  changePlan(plan, changes[0], today); // the examples are changes the plan accepts
  const dueIn = (days: number) => addDays(today, days);
  return [
    {
      type: 'HireRegistered',
      data: { ...hire, startDate, role: 'Jeugdzorgwerker', team: 'Team Tiel', location: 'Tiel' },
    },
    {
      type: 'JourneyStarted',
      data: {
        ...hire,
        ...untitledJourneyStartedData(plan, template),
        adhocEscalationByPolicy: true,
      },
    },
    { type: 'TaskReminderSent', data: { ...base, ownerRole: followed.ownerRole, mailDelivered: true } },
    { type: 'TaskEscalated', data: { ...base, ownerRole: followed.ownerRole, mailDelivered: false } },
    {
      type: 'TaskEscalated',
      data: {
        ...hire,
        itemId: FIND_MENTOR_TASK_ID,
        title: 'Zoek zelf een mentor',
        dueDate: dueIn(7),
        ownerRole: 'manager',
        mailDelivered: true,
      },
    },
    {
      type: 'WelcomeMailSent',
      data: {
        ...hire,
        itemId: welcomeMail.id,
        title: welcomeMail.title,
        dueDate: welcomeMail.dueDate,
        mailDelivered: true,
      },
    },
    {
      type: 'SurveyInvitationSent',
      data: {
        ...hire,
        itemId: survey.id,
        title: survey.title,
        dueDate: survey.dueDate,
        survey: 'ninety-days',
        mailDelivered: true,
      },
    },
    {
      type: 'SurveyReminderSent',
      data: {
        ...hire,
        itemId: 'survey-reminder',
        title: 'Herinnering',
        dueDate: survey.dueDate,
        survey: 'ninety-days',
        mailDelivered: false,
      },
    },
    { type: 'SurveyTokenSpent', data: { ...hire, survey: 'ninety-days' } },
    { type: 'TeamWelcomeWritten', data: { ...hire, messageId: '7d9f3c1e-2b4a-4c6d-8e0f-1a2b3c4d5e6f' } },
    {
      type: 'PlanItemMoved',
      data: {
        ...hire,
        itemId: followed.id,
        from: followed.dueDate,
        to: dueIn(3),
        changeId: '0123456789abcdef0123456789abcdef',
      },
    },
    {
      type: 'PlanItemReowned',
      data: { ...hire, itemId: followed.id, from: 'it', to: 'hr', changeId: '0123456789abcdef0123456789abcdef' },
    },
    { type: 'PlanItemDropped', data: { ...hire, itemId: followed.id, changeId: '0123456789abcdef0123456789abcdef' } },
    {
      type: 'AdhocTaskAdded',
      data: {
        ...hire,
        itemId: 'adhoc:hr-0123456789abcdef',
        title: 'Parkeervergunning aanvragen',
        ownerRole: 'facilities',
        dueDate: dueIn(5),
        changeId: '0123456789abcdef0123456789abcdef',
      },
    },
    {
      type: 'MentorRequested',
      data: {
        ...hire,
        mentorRef: 'mentor-anna',
        answerDeadline: dueIn(template.mentor.answerWindowDays),
        hoursPerWeek: hours,
      },
    },
    { type: 'MentorRequestExpired', data: { ...hire, mentorRef: 'mentor-anna' } },
    { type: 'MentorDeclined', data: { ...hire, mentorRef: 'mentor-bram' } },
    { type: 'MentorNotFound', data: { ...hire, asked: ['mentor-anna', 'mentor-bram'] } },
    { type: 'MentorNotFound', data: { ...hire, asked: [] } },
    {
      type: 'TaskOpened',
      data: {
        ...hire,
        itemId: FIND_MENTOR_TASK_ID,
        title: 'Zoek zelf een mentor',
        ownerRole: 'manager',
        dueDate: dueIn(7),
      },
    },
    { type: 'MentorAccepted', data: { ...hire, mentorRef: 'mentor-carla', hoursPerWeek: hours } },
    {
      type: 'MentorAccepted',
      data: { ...hire, mentorRef: 'mentor-carla', hoursPerWeek: hours, introductionWritten: true },
    },
    {
      type: 'MentorWelcomeMailSent',
      data: { ...hire, mentorRef: 'mentor-carla', coffeeMoment: dueIn(1), mailDelivered: true },
    },
    {
      type: 'MentorWelcomeMailSent',
      data: {
        ...hire,
        mentorRef: 'mentor-carla',
        coffeeMoment: dueIn(1),
        coffeeTime: '14:30',
        coffeeMinutes: 45,
        mailDelivered: true,
      },
    },
    { type: 'MentorshipEnded', data: { ...hire, mentorRef: 'mentor-carla', reason: 'period-ended' } },
    { type: 'MentorRequestWithdrawn', data: { ...hire, mentorRef: 'mentor-dirk', reason: 'terminated' } },
    { type: 'MentorRequestWithdrawn', data: { ...hire, mentorRef: 'mentor-dirk', reason: 'mentor-period-ended' } },
    { type: 'MentorPeriodEnded', data: { ...hire, itemId: 'mentor-period-end' } },
    {
      type: 'MentorMeetingLogged',
      data: { ...hire, mentorRef: 'mentor-carla', on: '2026-09-15', minutes: 60, loggedBy: 'new-hire' },
    },
    { type: 'TaskCompleted', data: { ...hire, itemId: followed.id } },
    { type: 'MilestoneCompleted', data: { ...hire, itemId: milestone.id } },
    { type: 'StartDateChanged', data: { ...hire, from: plan.startDate, to: moved.startDate, endDate: moved.endDate } },
    ...changes.map((change) => ({ type: 'LearningLineChanged', data: { ...hire, change: { ...change } } })),
    { type: 'LeaveStarted', data: { ...hire, from: '2026-10-01' } },
    { type: 'LeaveEnded', data: { ...hire, until: '2026-11-01', endDate: resumed.endDate } },
    {
      type: 'OpenTasksCancelled',
      data: { ...hire, itemIds: [followed.id, FIND_MENTOR_TASK_ID], reason: 'terminated' },
    },
    { type: 'CandidateWithdrawn', data: { ...hire } },
    { type: 'CandidateWithdrawn', data: { ...hire, reason: 'Heeft elders getekend' } },
    { type: 'TerminationRegistered', data: { ...hire, lastWorkingDay: '2027-01-31' } },
    {
      type: 'ExitInterviewRequested',
      data: { ...hire, itemId: EXIT_INTERVIEW_TASK_ID, ownerRole: 'hr', dueDate: '2027-01-31', mailDelivered: true },
    },
    {
      type: 'ExitInterviewHeld',
      data: { ...hire, reasons: ['workload', 'little-manager-support'], wouldHaveKept: ['less-workload'] },
    },
    { type: 'JourneyEnded', data: { ...hire, outcome: 'left', exitInterview: 'not-held' } },
    { type: 'JourneyEnded', data: { ...hire, outcome: 'landed' } },
  ];
}

describe('the journey’s events, through the store the services use (validation + hash chain)', () => {
  let directory: string;
  let raw: SqliteEventStore;
  let store: EventStore & CheckpointStore;
  let deps: Awaited<ReturnType<typeof openJourneyDeps>>;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'soft-landing-journey-contracts-'));
    raw = new SqliteEventStore(join(directory, 'events.sqlite'));
    store = withContracts(raw);
    deps = await openJourneyDeps(
      { peopleDbPath: join(directory, 'people.sqlite'), publicBaseUrl: 'http://soft-landing.test' },
      store,
      createLogger('test', 'silent'),
    );
  });

  afterEach(async () => {
    await deps.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Through the worker's own activity, so the envelope is exactly what the worker writes. */
  async function record(
    events: readonly { type: string; data: JsonObject }[],
    expectedRevision: number | 'no_stream',
  ): Promise<number> {
    const environment = new MockActivityEnvironment(
      {
        workflowExecution: { workflowId: `hire-journey:${organisationId}:${hireId}`, runId: randomUUID() },
        activityId: '7',
      },
      // The refusals below are expected; the activity's own failure log would only be noise.
      { logger: new DefaultLogger('ERROR') },
    );
    const activities = createJourneyActivities(deps);
    const first = expectedRevision === 'no_stream' ? 0 : expectedRevision + 1;
    const toRecord: HireEventToRecord[] = events.map((event, index) => ({
      key: `revision-${first + index}`,
      ...event,
    }));
    const result: { nextExpectedRevision: number } = await environment.run(activities.recordHireEvents, {
      ...hire,
      expectedRevision,
      actor: 'hr:anna',
      occurredAt: '2026-08-03T09:15:00.000Z',
      events: toRecord,
    });
    return result.nextExpectedRevision;
  }

  it('has an example of every event type the workflow appends', () => {
    const workflowTypes = appendedEventTypes(['workflows']).map((found) => found.type);
    const examples = new Set(journeyEvents().map((event) => event.type));
    expect(workflowTypes.filter((type) => !examples.has(type))).toEqual([]);
  });

  it('accepts every one of them, chains them, and reads them back as written', async () => {
    const events = journeyEvents();
    const [registered, started, ...rest] = events;
    let revision = await record([registered!, started!], 'no_stream');
    for (const event of rest) revision = await record([event], revision);

    const stored = await collect(store.readStream(stream));
    expect(stored.map((event) => [event.type, event.data])).toEqual(events.map((event) => [event.type, event.data]));
    expect(stored[0]!.metadata).toMatchObject({
      ...hire,
      actor: 'hr:anna',
      schemaVersion: 1,
      chain: { previous: null },
    });
    expect(await verifyHireStreamChain(raw, stream)).toEqual({ ok: true, events: events.length });
  });

  it('accepts the walking skeleton’s JourneyStarted, which had no template or plan yet', async () => {
    await record(
      [
        { type: 'HireRegistered', data: { ...hire, startDate, role: 'Jeugdzorgwerker' } },
        { type: 'JourneyStarted', data: { ...hire, startDate } },
      ],
      'no_stream',
    );
    expect(await collect(raw.readStream(stream))).toHaveLength(2);
  });

  it.each([
    [
      'a date that is not YYYY-MM-DD',
      { type: 'StartDateChanged', data: { ...hire, from: startDate, to: '15-09-2026', endDate: '2027-09-15' } },
      '/data/to',
    ],
    ['an impossible date', { type: 'LeaveStarted', data: { ...hire, from: '2026-02-30' } }, '/data/from'],
    [
      'half of the plan in JourneyStarted',
      { type: 'JourneyStarted', data: { ...hire, startDate, templateId: template.id } },
      '/data/templateVersion',
    ],
    [
      'an exit reason outside the taxonomy',
      { type: 'ExitInterviewHeld', data: { ...hire, reasons: ['te weinig salaris'], wouldHaveKept: [] } },
      '/data/reasons/0',
    ],
    [
      'a role that is not a role',
      { type: 'TaskOpened', data: { ...hire, itemId: 'adhoc:x', title: 'x', ownerRole: 'ceo', dueDate: startDate } },
      '/data/ownerRole',
    ],
    [
      'personal data the contract has no field for',
      { type: 'CandidateWithdrawn', data: { ...hire, email: 'sanne@voorbeeld.test' } },
      '/data/email',
    ],
  ])('refuses %s, and writes nothing', async (_case, event, pointer) => {
    const error = await record([event], 'no_stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toMatchObject({ eventType: event.type, pointer });
    expect(await collect(raw.readAll())).toEqual([]);
  });
});

describe('events outside hire streams, through the store the services use', () => {
  let directory: string;
  let raw: SqliteEventStore;
  let store: EventStore & CheckpointStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'soft-landing-pool-contracts-'));
    raw = new SqliteEventStore(join(directory, 'events.sqlite'));
    store = withContracts(raw);
  });

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('accepts the mentor pool’s offers, assignments and releases, with their partial envelope and no chain', async () => {
    const pool = new MentorPool(store);
    await pool.offer(organisationId, ANNA_OFFER, 'hr:anna');
    await pool.changeLoad(organisationId, { mentorRef: 'mentor-anna', hireId, hoursPerWeek: 5, kind: 'assign' });
    expect(await pool.profiles(organisationId)).toEqual([
      expect.objectContaining({ id: 'mentor-anna', currentMentees: 1, currentHoursPerWeek: 5 }),
    ]);
    await pool.changeLoad(organisationId, { mentorRef: 'mentor-anna', hireId, hoursPerWeek: 5, kind: 'release' });

    const stored = await collect(raw.readStream(mentorPoolStreamName(organisationId)));
    expect(stored.map((event) => event.type)).toEqual(['MentorOffered', 'MentorAssigned', 'MentorReleased']);
    expect(stored[0]!.metadata).toEqual({ organisationId, actor: 'hr:anna' });
  });

  it('accepts every built-in journey template as published', async () => {
    const templates = new JourneyTemplateStore(store);
    for (const builtIn of DEFAULT_TEMPLATES) {
      await templates.publish({ ...builtIn, organisationId }, 'hr:anna');
      expect(await templates.latest(organisationId, builtIn.id)).toEqual({ ...builtIn, organisationId });
      expect(await collect(raw.readStream(templateStreamName(organisationId, builtIn.id)))).toHaveLength(1);
    }
  });

  it('accepts an idempotency claim with no metadata at all', async () => {
    await store.appendToStream(
      'idempotency-jeugdzorg-rivierenland.0123456789abcdef0123456789abcdef',
      [{ id: randomUUID(), type: 'IdempotencyKeyClaimed', data: { fingerprint: 'a'.repeat(64), workflowId: 'w' } }],
      { expectedRevision: 'no_stream' },
    );
  });

  it.each([
    ['an empty actor', { organisationId, actor: '' }, '/metadata/actor'],
    [
      'an organisation id that would break stream names',
      { organisationId: 'a.b', actor: 'hr:anna' },
      '/metadata/organisationId',
    ],
    [
      'metadata the envelope does not know',
      { organisationId, actor: 'hr:anna', email: 'anna@voorbeeld.test' },
      '/metadata/email',
    ],
  ])('refuses %s in their metadata', async (_case, metadata, pointer) => {
    const error = await store
      .appendToStream(
        mentorPoolStreamName(organisationId),
        [{ id: randomUUID(), type: 'MentorOffered', data: ANNA_OFFER, metadata }],
        { expectedRevision: 'any' },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toMatchObject({ eventType: 'MentorOffered', pointer });
  });
});
