/**
 * evolve, one event at a time: the exact state each recorded event leaves behind. decide.test.ts checks what the
 * journey decides on top of it; here every field an event touches is pinned, and every field it must leave alone.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import type { JourneyEvent } from './events';
import {
  ADHOC_ESCALATION_DAYS,
  EXIT_INTERVIEW_GRACE_DAYS,
  EXIT_INTERVIEW_TITLE,
  evolve,
  evolveAll,
  initialJourneyState,
  journeyStateWithPlan,
} from './evolve';
import { EXIT_INTERVIEW_TASK_ID, type JourneyState } from './state';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';
import { ninetyDaySurveyMail } from '../../../test/support/ninetyDaySurveyMails';

const { hire, input } = journeyTestHire('h-0042');
const template = { ...rivierenlandTemplate, organisationId: hire.organisationId };
const meta = { actor: 'manager:bram', on: '2026-08-10' };
const fresh = (): JourneyState => initialJourneyState(input, 'hire-journey:x', template, '2026-08-03');
const folded = (...events: JourneyEvent[]): JourneyState => evolveAll(fresh(), events, meta);
const item = (state: JourneyState, id: string) => state.plan.items.find((candidate) => candidate.id === id);

const requested = (mentorRef: string, answerDeadline = '2026-08-13'): JourneyEvent => ({
  type: 'MentorRequested',
  data: { ...hire, mentorRef, answerDeadline, hoursPerWeek: 4 },
});

describe('the journey before its first event', () => {
  it('is the dated template, with nothing done, handled or asked', () => {
    const state = fresh();
    expect(state).toEqual({
      input,
      workflowId: 'hire-journey:x',
      template,
      plan: state.plan,
      revision: -1,
      completed: {},
      cancelled: [],
      handled: [],
      adhoc: [],
      mentor: { status: 'searching', asked: [] },
    });
    expect(Object.keys(state).sort()).toEqual([
      'adhoc',
      'cancelled',
      'completed',
      'handled',
      'input',
      'mentor',
      'plan',
      'revision',
      'template',
      'workflowId',
    ]);
    expect(state.plan).toMatchObject({ startDate: '2026-09-01', plannedOn: '2026-08-03', endDate: '2027-09-01' });
  });

  it('takes a plan it is given as it is', () => {
    const plan = { ...fresh().plan, startDate: '2030-01-01' };
    expect(journeyStateWithPlan(input, 'w', template, plan).plan).toBe(plan);
  });
});

describe('actions carried out', () => {
  const sent = {
    ...hire,
    itemId: 'task:accounts-ready',
    title: 'Accounts',
    dueDate: '2026-08-29',
    ownerRole: 'it' as const,
    mailDelivered: true,
  };

  it('keys each kind of action by item and action', () => {
    const state = folded(
      { type: 'TaskReminderSent', data: sent },
      { type: 'TaskEscalated', data: sent },
      {
        type: 'WelcomeMailSent',
        data: { ...hire, itemId: 'welcome-mail', title: 'W', dueDate: '2026-08-25', mailDelivered: true },
      },
      ninetyDaySurveyMail(hire, 'invitation', { title: 'S', dueDate: '2026-11-30' }, true),
      ninetyDaySurveyMail(hire, 'reminder', { title: 'S', dueDate: '2026-12-07' }, false),
    );
    expect(state.handled).toEqual([
      'task:accounts-ready:reminder',
      'task:accounts-ready:escalation',
      'welcome-mail:due',
      'survey-invitation:due',
      'survey-reminder:due',
    ]);
    expect(state.completed).toEqual({});
    expect(state.plan).toEqual(fresh().plan);
  });

  it('records an action once, however often it is told', () => {
    const state = folded({ type: 'TaskReminderSent', data: sent }, { type: 'TaskReminderSent', data: sent });
    expect(state.handled).toEqual(['task:accounts-ready:reminder']);
  });

  it('marks both survey mails handled once the link is spent, and only once', () => {
    const spent: JourneyEvent = { type: 'SurveyTokenSpent', data: { ...hire, survey: 'ninety-days' } };
    const state = folded(spent, spent);
    expect(state.handled).toEqual(['survey-invitation:due', 'survey-reminder:due']);
    expect(state.surveyTokenSpent).toBe(true);
  });
});

describe('tasks the journey opens itself', () => {
  const opened = (dueDate: string, title = 'Zoek een mentor'): JourneyEvent => ({
    type: 'TaskOpened',
    data: { ...hire, itemId: 'adhoc:find-mentor', title, dueDate, ownerRole: 'manager' },
  });

  it('are due on their day and escalate a week later, with only the task’s own fields', () => {
    expect(ADHOC_ESCALATION_DAYS).toBe(7);
    expect(folded(opened('2026-08-28')).adhoc).toEqual([
      {
        id: 'adhoc:find-mentor',
        title: 'Zoek een mentor',
        ownerRole: 'manager',
        dueDate: '2026-08-28',
        escalationDate: '2026-09-04',
      },
    ]);
  });

  it('replace an earlier task of the same id and keep the others', () => {
    const exit: JourneyEvent = {
      type: 'ExitInterviewRequested',
      data: { ...hire, itemId: EXIT_INTERVIEW_TASK_ID, ownerRole: 'hr', dueDate: '2027-01-31', mailDelivered: true },
    };
    const state = folded(opened('2026-08-28'), exit, opened('2026-09-10', 'Opnieuw'));
    expect(state.adhoc.map((task) => [task.id, task.title, task.dueDate])).toEqual([
      [EXIT_INTERVIEW_TASK_ID, EXIT_INTERVIEW_TITLE, '2027-01-31'],
      ['adhoc:find-mentor', 'Opnieuw', '2026-09-10'],
    ]);
  });
});

describe('completion', () => {
  it('records who completed a task or milestone and on which day', () => {
    const state = folded(
      { type: 'TaskCompleted', data: { ...hire, itemId: 'task:accounts-ready' } },
      { type: 'MilestoneCompleted', data: { ...hire, itemId: 'milestone:first-month-without-caseload' } },
    );
    expect(state.completed).toEqual({
      'task:accounts-ready': { by: 'manager:bram', on: '2026-08-10' },
      'milestone:first-month-without-caseload': { by: 'manager:bram', on: '2026-08-10' },
    });
  });

  it('keeps the first completion: done is done', () => {
    const done: JourneyEvent = { type: 'TaskCompleted', data: { ...hire, itemId: 'task:accounts-ready' } };
    const first = evolve(fresh(), done, meta);
    const again = evolve(first, done, { actor: 'hr:anne', on: '2026-08-20' });
    expect(again).toBe(first);
    expect(again.completed['task:accounts-ready']).toEqual({ by: 'manager:bram', on: '2026-08-10' });
  });

  it('adds cancelled items to those cancelled before', () => {
    const state = folded(
      { type: 'OpenTasksCancelled', data: { ...hire, itemIds: ['task:a'], reason: 'withdrawn' } },
      { type: 'OpenTasksCancelled', data: { ...hire, itemIds: ['task:b', 'task:c'], reason: 'terminated' } },
    );
    expect(state.cancelled).toEqual(['task:a', 'task:b', 'task:c']);
  });
});

describe('the mentor', () => {
  it('is asked, with the deadline, and every mentor asked is remembered', () => {
    expect(folded(requested('mentor-7')).mentor).toEqual({
      status: 'asked',
      asked: ['mentor-7'],
      askedRef: 'mentor-7',
      answerDeadline: '2026-08-13',
    });
    expect(folded(requested('mentor-7'), requested('mentor-9', '2026-08-20')).mentor).toEqual({
      status: 'asked',
      asked: ['mentor-7', 'mentor-9'],
      askedRef: 'mentor-9',
      answerDeadline: '2026-08-20',
    });
  });

  it.each(['MentorDeclined', 'MentorRequestExpired'] as const)(
    'is searched again after %s, forgetting the request but not who was asked',
    (type) => {
      const state = folded(requested('mentor-7'), { type, data: { ...hire, mentorRef: 'mentor-7' } });
      expect(state.mentor).toEqual({ status: 'searching', asked: ['mentor-7'] });
    },
  );

  it('is not available when the pool has no one left, keeping what was asked', () => {
    const state = folded(requested('mentor-7'), { type: 'MentorNotFound', data: { ...hire, asked: ['mentor-7'] } });
    expect(state.mentor).toEqual({
      status: 'none-available',
      asked: ['mentor-7'],
      askedRef: 'mentor-7',
      answerDeadline: '2026-08-13',
    });
  });

  it('accepts, dropping the open request', () => {
    const state = folded(requested('mentor-7'), {
      type: 'MentorAccepted',
      data: { ...hire, mentorRef: 'mentor-7', hoursPerWeek: 4 },
    });
    expect(state.mentor).toEqual({ status: 'accepted', asked: ['mentor-7'], mentorRef: 'mentor-7' });
  });

  it('ends with the mentorship, a withdrawn request or a withdrawn candidate, keeping the rest', () => {
    const acceptedState = folded(requested('mentor-7'), {
      type: 'MentorAccepted',
      data: { ...hire, mentorRef: 'mentor-7', hoursPerWeek: 4 },
    });
    const ended = evolve(
      acceptedState,
      { type: 'MentorshipEnded', data: { ...hire, mentorRef: 'mentor-7', reason: 'period-ended' } },
      meta,
    );
    expect(ended.mentor).toEqual({ status: 'ended', asked: ['mentor-7'], mentorRef: 'mentor-7' });
    const withdrawn = folded(requested('mentor-7'), {
      type: 'MentorRequestWithdrawn',
      data: { ...hire, mentorRef: 'mentor-7', reason: 'withdrawn' },
    });
    expect(withdrawn.mentor).toEqual({
      status: 'ended',
      asked: ['mentor-7'],
      askedRef: 'mentor-7',
      answerDeadline: '2026-08-13',
    });
    const candidate = folded(requested('mentor-7'), { type: 'CandidateWithdrawn', data: { ...hire } });
    expect(candidate.mentor.status).toBe('ended');
    expect(candidate.cancelled).toEqual([]);
    expect(candidate.outcome).toBeUndefined();
  });

  it('ends with the mentor period, which counts as its due action carried out', () => {
    const state = folded({ type: 'MentorPeriodEnded', data: { ...hire, itemId: 'mentor-period-end' } });
    expect(state.mentor).toEqual({ status: 'ended', asked: [] });
    expect(state.handled).toEqual(['mentor-period-end:due']);
  });
});

describe('the plan', () => {
  it('follows a new start date, dated on the day of the change', () => {
    const state = folded({
      type: 'StartDateChanged',
      data: { ...hire, from: '2026-09-01', to: '2026-10-01', endDate: '2027-10-01' },
    });
    expect(state.plan).toMatchObject({ startDate: '2026-10-01', plannedOn: '2026-08-10', endDate: '2027-10-01' });
    expect(item(state, 'task:accounts-ready')?.dueDate).toBe('2026-09-28');
  });

  it('takes a change of the learning line, dated on the day of the change', () => {
    const state = folded({
      type: 'LearningLineChanged',
      data: {
        ...hire,
        change: { kind: 'move-milestone', milestoneId: 'first-month-without-caseload', dueOffsetDays: 10 },
      },
    });
    expect(item(state, 'milestone:first-month-without-caseload')).toMatchObject({
      dueOffsetDays: 10,
      dueDate: '2026-09-11',
      reminderDate: '2026-09-04',
    });
    expect(state.plan.plannedOn).toBe('2026-08-03');
    // The reminder a week ahead of a day already past when the change was made is dropped.
    const late = evolve(
      fresh(),
      {
        type: 'LearningLineChanged',
        data: {
          ...hire,
          change: { kind: 'move-milestone', milestoneId: 'first-month-without-caseload', dueOffsetDays: 10 },
        },
      },
      { actor: 'hr:anne', on: '2026-09-06' },
    );
    expect(item(late, 'milestone:first-month-without-caseload')).toMatchObject({
      dueDate: '2026-09-11',
      reminderDate: null,
    });
  });

  it('stops on the first day of leave and moves on by its length when it ends', () => {
    const paused = folded({ type: 'LeaveStarted', data: { ...hire, from: '2026-09-10' } });
    expect(paused.plan.pausedSince).toBe('2026-09-10');
    expect(paused.plan.endDate).toBe('2027-09-01');
    const resumed = evolve(
      paused,
      { type: 'LeaveEnded', data: { ...hire, until: '2026-09-20', endDate: '2027-09-11' } },
      meta,
    );
    expect(resumed.plan.pausedSince).toBeNull();
    expect(resumed.plan.pauses).toEqual([{ from: '2026-09-10', until: '2026-09-20', days: 10 }]);
    expect(resumed.plan.endDate).toBe('2027-09-11');
    expect(item(resumed, 'milestone:first-month-without-caseload')?.dueDate).toBe('2026-10-11');
  });
});

describe('leaving', () => {
  it('records the last working day, ends the mentorship and names the exit interview task', () => {
    const state = folded(requested('mentor-7'), {
      type: 'TerminationRegistered',
      data: { ...hire, lastWorkingDay: '2027-01-31' },
    });
    expect(state.leaving).toEqual({ lastWorkingDay: '2027-01-31', exitInterviewTaskId: 'adhoc:exit-interview' });
    expect(state.mentor.status).toBe('ended');
  });

  it('opens the exit interview for its owner, ending it a month after its day', () => {
    expect(EXIT_INTERVIEW_GRACE_DAYS).toBe(30);
    expect(EXIT_INTERVIEW_TITLE).toBe('Voer het exitgesprek en leg de vertrekredenen vast');
    const state = folded({
      type: 'ExitInterviewRequested',
      data: { ...hire, itemId: 'adhoc:exit-interview', ownerRole: 'hr', dueDate: '2027-01-31', mailDelivered: true },
    });
    expect(state.adhoc).toEqual([
      {
        id: 'adhoc:exit-interview',
        title: 'Voer het exitgesprek en leg de vertrekredenen vast',
        ownerRole: 'hr',
        dueDate: '2027-01-31',
        escalationDate: '2027-03-02',
      },
    ]);
  });

  it('completes the exit interview task when it is held', () => {
    const state = folded({
      type: 'ExitInterviewHeld',
      data: { ...hire, reasons: ['workload'], wouldHaveKept: [] },
    });
    expect(state.completed).toEqual({ 'adhoc:exit-interview': { by: 'manager:bram', on: '2026-08-10' } });
  });
});

describe('the end of the journey', () => {
  const asked = () => folded(requested('mentor-7'));

  it('lands: the mentorship ends with it', () => {
    const state = evolve(asked(), { type: 'JourneyEnded', data: { ...hire, outcome: 'landed' } }, meta);
    expect(state.outcome).toBe('landed');
    expect(state.mentor.status).toBe('ended');
    expect(state.handled).toEqual([]);
  });

  it.each(['left', 'withdrawn'] as const)('ends as %s, leaving the mentor as it was', (outcome) => {
    const state = evolve(asked(), { type: 'JourneyEnded', data: { ...hire, outcome } }, meta);
    expect(state.outcome).toBe(outcome);
    expect(state.mentor.status).toBe('asked');
  });

  it('marks the exit interview escalation handled when it ends without one', () => {
    const state = evolve(
      asked(),
      { type: 'JourneyEnded', data: { ...hire, outcome: 'left', exitInterview: 'not-held' } },
      meta,
    );
    expect(state.handled).toEqual(['adhoc:exit-interview:escalation']);
  });
});

describe('facts that change nothing', () => {
  it.each<JourneyEvent>([
    { type: 'HireRegistered', data: { ...hire, startDate: '2026-09-01', role: 'Jeugdzorgwerker' } },
    { type: 'JourneyStarted', data: { ...hire, startDate: '2026-09-01' } },
    {
      type: 'MentorWelcomeMailSent',
      data: { ...hire, mentorRef: 'mentor-7', coffeeMoment: '2026-08-27', mailDelivered: true },
    },
  ])('$type leaves the state as it is', (event) => {
    const state = fresh();
    expect(evolve(state, event, meta)).toBe(state);
  });
});

describe('evolveAll', () => {
  it('folds the events in order, and no events is the state itself', () => {
    const state = fresh();
    expect(evolveAll(state, [], meta)).toBe(state);
    const folded = evolveAll(state, [requested('mentor-7'), requested('mentor-9')], meta);
    expect(folded.mentor.askedRef).toBe('mentor-9');
  });
});
