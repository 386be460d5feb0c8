import { type AuditEvent, eventInstant, journeyStateAsOf, pendingJourneyStateAsOf } from './journeyStateAsOf';

const HIRE = { organisationId: 'jeugdzorg-west', hireId: 'h-1' };

type HandWritten = [at: string, type: string, data: Record<string, unknown>, actor?: string];

/** A hire stream written by hand: each event happens at `at` and is recorded a second later. */
function stream(...events: HandWritten[]): AuditEvent[] {
  return events.map(([at, type, data, actor], revision) => ({
    type,
    revision: BigInt(revision),
    recordedAt: new Date(Date.parse(at) + 1000),
    data: { ...HIRE, ...data },
    metadata: {
      ...HIRE,
      occurredAt: at,
      actor: actor ?? 'journey',
      correlationId: 'wf',
      causationId: 'c',
      schemaVersion: 1,
    },
  }));
}

const registered = [
  '2026-01-05T09:00:00.000Z',
  'HireRegistered',
  { startDate: '2026-03-02', role: 'Jeugdzorgwerker', team: 'Noord' },
] as const;
const started = [
  '2026-01-05T09:00:01.000Z',
  'JourneyStarted',
  {
    startDate: '2026-03-02',
    templateId: 'rivierenland',
    templateVersion: 2,
    endDate: '2026-08-29',
    items: [
      { id: 'task:accounts-ready', kind: 'preboarding-task', ownerRole: 'it', dueDate: '2026-02-23' },
      { id: 'welcome-mail', kind: 'welcome-mail', ownerRole: null, dueDate: '2026-02-27' },
      { id: 'milestone:intervision', kind: 'milestone', ownerRole: 'team', dueDate: '2026-04-01' },
    ],
  },
] as const;

/** The hire registered and its journey started (the plan above), then `events`. */
const startedJourney = (...events: HandWritten[]): AuditEvent[] => stream([...registered], [...started], ...events);

/** The journey cancelling what is open of the started plan: its IT task and its milestone. */
const openTasksCancelled = (at: string, reason: string): HandWritten => [
  at,
  'OpenTasksCancelled',
  { itemIds: ['task:accounts-ready', 'milestone:intervision'], reason },
];

const at = (instant: string) => new Date(instant);
const ids = (tasks: readonly { itemId: string }[]) => tasks.map((task) => task.itemId);

describe("the journey state as of a moment, folded from the hire's events", () => {
  it('is undefined before the hire was registered', () => {
    expect(journeyStateAsOf(HIRE, startedJourney(), at('2026-01-05T08:59:59.999Z'))).toBeUndefined();
  });

  it('given only the registration, then the hire is registered with its start date, no tasks yet', () => {
    const state = journeyStateAsOf(HIRE, startedJourney(), at('2026-01-05T09:00:00.500Z'))!;
    expect(state).toMatchObject({
      stage: 'registered',
      startDate: '2026-03-02',
      role: 'Jeugdzorgwerker',
      team: 'Noord',
      eventsApplied: 1,
      lastRevision: 0,
    });
    expect(state.tasks).toEqual({ open: [], done: [], cancelled: [] });
  });

  it('given the journey started, then it is pre-boarding with the human tasks open, soonest first; system items are not tasks', () => {
    const state = journeyStateAsOf(HIRE, startedJourney(), at('2026-02-01T00:00:00Z'))!;
    expect(state).toMatchObject({
      stage: 'preboarding',
      template: { id: 'rivierenland', version: 2 },
      endDate: '2026-08-29',
      mentor: { status: 'searching' },
    });
    expect(state.tasks.open).toEqual([
      {
        itemId: 'task:accounts-ready',
        kind: 'preboarding-task',
        ownerRole: 'it',
        dueDate: '2026-02-23',
        status: 'open',
      },
      { itemId: 'milestone:intervision', kind: 'milestone', ownerRole: 'team', dueDate: '2026-04-01', status: 'open' },
    ]);
  });

  it('is onboarding from the start date on, judged by the day asked about', () => {
    const events = startedJourney();
    expect(journeyStateAsOf(HIRE, events, at('2026-03-01T23:59:59Z'))!.stage).toBe('preboarding');
    expect(journeyStateAsOf(HIRE, events, at('2026-03-02T00:00:00Z'))!.stage).toBe('onboarding');
  });

  it('given a start-date change, then before it the old dates hold and after it every plan task moved with it', () => {
    const events = startedJourney([
      '2026-02-10T10:00:00Z',
      'StartDateChanged',
      { from: '2026-03-02', to: '2026-03-16', endDate: '2026-09-12' },
      'hr:anna',
    ]);
    const before = journeyStateAsOf(HIRE, events, at('2026-02-10T09:59:59Z'))!;
    const after = journeyStateAsOf(HIRE, events, at('2026-02-10T10:00:00Z'))!;
    expect(before).toMatchObject({ startDate: '2026-03-02', endDate: '2026-08-29' });
    expect(before.tasks.open.map((task) => task.dueDate)).toEqual(['2026-02-23', '2026-04-01']);
    expect(after).toMatchObject({ startDate: '2026-03-16', endDate: '2026-09-12', lastRevision: 2 });
    expect(after.tasks.open.map((task) => task.dueDate)).toEqual(['2026-03-09', '2026-04-15']);
  });

  it('given a start date moved so close that a task would fall in the past, then it is due on the day of the change', () => {
    const events = startedJourney([
      '2026-02-26T08:00:00Z',
      'StartDateChanged',
      { from: '2026-03-02', to: '2026-02-27', endDate: '2026-08-26' },
    ]);
    expect(journeyStateAsOf(HIRE, events, at('2026-02-26T12:00:00Z'))!.tasks.open[0]).toMatchObject({
      itemId: 'task:accounts-ready',
      dueDate: '2026-02-26',
    });
  });

  it('given completions and a reminder, then tasks are done by whom and when, and titles come from the reminder', () => {
    const events = startedJourney(
      [
        '2026-02-20T07:00:00Z',
        'TaskReminderSent',
        {
          itemId: 'task:accounts-ready',
          title: 'Accounts klaarzetten',
          dueDate: '2026-02-23',
          ownerRole: 'it',
          mailDelivered: true,
        },
      ],
      ['2026-02-21T13:30:00Z', 'TaskCompleted', { itemId: 'task:accounts-ready' }, 'it:piet'],
    );
    const state = journeyStateAsOf(HIRE, events, at('2026-03-05T00:00:00Z'))!;
    expect(state.tasks.done).toEqual([
      {
        itemId: 'task:accounts-ready',
        kind: 'preboarding-task',
        title: 'Accounts klaarzetten',
        ownerRole: 'it',
        dueDate: '2026-02-23',
        status: 'done',
        completedBy: 'it:piet',
        completedOn: '2026-02-21',
      },
    ]);
    expect(ids(state.tasks.open)).toEqual(['milestone:intervision']);
  });

  it('given a mentor asked, declined, then accepted, then the mentor is the one who accepted', () => {
    const events = startedJourney(
      ['2026-01-06T07:00:00Z', 'MentorRequested', { mentorRef: 'm-1', answerDeadline: '2026-01-09', hoursPerWeek: 5 }],
      ['2026-01-07T07:00:00Z', 'MentorDeclined', { mentorRef: 'm-1' }],
      ['2026-01-07T07:00:01Z', 'MentorRequested', { mentorRef: 'm-2', answerDeadline: '2026-01-10', hoursPerWeek: 5 }],
      ['2026-01-08T07:00:00Z', 'MentorAccepted', { mentorRef: 'm-2', hoursPerWeek: 5 }],
    );
    expect(journeyStateAsOf(HIRE, events, at('2026-01-07T12:00:00Z'))!.mentor).toEqual({
      status: 'asked',
      asked: ['m-1', 'm-2'],
      answerDeadline: '2026-01-10',
    });
    expect(journeyStateAsOf(HIRE, events, at('2026-01-09T00:00:00Z'))!.mentor).toEqual({
      status: 'accepted',
      asked: ['m-1', 'm-2'],
      mentorRef: 'm-2',
    });
  });

  it('given leave, then on-leave while it lasts and the plan tasks ahead move by its length', () => {
    const events = startedJourney(
      ['2026-03-20T07:00:00Z', 'LeaveStarted', { from: '2026-03-20' }],
      ['2026-03-30T07:00:00Z', 'LeaveEnded', { until: '2026-03-30', endDate: '2026-09-08' }],
    );
    expect(journeyStateAsOf(HIRE, events, at('2026-03-25T00:00:00Z'))).toMatchObject({
      stage: 'on-leave',
      pausedSince: '2026-03-20',
    });
    const back = journeyStateAsOf(HIRE, events, at('2026-03-30T08:00:00Z'))!;
    expect(back).toMatchObject({ stage: 'onboarding', endDate: '2026-09-08' });
    expect(back.pausedSince).toBeUndefined();
    expect(back.tasks.open.map((task) => [task.itemId, task.dueDate])).toEqual([
      ['task:accounts-ready', '2026-02-23'],
      ['milestone:intervision', '2026-04-11'],
    ]);
  });

  it('given a learning line changed, then milestones are added, moved and dropped', () => {
    const milestone = {
      id: 'coach',
      title: 'Coachgesprek',
      kind: 'coach-talk',
      dueOffsetDays: 10,
      responsibleRole: 'mentor',
      reminderOffsetDays: -2,
      escalationOffsetDays: 3,
    };
    const events = startedJourney(
      ['2026-01-10T07:00:00Z', 'LearningLineChanged', { change: { kind: 'add-milestone', milestone } }],
      [
        '2026-01-11T07:00:00Z',
        'LearningLineChanged',
        { change: { kind: 'move-milestone', milestoneId: 'intervision', dueOffsetDays: 60 } },
      ],
      ['2026-01-12T07:00:00Z', 'LearningLineChanged', { change: { kind: 'drop-milestone', milestoneId: 'coach' } }],
    );
    const changed = journeyStateAsOf(HIRE, events, at('2026-01-11T12:00:00Z'))!;
    expect(changed.tasks.open.map((task) => [task.itemId, task.dueDate, task.title ?? null])).toEqual([
      ['task:accounts-ready', '2026-02-23', null],
      ['milestone:coach', '2026-03-12', 'Coachgesprek'],
      ['milestone:intervision', '2026-05-01', null],
    ]);
    expect(ids(journeyStateAsOf(HIRE, events, at('2026-01-13T00:00:00Z'))!.tasks.open)).toEqual([
      'task:accounts-ready',
      'milestone:intervision',
    ]);
  });

  it("given HR's plan changes, then before each the plan stood as it was, after it moved, re-owned, dropped and added", () => {
    const changeId = 'f'.repeat(32);
    const events = startedJourney(
      [
        '2026-01-10T07:00:00Z',
        'PlanItemMoved',
        { itemId: 'task:accounts-ready', from: '2026-02-23', to: '2026-02-16', changeId },
        'person:hr-anne',
      ],
      [
        '2026-01-11T07:00:00Z',
        'PlanItemReowned',
        { itemId: 'milestone:intervision', from: 'team', to: 'mentor', changeId },
        'person:hr-anne',
      ],
      [
        '2026-01-12T07:00:00Z',
        'AdhocTaskAdded',
        {
          itemId: 'adhoc:hr-ffffffffffffffff',
          title: 'Parkeervergunning aanvragen',
          ownerRole: 'facilities',
          dueDate: '2026-02-20',
          changeId,
        },
        'person:hr-anne',
      ],
      ['2026-01-13T07:00:00Z', 'PlanItemDropped', { itemId: 'task:accounts-ready', changeId }, 'person:hr-anne'],
    );
    const open = (instant: string) =>
      journeyStateAsOf(HIRE, events, at(instant))!.tasks.open.map((task) => [
        task.itemId,
        task.dueDate,
        task.ownerRole,
      ]);
    expect(open('2026-01-09T12:00:00Z')).toEqual([
      ['task:accounts-ready', '2026-02-23', 'it'],
      ['milestone:intervision', '2026-04-01', 'team'],
    ]);
    expect(open('2026-01-12T12:00:00Z')).toEqual([
      ['task:accounts-ready', '2026-02-16', 'it'],
      ['adhoc:hr-ffffffffffffffff', '2026-02-20', 'facilities'],
      ['milestone:intervision', '2026-04-01', 'mentor'],
    ]);
    expect(open('2026-01-14T00:00:00Z')).toEqual([
      ['adhoc:hr-ffffffffffffffff', '2026-02-20', 'facilities'],
      ['milestone:intervision', '2026-04-01', 'mentor'],
    ]);
  });

  it('given a termination, then leaving with an exit interview; once held and ended, the outcome is left and the rest cancelled', () => {
    const events = startedJourney(
      ['2026-04-01T07:00:00Z', 'TerminationRegistered', { lastWorkingDay: '2026-04-30' }],
      openTasksCancelled('2026-04-01T07:00:01Z', 'terminated'),
      [
        '2026-04-01T07:00:02Z',
        'ExitInterviewRequested',
        { itemId: 'adhoc:exit-interview', ownerRole: 'hr', dueDate: '2026-04-30', mailDelivered: false },
      ],
      ['2026-04-20T10:00:00Z', 'ExitInterviewHeld', { reasons: ['workload'], wouldHaveKept: [] }, 'hr:anna'],
      ['2026-04-30T07:00:00Z', 'JourneyEnded', { outcome: 'left' }],
    );
    const leaving = journeyStateAsOf(HIRE, events, at('2026-04-10T00:00:00Z'))!;
    expect(leaving).toMatchObject({ stage: 'leaving', lastWorkingDay: '2026-04-30' });
    expect(ids(leaving.tasks.open)).toEqual(['adhoc:exit-interview']);
    expect(leaving.tasks.cancelled.map((task) => task.cancelReason)).toEqual(['terminated', 'terminated']);
    const ended = journeyStateAsOf(HIRE, events, at('2026-05-01T00:00:00Z'))!;
    expect(ended).toMatchObject({ stage: 'ended', outcome: 'left', eventsApplied: 7 });
    expect(ended.tasks.done).toEqual([
      expect.objectContaining({ itemId: 'adhoc:exit-interview', completedBy: 'hr:anna', completedOn: '2026-04-20' }),
    ]);
  });

  it('given a withdrawal, then ended as withdrawn with the open tasks cancelled', () => {
    const events = startedJourney(
      ['2026-02-01T07:00:00Z', 'CandidateWithdrawn', {}],
      openTasksCancelled('2026-02-01T07:00:01Z', 'withdrawn'),
      ['2026-02-01T07:00:02Z', 'JourneyEnded', { outcome: 'withdrawn' }],
    );
    const state = journeyStateAsOf(HIRE, events, at('2026-02-02T00:00:00Z'))!;
    expect(state).toMatchObject({ stage: 'ended', outcome: 'withdrawn' });
    expect(state.tasks.open).toEqual([]);
    expect(ids(state.tasks.cancelled)).toEqual(['task:accounts-ready', 'milestone:intervision']);
  });

  it('counts events of types it does not know without changing anything', () => {
    const events = startedJourney(['2026-01-06T00:00:00Z', 'SomethingNewer', { whatever: true }]);
    const state = journeyStateAsOf(HIRE, events, at('2026-01-07T00:00:00Z'))!;
    expect(state.eventsApplied).toBe(3);
    expect(state.lastRevision).toBe(2);
    expect(ids(state.tasks.open)).toEqual(['task:accounts-ready', 'milestone:intervision']);
  });

  it('takes the moment an event happened from occurredAt, else from when it was recorded', () => {
    const recordedAt = new Date('2026-01-01T00:00:05Z');
    expect(eventInstant({ recordedAt, metadata: { occurredAt: '2026-01-01T00:00:00Z' } })).toEqual(
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(eventInstant({ recordedAt, metadata: {} })).toBe(recordedAt);
    expect(eventInstant({ recordedAt, metadata: { occurredAt: 'not a date' } })).toBe(recordedAt);
  });

  it('is pure: the same events and instant give the same state, and the input is not changed', () => {
    const events = startedJourney(['2026-02-21T13:30:00Z', 'TaskCompleted', { itemId: 'task:accounts-ready' }]);
    const copy = JSON.stringify(events, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    const instant = at('2026-03-01T00:00:00Z');
    expect(journeyStateAsOf(HIRE, events, instant)).toEqual(journeyStateAsOf(HIRE, events, instant));
    expect(JSON.stringify(events, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))).toBe(copy);
  });

  it('given leave and then a start-date change, then the days of leave stay counted, as moveStartDate keeps them', () => {
    const milestone = {
      id: 'late',
      title: 'Laat gesprek',
      kind: 'coach-talk',
      dueOffsetDays: 60,
      responsibleRole: 'mentor',
      reminderOffsetDays: -7,
      escalationOffsetDays: 7,
    };
    const events = startedJourney(
      ['2026-03-20T07:00:00Z', 'LeaveStarted', { from: '2026-03-20' }],
      ['2026-03-30T07:00:00Z', 'LeaveEnded', { until: '2026-03-30' }],
      ['2026-04-02T07:00:00Z', 'StartDateChanged', { from: '2026-03-02', to: '2026-03-09' }],
      ['2026-04-03T07:00:00Z', 'LearningLineChanged', { change: { kind: 'add-milestone', milestone } }],
      [
        '2026-04-04T07:00:00Z',
        'LearningLineChanged',
        { change: { kind: 'move-milestone', milestoneId: 'intervision', dueOffsetDays: 50 } },
      ],
    );
    const dues = (instant: string) =>
      journeyStateAsOf(HIRE, events, at(instant))!.tasks.open.map((task) => [task.itemId, task.dueDate]);
    // Ten days of leave moved the milestone (due after the leave began), not the task that was already behind.
    expect(dues('2026-03-31T00:00:00Z')).toEqual([
      ['task:accounts-ready', '2026-02-23'],
      ['milestone:intervision', '2026-04-11'],
    ]);
    // New start + offset + leave: day 30 + 10 = 2026-04-18; day -7 + 0 = 2026-03-02 lies before the change, so that day.
    expect(dues('2026-04-02T12:00:00Z')).toEqual([
      ['task:accounts-ready', '2026-04-02'],
      ['milestone:intervision', '2026-04-18'],
    ]);
    // An added milestone counts the leave already taken; a moved one keeps its own.
    expect(dues('2026-04-05T00:00:00Z')).toEqual([
      ['task:accounts-ready', '2026-04-02'],
      ['milestone:intervision', '2026-05-08'],
      ['milestone:late', '2026-05-18'],
    ]);
    expect(journeyStateAsOf(HIRE, events, at('2026-04-05T00:00:00Z'))).toMatchObject({
      stage: 'onboarding',
      startDate: '2026-03-09',
      // moveStartDate: the new start plus the programme (180 days) plus the ten days of leave.
      endDate: '2026-09-15',
    });
  });

  it('given leave that ends before it began, then that end changes nothing and the next one resumes the plan', () => {
    const backwards = startedJourney(
      ['2026-03-20T07:00:00Z', 'LeaveStarted', {}],
      ['2026-03-21T07:00:00Z', 'LeaveEnded', { until: '2026-03-10' }],
      ['2026-03-22T07:00:00Z', 'LeaveEnded', { until: '2026-03-25' }],
    );
    expect(journeyStateAsOf(HIRE, backwards, at('2026-03-20T12:00:00Z'))).toMatchObject({
      stage: 'on-leave',
      pausedSince: '2026-03-20',
    });
    const back = journeyStateAsOf(HIRE, backwards, at('2026-03-23T00:00:00Z'))!;
    expect(back.stage).toBe('onboarding');
    // Five days of leave (03-20 to 03-25) move the milestone still ahead, not the task already behind.
    expect(back.tasks.open.map((task) => task.dueDate)).toEqual(['2026-02-23', '2026-04-06']);
  });

  it('shows exactly what is known, and no empty fields for what is not', () => {
    const events = stream([
      '2026-01-05T09:00:00.000Z',
      'HireRegistered',
      { startDate: '2026-03-02', role: 'Jeugdzorgwerker', team: '', location: 'Tiel' },
    ]);
    expect(journeyStateAsOf(HIRE, events, at('2026-01-05T09:00:00.500Z'))).toStrictEqual({
      organisationId: 'jeugdzorg-west',
      hireId: 'h-1',
      asOf: '2026-01-05T09:00:00.500Z',
      eventsApplied: 1,
      lastRevision: 0,
      lastEventAt: '2026-01-05T09:00:00.000Z',
      stage: 'registered',
      registeredAt: '2026-01-05T09:00:00.000Z',
      role: 'Jeugdzorgwerker',
      location: 'Tiel',
      startDate: '2026-03-02',
      mentor: { status: 'searching', asked: [] },
      tasks: { open: [], done: [], cancelled: [] },
    });
  });

  it('takes only the human items of a plan, skips malformed ones, and orders tasks due on one day by id', () => {
    const events = stream(
      [...registered],
      [
        '2026-01-05T09:00:01.000Z',
        'JourneyStarted',
        {
          startDate: '2026-03-02',
          items: [
            { id: 'welcome-card', kind: 'welcome-card', ownerRole: '', dueDate: '2026-03-01' },
            { id: 'survey-phone-follow-up', kind: 'survey-phone-follow-up', ownerRole: 'hr', dueDate: '2026-03-01' },
            { id: 'survey-invitation', kind: 'survey-invitation', ownerRole: null, dueDate: '2026-03-01' },
            { id: 7, kind: 'milestone', ownerRole: 'team', dueDate: '2026-03-01' },
            { id: 'milestone:bad-date', kind: 'milestone', ownerRole: 'team', dueDate: '2026-02-30' },
            { id: 'milestone:no-kind', ownerRole: 'team', dueDate: '2026-03-01' },
            null,
          ],
        },
      ],
    );
    const state = journeyStateAsOf(HIRE, events, at('2026-01-06T00:00:00Z'))!;
    expect(state.tasks.open).toStrictEqual([
      {
        itemId: 'survey-phone-follow-up',
        kind: 'survey-phone-follow-up',
        ownerRole: 'hr',
        dueDate: '2026-03-01',
        status: 'open',
      },
      { itemId: 'welcome-card', kind: 'welcome-card', ownerRole: null, dueDate: '2026-03-01', status: 'open' },
    ]);
    expect(state).not.toHaveProperty('template');
    expect(state.stage).toBe('preboarding');
  });

  it('given tasks the journey opened, titles, completions and a cancellation, then each ends up where it belongs', () => {
    const events = startedJourney(
      [
        '2026-02-01T07:00:00Z',
        'TaskOpened',
        { itemId: 'adhoc:call', title: 'Bellen met de nieuwe collega', ownerRole: 'hr', dueDate: '2026-03-05' },
      ],
      ['2026-02-01T07:00:01Z', 'TaskOpened', { itemId: 'adhoc:undated', title: 'Zonder datum' }],
      ['2026-02-02T07:00:00Z', 'TaskEscalated', { itemId: 'milestone:intervision', title: 'Intervisie' }],
      ['2026-02-03T07:00:00Z', 'TaskReminderSent', { itemId: 'milestone:intervision', title: 'Andere titel' }],
      ['2026-02-03T07:00:01Z', 'TaskReminderSent', { itemId: 'adhoc:unknown', title: 'Niemand' }],
      ['2026-02-04T07:00:00Z', 'MilestoneCompleted', { itemId: 'milestone:intervision' }, ''],
      ['2026-02-05T07:00:00Z', 'StartDateChanged', { from: '2026-03-02', to: '2026-03-09' }],
      ['2026-02-06T07:00:00Z', 'OpenTasksCancelled', { itemIds: ['milestone:intervision', 'task:accounts-ready'] }],
    );
    const state = journeyStateAsOf(HIRE, events, at('2026-02-07T00:00:00Z'))!;
    // A task the journey opened keeps its date when the start moves; a plan task moves.
    expect(state.tasks.open).toStrictEqual([
      {
        itemId: 'adhoc:call',
        kind: 'adhoc-task',
        title: 'Bellen met de nieuwe collega',
        ownerRole: 'hr',
        dueDate: '2026-03-05',
        status: 'open',
      },
    ]);
    expect(state.tasks.done).toStrictEqual([
      {
        itemId: 'milestone:intervision',
        kind: 'milestone',
        title: 'Intervisie',
        ownerRole: 'team',
        dueDate: '2026-04-08',
        status: 'done',
        completedOn: '2026-02-04',
      },
    ]);
    expect(state.tasks.cancelled).toStrictEqual([
      {
        itemId: 'task:accounts-ready',
        kind: 'preboarding-task',
        ownerRole: 'it',
        dueDate: '2026-03-02',
        status: 'cancelled',
      },
    ]);
  });

  it('given a termination, then the exit interview is a task of its own, held once, and the others are cancelled, not every task', () => {
    const terminated: HandWritten[] = [
      [...registered],
      [...started],
      ['2026-02-20T07:00:00Z', 'TaskCompleted', { itemId: 'task:accounts-ready' }, 'it:piet'],
      ['2026-04-01T07:00:00Z', 'TerminationRegistered', {}],
      openTasksCancelled('2026-04-01T07:00:01Z', 'terminated'),
      [
        '2026-04-01T07:00:02Z',
        'ExitInterviewRequested',
        { itemId: 'adhoc:exit-interview', ownerRole: 'hr', dueDate: '2026-04-30' },
      ],
    ];
    const leaving = journeyStateAsOf(HIRE, stream(...terminated), at('2026-04-02T00:00:00Z'))!;
    expect(leaving).toMatchObject({ stage: 'leaving', lastWorkingDay: '2026-04-01' });
    expect(leaving.tasks.open).toStrictEqual([
      {
        itemId: 'adhoc:exit-interview',
        kind: 'adhoc-task',
        title: 'Voer het exitgesprek en leg de vertrekredenen vast',
        ownerRole: 'hr',
        dueDate: '2026-04-30',
        status: 'open',
      },
    ]);
    expect(ids(leaving.tasks.done)).toEqual(['task:accounts-ready']);
    expect(leaving.tasks.cancelled).toStrictEqual([
      {
        itemId: 'milestone:intervision',
        kind: 'milestone',
        ownerRole: 'team',
        dueDate: '2026-04-01',
        status: 'cancelled',
        cancelReason: 'terminated',
      },
    ]);
    const held = stream(
      ...terminated,
      ['2026-04-20T10:00:00Z', 'ExitInterviewHeld', {}, ''],
      ['2026-04-21T10:00:00Z', 'ExitInterviewHeld', {}, 'hr:bob'],
      ['2026-04-30T07:00:00Z', 'JourneyEnded', { outcome: 'vanished' }],
    );
    const after = journeyStateAsOf(HIRE, held, at('2026-05-01T00:00:00Z'))!;
    expect(after.tasks.done.find((task) => task.itemId === 'adhoc:exit-interview')).toStrictEqual({
      itemId: 'adhoc:exit-interview',
      kind: 'adhoc-task',
      title: 'Voer het exitgesprek en leg de vertrekredenen vast',
      ownerRole: 'hr',
      dueDate: '2026-04-30',
      status: 'done',
      completedOn: '2026-04-20',
    });
    // An outcome the fold does not know is no outcome: the journey is still leaving.
    expect(after.stage).toBe('leaving');
    expect(after).not.toHaveProperty('outcome');
  });

  it('given every mentor answer, then the mentor status follows it and an open request ends with the journey', () => {
    const base = [
      [...registered],
      [...started],
      ['2026-01-06T07:00:00Z', 'MentorRequested', { mentorRef: 'm-1', answerDeadline: '2026-01-09' }],
    ] as [string, string, Record<string, unknown>][];
    const mentorAt = (instant: string, ...more: [string, string, Record<string, unknown>][]) =>
      journeyStateAsOf(HIRE, stream(...base, ...more), at(instant))!.mentor;
    expect(
      mentorAt('2026-01-10T00:00:00Z', ['2026-01-09T07:00:00Z', 'MentorRequestExpired', { mentorRef: 'm-1' }]),
    ).toStrictEqual({ status: 'searching', asked: ['m-1'] });
    expect(mentorAt('2026-01-10T00:00:00Z', ['2026-01-09T07:00:00Z', 'MentorNotFound', {}])).toStrictEqual({
      status: 'none-available',
      asked: ['m-1'],
    });
    expect(mentorAt('2026-01-10T00:00:00Z', ['2026-01-09T07:00:00Z', 'MentorRequested', {}])).toStrictEqual({
      status: 'asked',
      asked: ['m-1'],
      answerDeadline: '2026-01-09',
    });
    expect(
      mentorAt('2026-01-10T00:00:00Z', ['2026-01-09T07:00:00Z', 'MentorRequested', { mentorRef: 'm-2' }]),
    ).toStrictEqual({ status: 'asked', asked: ['m-1', 'm-2'] });
    expect(mentorAt('2026-01-10T00:00:00Z', ['2026-01-09T07:00:00Z', 'MentorAccepted', {}])).toStrictEqual({
      status: 'accepted',
      asked: ['m-1'],
    });
    expect(mentorAt('2026-01-10T00:00:00Z', ['2026-01-09T07:00:00Z', 'MentorshipEnded', {}])).toStrictEqual({
      status: 'ended',
      asked: ['m-1'],
    });
    // Withdrawing ends an open request with the journey: the same answer as the workflow's own view.
    expect(
      mentorAt(
        '2026-01-10T00:00:00Z',
        ['2026-01-09T07:00:00Z', 'CandidateWithdrawn', {}],
        ['2026-01-09T07:00:01Z', 'JourneyEnded', { outcome: 'withdrawn' }],
      ),
    ).toStrictEqual({ status: 'ended', asked: ['m-1'] });
    expect(
      mentorAt(
        '2026-01-10T00:00:00Z',
        ['2026-01-08T07:00:00Z', 'MentorAccepted', { mentorRef: 'm-1' }],
        ['2026-01-09T07:00:00Z', 'JourneyEnded', { outcome: 'landed' }],
      ),
    ).toStrictEqual({ status: 'ended', asked: ['m-1'], mentorRef: 'm-1' });
  });

  it('counts an event that happened exactly at the moment asked about, and none after it', () => {
    const events = startedJourney();
    expect(journeyStateAsOf(HIRE, events, at('2026-01-05T09:00:01.000Z'))).toMatchObject({
      eventsApplied: 2,
      lastRevision: 1,
      lastEventAt: '2026-01-05T09:00:01.000Z',
    });
    expect(journeyStateAsOf(HIRE, events, at('2026-01-05T09:00:00.999Z'))).toMatchObject({
      eventsApplied: 1,
      lastRevision: 0,
    });
  });

  it('shows a hire the API registered whose journey wrote nothing yet as pending, from the moment of registration', () => {
    const registeredAt = new Date('2026-01-05T09:00:00.000Z');
    expect(pendingJourneyStateAsOf(HIRE, registeredAt, new Date('2026-01-05T08:59:59.999Z'))).toBeUndefined();
    expect(pendingJourneyStateAsOf(HIRE, registeredAt, registeredAt)).toStrictEqual({
      organisationId: 'jeugdzorg-west',
      hireId: 'h-1',
      asOf: '2026-01-05T09:00:00.000Z',
      eventsApplied: 0,
      stage: 'registered',
      registeredAt: '2026-01-05T09:00:00.000Z',
      mentor: { status: 'searching', asked: [] },
      tasks: { open: [], done: [], cancelled: [] },
      pending: true,
    });
  });
});
