import { type AuditEvent, eventInstant, journeyStateAsOf } from './journeyStateAsOf';

const HIRE = { organisationId: 'jeugdzorg-west', hireId: 'h-1' };

/** A hire stream written by hand: each event happens at `at` and is recorded a second later. */
function stream(...events: [at: string, type: string, data: Record<string, unknown>, actor?: string][]): AuditEvent[] {
  return events.map(([at, type, data, actor], revision) => ({
    type,
    revision: BigInt(revision),
    recordedAt: new Date(Date.parse(at) + 1000),
    data: { ...HIRE, ...data },
    metadata: { ...HIRE, occurredAt: at, actor: actor ?? 'journey', correlationId: 'wf', causationId: 'c', schemaVersion: 1 },
  }));
}

const registered = ['2026-01-05T09:00:00.000Z', 'HireRegistered', { startDate: '2026-03-02', role: 'Jeugdzorgwerker', team: 'Noord' }] as const;
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

const at = (instant: string) => new Date(instant);
const ids = (tasks: readonly { itemId: string }[]) => tasks.map((task) => task.itemId);

describe('the journey state as of a moment, folded from the hire\'s events', () => {
  it('is undefined before the hire was registered', () => {
    expect(journeyStateAsOf(HIRE, stream([...registered], [...started]), at('2026-01-05T08:59:59.999Z'))).toBeUndefined();
  });

  it('given only the registration, then the hire is registered with its start date, no tasks yet', () => {
    const state = journeyStateAsOf(HIRE, stream([...registered], [...started]), at('2026-01-05T09:00:00.500Z'))!;
    expect(state).toMatchObject({ stage: 'registered', startDate: '2026-03-02', role: 'Jeugdzorgwerker', team: 'Noord', eventsApplied: 1, lastRevision: 0 });
    expect(state.tasks).toEqual({ open: [], done: [], cancelled: [] });
  });

  it('given the journey started, then it is pre-boarding with the human tasks open, soonest first; system items are not tasks', () => {
    const state = journeyStateAsOf(HIRE, stream([...registered], [...started]), at('2026-02-01T00:00:00Z'))!;
    expect(state).toMatchObject({ stage: 'preboarding', template: { id: 'rivierenland', version: 2 }, endDate: '2026-08-29', mentor: { status: 'searching' } });
    expect(state.tasks.open).toEqual([
      { itemId: 'task:accounts-ready', kind: 'preboarding-task', ownerRole: 'it', dueDate: '2026-02-23', status: 'open' },
      { itemId: 'milestone:intervision', kind: 'milestone', ownerRole: 'team', dueDate: '2026-04-01', status: 'open' },
    ]);
  });

  it('is onboarding from the start date on, judged by the day asked about', () => {
    const events = stream([...registered], [...started]);
    expect(journeyStateAsOf(HIRE, events, at('2026-03-01T23:59:59Z'))!.stage).toBe('preboarding');
    expect(journeyStateAsOf(HIRE, events, at('2026-03-02T00:00:00Z'))!.stage).toBe('onboarding');
  });

  it('given a start-date change, then before it the old dates hold and after it every plan task moved with it', () => {
    const events = stream(
      [...registered],
      [...started],
      ['2026-02-10T10:00:00Z', 'StartDateChanged', { from: '2026-03-02', to: '2026-03-16', endDate: '2026-09-12' }, 'hr:anna'],
    );
    const before = journeyStateAsOf(HIRE, events, at('2026-02-10T09:59:59Z'))!;
    const after = journeyStateAsOf(HIRE, events, at('2026-02-10T10:00:00Z'))!;
    expect(before).toMatchObject({ startDate: '2026-03-02', endDate: '2026-08-29' });
    expect(before.tasks.open.map((task) => task.dueDate)).toEqual(['2026-02-23', '2026-04-01']);
    expect(after).toMatchObject({ startDate: '2026-03-16', endDate: '2026-09-12', lastRevision: 2 });
    expect(after.tasks.open.map((task) => task.dueDate)).toEqual(['2026-03-09', '2026-04-15']);
  });

  it('given a start date moved so close that a task would fall in the past, then it is due on the day of the change', () => {
    const events = stream([...registered], [...started], ['2026-02-26T08:00:00Z', 'StartDateChanged', { from: '2026-03-02', to: '2026-02-27', endDate: '2026-08-26' }]);
    expect(journeyStateAsOf(HIRE, events, at('2026-02-26T12:00:00Z'))!.tasks.open[0]).toMatchObject({ itemId: 'task:accounts-ready', dueDate: '2026-02-26' });
  });

  it('given completions and a reminder, then tasks are done by whom and when, and titles come from the reminder', () => {
    const events = stream(
      [...registered],
      [...started],
      ['2026-02-20T07:00:00Z', 'TaskReminderSent', { itemId: 'task:accounts-ready', title: 'Accounts klaarzetten', dueDate: '2026-02-23', ownerRole: 'it', mailDelivered: true }],
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
    const events = stream(
      [...registered],
      [...started],
      ['2026-01-06T07:00:00Z', 'MentorRequested', { mentorRef: 'm-1', answerDeadline: '2026-01-09', hoursPerWeek: 5 }],
      ['2026-01-07T07:00:00Z', 'MentorDeclined', { mentorRef: 'm-1' }],
      ['2026-01-07T07:00:01Z', 'MentorRequested', { mentorRef: 'm-2', answerDeadline: '2026-01-10', hoursPerWeek: 5 }],
      ['2026-01-08T07:00:00Z', 'MentorAccepted', { mentorRef: 'm-2', hoursPerWeek: 5 }],
    );
    expect(journeyStateAsOf(HIRE, events, at('2026-01-07T12:00:00Z'))!.mentor).toEqual({ status: 'asked', asked: ['m-1', 'm-2'], answerDeadline: '2026-01-10' });
    expect(journeyStateAsOf(HIRE, events, at('2026-01-09T00:00:00Z'))!.mentor).toEqual({ status: 'accepted', asked: ['m-1', 'm-2'], mentorRef: 'm-2' });
  });

  it('given leave, then on-leave while it lasts and the plan tasks ahead move by its length', () => {
    const events = stream(
      [...registered],
      [...started],
      ['2026-03-20T07:00:00Z', 'LeaveStarted', { from: '2026-03-20' }],
      ['2026-03-30T07:00:00Z', 'LeaveEnded', { until: '2026-03-30', endDate: '2026-09-08' }],
    );
    expect(journeyStateAsOf(HIRE, events, at('2026-03-25T00:00:00Z'))).toMatchObject({ stage: 'on-leave', pausedSince: '2026-03-20' });
    const back = journeyStateAsOf(HIRE, events, at('2026-03-30T08:00:00Z'))!;
    expect(back).toMatchObject({ stage: 'onboarding', endDate: '2026-09-08' });
    expect(back.pausedSince).toBeUndefined();
    expect(back.tasks.open.map((task) => [task.itemId, task.dueDate])).toEqual([
      ['task:accounts-ready', '2026-02-23'],
      ['milestone:intervision', '2026-04-11'],
    ]);
  });

  it('given a learning line changed, then milestones are added, moved and dropped', () => {
    const milestone = { id: 'coach', title: 'Coachgesprek', kind: 'coach-talk', dueOffsetDays: 10, responsibleRole: 'mentor', reminderOffsetDays: -2, escalationOffsetDays: 3 };
    const events = stream(
      [...registered],
      [...started],
      ['2026-01-10T07:00:00Z', 'LearningLineChanged', { change: { kind: 'add-milestone', milestone } }],
      ['2026-01-11T07:00:00Z', 'LearningLineChanged', { change: { kind: 'move-milestone', milestoneId: 'intervision', dueOffsetDays: 60 } }],
      ['2026-01-12T07:00:00Z', 'LearningLineChanged', { change: { kind: 'drop-milestone', milestoneId: 'coach' } }],
    );
    const changed = journeyStateAsOf(HIRE, events, at('2026-01-11T12:00:00Z'))!;
    expect(changed.tasks.open.map((task) => [task.itemId, task.dueDate, task.title ?? null])).toEqual([
      ['task:accounts-ready', '2026-02-23', null],
      ['milestone:coach', '2026-03-12', 'Coachgesprek'],
      ['milestone:intervision', '2026-05-01', null],
    ]);
    expect(ids(journeyStateAsOf(HIRE, events, at('2026-01-13T00:00:00Z'))!.tasks.open)).toEqual(['task:accounts-ready', 'milestone:intervision']);
  });

  it('given a termination, then leaving with an exit interview; once held and ended, the outcome is left and the rest cancelled', () => {
    const events = stream(
      [...registered],
      [...started],
      ['2026-04-01T07:00:00Z', 'TerminationRegistered', { lastWorkingDay: '2026-04-30' }],
      ['2026-04-01T07:00:01Z', 'OpenTasksCancelled', { itemIds: ['task:accounts-ready', 'milestone:intervision'], reason: 'terminated' }],
      ['2026-04-01T07:00:02Z', 'ExitInterviewRequested', { itemId: 'adhoc:exit-interview', ownerRole: 'hr', dueDate: '2026-04-30', mailDelivered: false }],
      ['2026-04-20T10:00:00Z', 'ExitInterviewHeld', { reasons: ['workload'], wouldHaveKept: [] }, 'hr:anna'],
      ['2026-04-30T07:00:00Z', 'JourneyEnded', { outcome: 'left' }],
    );
    const leaving = journeyStateAsOf(HIRE, events, at('2026-04-10T00:00:00Z'))!;
    expect(leaving).toMatchObject({ stage: 'leaving', lastWorkingDay: '2026-04-30' });
    expect(ids(leaving.tasks.open)).toEqual(['adhoc:exit-interview']);
    expect(leaving.tasks.cancelled.map((task) => task.cancelReason)).toEqual(['terminated', 'terminated']);
    const ended = journeyStateAsOf(HIRE, events, at('2026-05-01T00:00:00Z'))!;
    expect(ended).toMatchObject({ stage: 'ended', outcome: 'left', eventsApplied: 7 });
    expect(ended.tasks.done).toEqual([expect.objectContaining({ itemId: 'adhoc:exit-interview', completedBy: 'hr:anna', completedOn: '2026-04-20' })]);
  });

  it('given a withdrawal, then ended as withdrawn with the open tasks cancelled', () => {
    const events = stream(
      [...registered],
      [...started],
      ['2026-02-01T07:00:00Z', 'CandidateWithdrawn', {}],
      ['2026-02-01T07:00:01Z', 'OpenTasksCancelled', { itemIds: ['task:accounts-ready', 'milestone:intervision'], reason: 'withdrawn' }],
      ['2026-02-01T07:00:02Z', 'JourneyEnded', { outcome: 'withdrawn' }],
    );
    const state = journeyStateAsOf(HIRE, events, at('2026-02-02T00:00:00Z'))!;
    expect(state).toMatchObject({ stage: 'ended', outcome: 'withdrawn' });
    expect(state.tasks.open).toEqual([]);
    expect(ids(state.tasks.cancelled)).toEqual(['task:accounts-ready', 'milestone:intervision']);
  });

  it('counts events of types it does not know without changing anything', () => {
    const events = stream([...registered], [...started], ['2026-01-06T00:00:00Z', 'SomethingNewer', { whatever: true }]);
    const state = journeyStateAsOf(HIRE, events, at('2026-01-07T00:00:00Z'))!;
    expect(state.eventsApplied).toBe(3);
    expect(state.lastRevision).toBe(2);
    expect(ids(state.tasks.open)).toEqual(['task:accounts-ready', 'milestone:intervision']);
  });

  it('takes the moment an event happened from occurredAt, else from when it was recorded', () => {
    const recordedAt = new Date('2026-01-01T00:00:05Z');
    expect(eventInstant({ recordedAt, metadata: { occurredAt: '2026-01-01T00:00:00Z' } })).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(eventInstant({ recordedAt, metadata: {} })).toBe(recordedAt);
    expect(eventInstant({ recordedAt, metadata: { occurredAt: 'not a date' } })).toBe(recordedAt);
  });

  it('is pure: the same events and instant give the same state, and the input is not changed', () => {
    const events = stream([...registered], [...started], ['2026-02-21T13:30:00Z', 'TaskCompleted', { itemId: 'task:accounts-ready' }]);
    const copy = JSON.stringify(events, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
    const instant = at('2026-03-01T00:00:00Z');
    expect(journeyStateAsOf(HIRE, events, instant)).toEqual(journeyStateAsOf(HIRE, events, instant));
    expect(JSON.stringify(events, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))).toBe(copy);
  });
});
