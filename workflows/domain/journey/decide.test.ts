/**
 * Every rule of the journey in given/when/then form, without Temporal: given the events recorded so far, when a
 * command or the clock arrives on a day, then these events are recorded, or the command is rejected.
 */
import { findMentorTaskEvents } from '../../../test/support/findMentorTaskEvents';
import { RIVIERENLAND_PLAN_ITEM_IDS } from '../../../test/support/rivierenlandPlanItems';
import { rivierenlandTemplate } from '../defaultTemplates';
import type { JourneyTemplate } from '../journeyTemplate';
import { COMPLIANCE_ITEM_IDS } from '../youthCareCompliance';
import type { HireJourneyInput } from '../../hireJourneyContract';
import {
  type ClockTick,
  type Decision,
  type JourneyCommand,
  type RejectionCode,
  decide,
  isRejection,
  nextDueStep,
} from './decide';
import type { JourneyEvent } from './events';
import { evolve, initialJourneyState } from './evolve';
import { EXIT_INTERVIEW_TASK_ID, FIND_MENTOR_TASK_ID, type JourneyState } from './state';

const organisationId = 'jeugdzorg-rivierenland';
const hireId = 'h-0042';
const hire = { organisationId, hireId };
const registeredOn = '2026-08-03';
const input: HireJourneyInput = {
  ...hire,
  startDate: '2026-09-01',
  role: 'Jeugdzorgwerker',
  team: 'wijkteam-noord',
  actor: 'hr:anne',
  registrationFingerprint: 'f',
};
/** The rules here are the clock's and the commands'; the compliance steps and their gates are gates.test.ts's. */
const withoutComplianceSteps = (source: JourneyTemplate): JourneyTemplate => ({
  ...source,
  preboardingTasks: source.preboardingTasks.filter((task) => !COMPLIANCE_ITEM_IDS.includes(task.id)),
  milestones: source.milestones.filter((milestone) => !COMPLIANCE_ITEM_IDS.includes(milestone.id)),
});
const template = withoutComplianceSteps({ ...rivierenlandTemplate, organisationId });
const actor = 'hr:anne';
const fresh = (): JourneyState => initialJourneyState(input, 'hire-journey:x', template, registeredOn);

/** A recorded event with the day it was recorded; plain events count as recorded on the day of registration. */
type Given = JourneyEvent | { readonly event: JourneyEvent; readonly on: string };
const started = (): JourneyEvent[] => events(decide(fresh(), { kind: 'StartJourney' }, registeredOn));
const asked = (mentorRef = 'mentor-7'): JourneyEvent => ({
  type: 'MentorRequested',
  data: { ...hire, mentorRef, answerDeadline: '2026-08-06', hoursPerWeek: 5 },
});
const accepted = (mentorRef = 'mentor-7'): JourneyEvent => ({
  type: 'MentorAccepted',
  data: { ...hire, mentorRef, hoursPerWeek: 5 },
});
/** Mentor-7 says yes to the request, with what else the answer carries. */
const acceptance = (
  more: Omit<Extract<JourneyCommand, { kind: 'AnswerMentorRequest' }>, 'kind' | 'mentorRef' | 'accept' | 'actor'> = {},
): JourneyCommand => ({
  kind: 'AnswerMentorRequest',
  mentorRef: 'mentor-7',
  accept: true,
  actor: 'mentor-7',
  ...more,
});
/** Every task, the welcome card and every milestone of the template completed. */
const allDone = (): JourneyEvent[] =>
  RIVIERENLAND_PLAN_ITEM_IDS.map((itemId) => ({ type: 'TaskCompleted', data: { ...hire, itemId } }));

function events(decision: Decision): JourneyEvent[] {
  if (isRejection(decision)) throw new Error(`rejected: ${decision.message}`);
  return [...decision.events];
}

function given(...history: Given[]) {
  const state = history.reduce<JourneyState>((current, entry) => {
    const { event, on } = 'event' in entry ? entry : { event: entry, on: registeredOn };
    return evolve(current, event, { actor, on });
  }, fresh());
  return {
    state,
    when(command: JourneyCommand | ClockTick, on: string) {
      const decision = decide(state, command, on);
      return {
        decision,
        then: (...expected: JourneyEvent[]) => expect(decision).toEqual({ events: expected }),
        thenNothing: () => expect(decision).toEqual({ events: [] }),
        rejected: (code: RejectionCode, message?: RegExp) => {
          expect(isRejection(decision) && decision.rejected).toBe(code);
          if (message && isRejection(decision)) expect(decision.message).toMatch(message);
        },
      };
    },
  };
}

describe('starting the journey', () => {
  it('records the hire and the dated plan from the template', () => {
    const [registered, journeyStarted] = started();
    expect(registered).toEqual({
      type: 'HireRegistered',
      data: { ...hire, startDate: '2026-09-01', role: 'Jeugdzorgwerker', team: 'wijkteam-noord' },
    });
    expect(journeyStarted).toMatchObject({
      type: 'JourneyStarted',
      data: {
        ...hire,
        startDate: '2026-09-01',
        templateId: 'rivierenland-team',
        templateVersion: 1,
        endDate: '2027-09-01',
      },
    });
    if (journeyStarted?.type !== 'JourneyStarted') throw new Error('JourneyStarted expected');
    expect(journeyStarted.data.items).toContainEqual({
      id: 'welcome-mail',
      title: 'Digitale welkomstmail',
      titleEn: 'Digital welcome mail',
      kind: 'welcome-mail',
      ownerRole: null,
      dueDate: '2026-08-25',
    });
  });

  it('asks the mentor the pool proposes, with the template’s answer window', () => {
    given(...started())
      .when({ kind: 'RecordMentorSearch', candidate: 'mentor-7' }, registeredOn)
      .then(asked());
  });

  it('opens a task for the manager when the pool has no one', () => {
    given(...started(), asked('mentor-7'), { type: 'MentorDeclined', data: { ...hire, mentorRef: 'mentor-7' } })
      .when({ kind: 'RecordMentorSearch', candidate: null }, '2026-08-04')
      .then(
        { type: 'MentorNotFound', data: { ...hire, asked: ['mentor-7'] } },
        {
          type: 'TaskOpened',
          data: {
            ...hire,
            itemId: FIND_MENTOR_TASK_ID,
            title: expect.stringContaining('mentor') as unknown as string,
            ownerRole: 'manager',
            dueDate: '2026-08-11',
          },
        },
      );
  });
});

describe('completing a task or milestone', () => {
  it('records a task as completed', () => {
    given(...started())
      .when({ kind: 'CompleteItem', itemId: 'task:accounts-ready', actor }, '2026-08-20')
      .then({ type: 'TaskCompleted', data: { ...hire, itemId: 'task:accounts-ready' } });
  });
  it('records a milestone as a milestone', () => {
    given(...started())
      .when({ kind: 'CompleteItem', itemId: 'milestone:first-month-without-caseload', actor }, '2026-10-01')
      .then({ type: 'MilestoneCompleted', data: { ...hire, itemId: 'milestone:first-month-without-caseload' } });
  });
  it('completes a task the journey opened itself', () => {
    given(...started(), {
      type: 'TaskOpened',
      data: { ...hire, itemId: FIND_MENTOR_TASK_ID, title: 'Zoek', ownerRole: 'manager', dueDate: '2026-08-11' },
    })
      .when({ kind: 'CompleteItem', itemId: FIND_MENTOR_TASK_ID, actor }, '2026-08-05')
      .then({ type: 'TaskCompleted', data: { ...hire, itemId: FIND_MENTOR_TASK_ID } });
  });
  it('rejects an item the journey does not have, and one the system does itself', () => {
    given(...started())
      .when({ kind: 'CompleteItem', itemId: 'task:nope', actor }, '2026-08-20')
      .rejected('unknown-item', /task:nope/);
    given(...started())
      .when({ kind: 'CompleteItem', itemId: 'welcome-mail', actor }, '2026-08-20')
      .rejected('unknown-item');
  });
  it('rejects completing it twice, or after it was cancelled', () => {
    const done: JourneyEvent = { type: 'TaskCompleted', data: { ...hire, itemId: 'task:accounts-ready' } };
    given(...started(), done)
      .when({ kind: 'CompleteItem', itemId: 'task:accounts-ready', actor }, '2026-08-20')
      .rejected('item-closed');
    const cancelled: JourneyEvent = {
      type: 'OpenTasksCancelled',
      data: { ...hire, itemIds: ['task:accounts-ready'], reason: 'withdrawn' },
    };
    given(...started(), cancelled)
      .when({ kind: 'CompleteItem', itemId: 'task:accounts-ready', actor }, '2026-08-20')
      .rejected('item-closed');
  });
  it('rejects the exit interview as a loose task', () => {
    given(...started(), ...terminated())
      .when({ kind: 'CompleteItem', itemId: EXIT_INTERVIEW_TASK_ID, actor }, '2026-10-10')
      .rejected('hire-leaving');
  });
});

describe('answering the mentor request', () => {
  it('records a decline', () => {
    given(...started(), asked())
      .when({ kind: 'AnswerMentorRequest', mentorRef: 'mentor-7', accept: false, actor: 'mentor-7' }, '2026-08-04')
      .then({
        type: 'MentorDeclined',
        data: { ...hire, mentorRef: 'mentor-7' },
      });
  });
  it('records an acceptance and the welcome mail with the coffee moment from the plan', () => {
    given(...started(), asked())
      .when(acceptance({ welcomeMailDelivered: true }), '2026-08-04')
      .then(accepted(), {
        type: 'MentorWelcomeMailSent',
        data: { ...hire, mentorRef: 'mentor-7', coffeeMoment: '2026-08-27', mailDelivered: true },
      });
  });
  it('moves a coffee moment that has passed to tomorrow', () => {
    const decision = given(...started(), asked()).when(acceptance(), '2026-08-28').decision;
    expect(events(decision)[1]).toMatchObject({
      type: 'MentorWelcomeMailSent',
      data: { coffeeMoment: '2026-08-29', mailDelivered: false },
    });
  });
  it('records the coffee moment the mentor chose and that they wrote an introduction, but not its text', () => {
    const decision = given(...started(), asked()).when(
      acceptance({
        coffeeMoment: { date: '2026-08-20', time: '14:30', durationMinutes: 45 },
        introductionWritten: true,
        welcomeMailDelivered: true,
      }),
      '2026-08-04',
    ).decision;
    expect(events(decision)).toEqual([
      {
        type: 'MentorAccepted',
        data: { ...hire, mentorRef: 'mentor-7', hoursPerWeek: template.mentor.hoursPerWeek, introductionWritten: true },
      },
      {
        type: 'MentorWelcomeMailSent',
        data: {
          ...hire,
          mentorRef: 'mentor-7',
          coffeeMoment: '2026-08-20',
          coffeeTime: '14:30',
          coffeeMinutes: 45,
          mailDelivered: true,
        },
      },
    ]);
  });
  it('rejects a chosen coffee moment on a day that has passed', () => {
    given(...started(), asked())
      .when(acceptance({ coffeeMoment: { date: '2026-08-03', time: '10:00', durationMinutes: 30 } }), '2026-08-04')
      .rejected('coffee-moment-in-the-past');
    // Today has not passed: a coffee later the same day is a choice the mentor may make.
    const today = given(...started(), asked()).when(
      acceptance({ coffeeMoment: { date: '2026-08-04', time: '16:00', durationMinutes: 30 } }),
      '2026-08-04',
    ).decision;
    expect(events(today).map((event) => event.type)).toEqual(['MentorAccepted', 'MentorWelcomeMailSent']);
  });
  it('rejects an answer from a mentor who is not asked', () => {
    given(...started(), asked())
      .when({ kind: 'AnswerMentorRequest', mentorRef: 'mentor-8', accept: true, actor: 'mentor-8' }, '2026-08-04')
      .rejected('mentor-not-asked');
    given(...started())
      .when(acceptance(), '2026-08-04')
      .rejected('mentor-not-asked');
  });
});

describe('the next due step', () => {
  it('is the expired mentor request once its deadline has come, and none once the journey ended', () => {
    const open = given(...started(), asked());
    expect(nextDueStep(open.state, '2026-08-05')).toBeUndefined();
    expect(nextDueStep(open.state, '2026-08-06')).toEqual({ step: 'mentor-request-expired', mentorRef: 'mentor-7' });
    // Journeys recorded before the end withdrew an open request left it asked; an ended journey has no step.
    const ended = given(...started(), asked(), { type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } });
    expect(nextDueStep(ended.state, '2026-08-10')).toBeUndefined();
  });
});

describe('logging a meeting of mentor and new hire', () => {
  const meeting = (on: string, minutes = 45): JourneyCommand => ({
    kind: 'LogMentorMeeting',
    on,
    minutes,
    loggedBy: 'mentor',
    actor: 'mentor-7',
  });
  it('records the day and minutes with the mentor who accepted, nothing of what was said', () => {
    given(...started(), asked(), accepted())
      .when(meeting('2026-09-10'), '2026-09-11')
      .then({
        type: 'MentorMeetingLogged',
        data: { ...hire, mentorRef: 'mentor-7', on: '2026-09-10', minutes: 45, loggedBy: 'mentor' },
      });
  });
  it('rejects a meeting without a mentor, on a day still to come, or of an impossible length', () => {
    given(...started(), asked())
      .when(meeting('2026-09-10'), '2026-09-11')
      .rejected('no-mentor');
    given(...started(), asked(), accepted())
      .when(meeting('2026-09-12'), '2026-09-11')
      .rejected('meeting-in-the-future');
    given(...started(), asked(), accepted())
      .when(meeting('2026-09-10', 600), '2026-09-11')
      .rejected('invalid-meeting-length');
  });
  it('takes a meeting held today, and every whole length from 5 minutes to 8 hours, nothing outside', () => {
    const withMentor = given(...started(), asked(), accepted());
    withMentor.when(meeting('2026-09-11'), '2026-09-11').then({
      type: 'MentorMeetingLogged',
      data: { ...hire, mentorRef: 'mentor-7', on: '2026-09-11', minutes: 45, loggedBy: 'mentor' },
    });
    for (const minutes of [5, 480]) {
      withMentor.when(meeting('2026-09-10', minutes), '2026-09-11').then({
        type: 'MentorMeetingLogged',
        data: { ...hire, mentorRef: 'mentor-7', on: '2026-09-10', minutes, loggedBy: 'mentor' },
      });
    }
    for (const minutes of [4, 481, 30.5, 0, -45]) {
      withMentor.when(meeting('2026-09-10', minutes), '2026-09-11').rejected('invalid-meeting-length');
    }
  });
  it('rejects a meeting on what is not a date, and any meeting once the journey ended, even with a mentor', () => {
    given(...started(), asked(), accepted())
      .when(meeting('10-09-2026'), '2026-09-11')
      .rejected('not-a-date');
    given(...started(), asked(), accepted(), { type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } })
      .when(meeting('2026-09-10'), '2026-09-11')
      .rejected('journey-ended');
  });
});

describe('changing the start date', () => {
  it('records the move with the new end date', () => {
    given(...started())
      .when({ kind: 'ChangeStartDate', startDate: '2026-09-15', actor }, '2026-08-10')
      .then({
        type: 'StartDateChanged',
        data: { ...hire, from: '2026-09-01', to: '2026-09-15', endDate: '2027-09-15' },
      });
  });
  it('records nothing for the same date', () => {
    given(...started())
      .when({ kind: 'ChangeStartDate', startDate: '2026-09-01', actor }, '2026-08-10')
      .thenNothing();
  });
  it('rejects a change once the hire has started, a non-date and a date outside the planning window', () => {
    given(...started())
      .when({ kind: 'ChangeStartDate', startDate: '2026-09-15', actor }, '2026-09-01')
      .rejected('hire-started');
    given(...started())
      .when({ kind: 'ChangeStartDate', startDate: '15-09-2026', actor }, '2026-08-10')
      .rejected('not-a-date', /JJJJ-MM-DD/);
    given(...started())
      .when({ kind: 'ChangeStartDate', startDate: '2039-09-15', actor }, '2026-08-10')
      .rejected('outside-planning-window', /venster/);
  });
});

describe('withdrawal before day one', () => {
  it('cancels open work, ends the mentorship and ends the journey', () => {
    const done: JourneyEvent = {
      type: 'TaskCompleted',
      data: { ...hire, itemId: 'task:read-cv-and-ask-interviewers' },
    };
    given(...started(), asked(), accepted(), done)
      .when({ kind: 'WithdrawCandidate', reason: 'andere baan', actor }, '2026-08-20')
      .then(
        {
          type: 'OpenTasksCancelled',
          data: {
            ...hire,
            // Everything but the completed task, in plan order.
            itemIds: RIVIERENLAND_PLAN_ITEM_IDS.slice(1),
            reason: 'withdrawn',
          },
        },
        { type: 'MentorshipEnded', data: { ...hire, mentorRef: 'mentor-7', reason: 'journey-ended' } },
        { type: 'CandidateWithdrawn', data: { ...hire, reason: 'andere baan' } },
        { type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } },
      );
  });
  it('withdraws an open mentor request, so the asked mentor is not left waiting', () => {
    given(...started(), asked())
      .when({ kind: 'WithdrawCandidate', actor }, '2026-08-05')
      .then(
        expect.objectContaining({ type: 'OpenTasksCancelled' }),
        { type: 'MentorRequestWithdrawn', data: { ...hire, mentorRef: 'mentor-7', reason: 'withdrawn' } },
        { type: 'CandidateWithdrawn', data: { ...hire } },
        { type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } },
      );
    const { state } = given(...started(), asked(), {
      type: 'MentorRequestWithdrawn',
      data: { ...hire, mentorRef: 'mentor-7', reason: 'withdrawn' },
    });
    expect(state.mentor.status).toBe('ended');
  });
  it('rejects a withdrawal once the hire has started, and any command after the journey ended', () => {
    given(...started())
      .when({ kind: 'WithdrawCandidate', actor }, '2026-09-01')
      .rejected('hire-started', /uitdiensttreding/);
    const ended = given(...started()).when({ kind: 'WithdrawCandidate', actor }, '2026-08-20').decision;
    given(...started(), ...events(ended))
      .when({ kind: 'StartLeave', from: '2026-08-21', actor }, '2026-08-21')
      .rejected('journey-ended');
  });
});

function terminated(lastWorkingDay = '2026-10-31'): JourneyEvent[] {
  return [
    { type: 'TerminationRegistered', data: { ...hire, lastWorkingDay } },
    {
      type: 'ExitInterviewRequested',
      data: { ...hire, itemId: EXIT_INTERVIEW_TASK_ID, ownerRole: 'hr', dueDate: lastWorkingDay, mailDelivered: true },
    },
  ];
}

describe('termination and the exit interview', () => {
  it('records the termination and asks HR for the exit interview on the last working day', () => {
    given(...started(), ...allDone())
      .when({ kind: 'RegisterTermination', lastWorkingDay: '2026-10-31', actor, exitMailDelivered: true }, '2026-10-01')
      .then(...terminated('2026-10-31'));
  });
  it('dates the exit interview today when the last working day has passed', () => {
    const decision = given(...started()).when(
      { kind: 'RegisterTermination', lastWorkingDay: '2026-09-30', actor },
      '2026-10-05',
    ).decision;
    expect(events(decision).at(-1)).toMatchObject({
      type: 'ExitInterviewRequested',
      data: { dueDate: '2026-10-05', mailDelivered: false },
    });
  });
  it('ends an open mentor request with the journey, so no view keeps saying "asked"', () => {
    const { state } = given(...started(), asked(), ...terminated());
    expect(state.mentor.status).toBe('ended');
    const decision = given(...started(), asked()).when(
      { kind: 'RegisterTermination', lastWorkingDay: '2026-10-31', actor },
      '2026-10-01',
    ).decision;
    expect(events(decision).map((event) => event.type)).not.toContain('MentorshipEnded');
    expect(events(decision)).toContainEqual({
      type: 'MentorRequestWithdrawn',
      data: { ...hire, mentorRef: 'mentor-7', reason: 'terminated' },
    });
  });
  it('rejects a last working day that is no date, and a second termination', () => {
    given(...started())
      .when({ kind: 'RegisterTermination', lastWorkingDay: 'morgen', actor }, '2026-10-01')
      .rejected('not-a-date');
    given(...started(), ...terminated())
      .when({ kind: 'RegisterTermination', lastWorkingDay: '2026-11-30', actor }, '2026-10-02')
      .rejected('hire-leaving');
  });
  it('records the exit interview as reason codes and ends the journey as left', () => {
    given(...started(), ...terminated())
      .when({ kind: 'RecordExitInterview', reasons: ['workload'], wouldHaveKept: [], actor }, '2026-10-20')
      .then(
        { type: 'ExitInterviewHeld', data: { ...hire, reasons: ['workload'], wouldHaveKept: [] } },
        { type: 'JourneyEnded', data: { ...hire, outcome: 'left' } },
      );
  });
  it('rejects an exit interview without a termination, and reasons outside the taxonomy', () => {
    given(...started())
      .when({ kind: 'RecordExitInterview', reasons: ['workload'], wouldHaveKept: [], actor }, '2026-10-20')
      .rejected('not-leaving');
    given(...started(), ...terminated())
      .when({ kind: 'RecordExitInterview', reasons: [] as never[], wouldHaveKept: [], actor }, '2026-10-20')
      .rejected('invalid-exit-reasons', /minstens één/);
  });
});

describe('the learning line', () => {
  it('records a change the plan can take', () => {
    const change = { kind: 'move-milestone', milestoneId: 'caseload-build-up-check', dueOffsetDays: 120 } as const;
    given(...started())
      .when({ kind: 'ChangeLearningLine', change, actor }, '2026-09-10')
      .then({ type: 'LearningLineChanged', data: { ...hire, change } });
  });
  it('rejects a change the plan cannot take', () => {
    given(...started())
      .when(
        { kind: 'ChangeLearningLine', change: { kind: 'drop-milestone', milestoneId: 'nope' }, actor },
        '2026-09-10',
      )
      .rejected('invalid-learning-line-change');
  });
});

describe('leave', () => {
  const onLeave: JourneyEvent = { type: 'LeaveStarted', data: { ...hire, from: '2026-10-01' } };
  it('records the first day of leave', () => {
    given(...started())
      .when({ kind: 'StartLeave', from: '2026-10-01', actor }, '2026-09-20')
      .then(onLeave);
  });
  it('records the end of leave with the end date moved by its length', () => {
    given(...started(), onLeave)
      .when({ kind: 'EndLeave', until: '2026-10-31', actor }, '2026-10-31')
      .then({ type: 'LeaveEnded', data: { ...hire, until: '2026-10-31', endDate: '2027-10-01' } });
  });
  it('rejects a second leave, an end without a leave, and an end before it began', () => {
    given(...started(), onLeave)
      .when({ kind: 'StartLeave', from: '2026-10-05', actor }, '2026-10-05')
      .rejected('already-on-leave', /2026-10-01/);
    given(...started())
      .when({ kind: 'EndLeave', until: '2026-10-31', actor }, '2026-10-31')
      .rejected('not-on-leave');
    given(...started(), onLeave)
      .when({ kind: 'EndLeave', until: '2026-09-30', actor }, '2026-10-31')
      .rejected('not-a-date', /op of na 2026-10-01/);
  });
  it('stops the clock while on leave', () => {
    given(...started(), onLeave)
      .when({ kind: 'Tick' }, '2026-11-30')
      .thenNothing();
  });
});

describe('the clock', () => {
  it('does nothing before the first reminder', () => {
    given(...started())
      .when({ kind: 'Tick' }, '2026-08-15')
      .thenNothing();
  });
  it('sends the reminder, then the escalation, of a task left open', () => {
    const item = {
      ...hire,
      itemId: 'task:read-cv-and-ask-interviewers',
      title: expect.any(String) as unknown as string,
      dueDate: '2026-08-18',
      ownerRole: 'manager' as const,
    };
    const reminded: JourneyEvent = { type: 'TaskReminderSent', data: { ...item, mailDelivered: true } };
    given(...started())
      .when({ kind: 'Tick', mailDelivered: true }, '2026-08-16')
      .then(reminded);
    given(...started(), reminded)
      .when({ kind: 'Tick' }, '2026-08-17')
      .thenNothing();
    given(...started(), reminded)
      .when({ kind: 'Tick' }, '2026-08-21')
      .then({ type: 'TaskEscalated', data: { ...item, mailDelivered: false } });
  });
  it('sends no reminder for a task already done', () => {
    given(...started(), { type: 'TaskCompleted', data: { ...hire, itemId: 'task:read-cv-and-ask-interviewers' } })
      .when({ kind: 'Tick' }, '2026-08-16')
      .thenNothing();
  });
  it('lets a mentor request lapse on its deadline', () => {
    given(...started(), asked())
      .when({ kind: 'Tick' }, '2026-08-06')
      .then({ type: 'MentorRequestExpired', data: { ...hire, mentorRef: 'mentor-7' } });
  });
  it('escalates the manager’s mentor search a week after it was due', () => {
    const { opened, escalated } = findMentorTaskEvents(hire);
    const { state } = given(...started(), opened);
    expect(nextDueStep(state, '2026-08-10')).toBeUndefined();
    given(...started(), opened)
      .when({ kind: 'Tick' }, '2026-08-11')
      .then(escalated);
  });
  it('sends the welcome mail and the survey on their day', () => {
    const handledUpTo = (day: string) => {
      let history: JourneyEvent[] = started();
      for (;;) {
        const next = events(decide(given(...history).state, { kind: 'Tick', mailDelivered: true }, day));
        if (next.length === 0) return history;
        history = [...history, ...next];
      }
    };
    const types = handledUpTo('2026-12-07').map((event) => event.type);
    expect(types).toContain('WelcomeMailSent');
    expect(types.filter((type) => type === 'SurveyInvitationSent')).toHaveLength(1);
    expect(types.filter((type) => type === 'SurveyReminderSent')).toHaveLength(1);
    expect(types).not.toContain('JourneyEnded');
  });
  it('ends a journey without exit interview a month after the last working day', () => {
    given(...started(), ...terminated('2026-10-31'))
      .when({ kind: 'Tick' }, '2026-11-29')
      .thenNothing();
    given(...started(), ...terminated('2026-10-31'))
      .when({ kind: 'Tick' }, '2026-11-30')
      .then({ type: 'JourneyEnded', data: { ...hire, outcome: 'left', exitInterview: 'not-held' } });
  });
  it('lands the journey at the end of the programme, ending the mentorship first', () => {
    const past = ['welcome-mail', 'survey-invitation', 'survey-reminder'].map(
      (itemId): JourneyEvent => ({
        type: 'WelcomeMailSent',
        data: { ...hire, itemId, title: '', dueDate: '2026-08-25', mailDelivered: true },
      }),
    );
    const mentorPeriodEnded: JourneyEvent = {
      type: 'MentorshipEnded',
      data: { ...hire, mentorRef: 'mentor-7', reason: 'period-ended' },
    };
    given(...started(), asked(), accepted(), ...allDone(), ...past)
      .when({ kind: 'Tick' }, '2027-09-01')
      .then(mentorPeriodEnded);
    const ended = given(...started(), asked(), accepted(), ...allDone(), ...past, mentorPeriodEnded);
    expect(ended.state.mentor.status).toBe('ended');
    ended.when({ kind: 'Tick' }, '2027-09-01').then({ type: 'JourneyEnded', data: { ...hire, outcome: 'landed' } });
  });
});

describe('the clock at the end of the mentor period', () => {
  const mentorPeriodEnd = given(...started()).state.plan.items.find((item) => item.kind === 'mentor-period-end')!;
  /** Every step the clock makes due up to `day`, each recorded before the next is decided. */
  const clockUpTo = (history: JourneyEvent[], day: string): JourneyEvent[] => {
    const recorded: JourneyEvent[] = [];
    for (;;) {
      const next = events(decide(given(...history, ...recorded).state, { kind: 'Tick' }, day));
      if (next.length === 0) return recorded;
      recorded.push(...next);
    }
  };
  // In this template the programme ends on the same day; only the mentoring events are looked at.
  const mentoring = (recorded: JourneyEvent[]) => recorded.filter((event) => event.type.startsWith('Mentor'));
  const stillAsked: JourneyEvent = {
    type: 'MentorRequested',
    data: { ...hire, mentorRef: 'mentor-7', answerDeadline: '2028-01-01', hoursPerWeek: 5 },
  };
  const periodEnded: JourneyEvent = { type: 'MentorPeriodEnded', data: { ...hire, itemId: mentorPeriodEnd.id } };

  it('withdraws a request still open and records that the period ended without a mentor', () => {
    const recorded = clockUpTo([...started(), stillAsked], mentorPeriodEnd.dueDate);
    expect(mentoring(recorded)).toEqual([
      { type: 'MentorRequestWithdrawn', data: { ...hire, mentorRef: 'mentor-7', reason: 'mentor-period-ended' } },
      periodEnded,
    ]);
    const { state } = given(...started(), stillAsked, ...recorded);
    expect(state.mentor.status).toBe('ended');
    expect(nextDueStep(state, mentorPeriodEnd.dueDate)).toBeUndefined();
  });
  it('records the end of the period when the pool had no one', () => {
    const notFound: JourneyEvent = { type: 'MentorNotFound', data: { ...hire, asked: [] } };
    const recorded = clockUpTo([...started(), notFound], mentorPeriodEnd.dueDate);
    expect(mentoring(recorded)).toEqual([periodEnded]);
    expect(given(...started(), notFound, ...recorded).state.mentor.status).toBe('ended');
  });
  it('ends an accepted mentorship as before, without the period event', () => {
    const recorded = clockUpTo([...started(), stillAsked, accepted()], mentorPeriodEnd.dueDate);
    expect(mentoring(recorded)).toEqual([
      { type: 'MentorshipEnded', data: { ...hire, mentorRef: 'mentor-7', reason: 'period-ended' } },
    ]);
  });
  it('records nothing on the coffee moment itself: the welcome mail proposed it', () => {
    const coffee = given(...started()).state.plan.items.find((item) => item.kind === 'mentor-coffee-moment')!;
    const before = clockUpTo([...started(), stillAsked, accepted()], addDaysTo(coffee.dueDate, -1));
    const onTheDay = clockUpTo([...started(), stillAsked, accepted(), ...before], coffee.dueDate);
    expect(onTheDay.filter((event) => 'itemId' in event.data && event.data.itemId === coffee.id)).toEqual([]);
  });
});

function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the survey link', () => {
  const spent: JourneyEvent = { type: 'SurveyTokenSpent', data: { ...hire, survey: 'ninety-days' } };
  it('records that the hire answered, never what', () => {
    given(...started())
      .when({ kind: 'SpendSurveyToken' }, '2026-12-01')
      .then(spent);
  });
  it('sends who answered no reminder', () => {
    const { state } = given(...started(), spent);
    expect(state.handled).toContain('survey-reminder:due');
  });
  it('records the spent link once, however often the survey says so', () => {
    given(...started(), spent)
      .when({ kind: 'SpendSurveyToken' }, '2026-12-02')
      .thenNothing();
  });
  it('records the spent link when the survey mail finds it spent before the signal came', () => {
    const reminder = given(...started()).state.plan.items.find((item) => item.kind === 'survey-reminder')!;
    const history = [...started()];
    let state = given(...history).state;
    // Every step before the reminder, with mails delivered, so the reminder is the step due.
    for (let step = nextDueStep(state, reminder.dueDate); step; step = nextDueStep(state, reminder.dueDate)) {
      if (step.step === 'plan' && step.action.itemId === reminder.id) break;
      history.push(...events(decide(state, { kind: 'Tick', mailDelivered: true }, reminder.dueDate)));
      state = given(...history).state;
    }
    given(...history)
      .when({ kind: 'Tick', surveyAnswered: true }, reminder.dueDate)
      .then(spent);
  });
});

describe("the team's welcome", () => {
  const messageId = '7d9f3c1e-2b4a-4c6d-8e0f-1a2b3c4d5e6f';
  const written: JourneyEvent = { type: 'TeamWelcomeWritten', data: { ...hire, messageId } };
  it('records that a colleague wrote, by the message id only', () => {
    given(...started())
      .when({ kind: 'RecordTeamWelcome', messageId }, '2026-12-01')
      .then(written);
  });
  it('records a message once, however often the signal comes', () => {
    given(...started(), written)
      .when({ kind: 'RecordTeamWelcome', messageId }, '2026-12-01')
      .thenNothing();
  });
  it("leaves the team's task open: the team is more than its first writer", () => {
    const { state } = given(...started(), written);
    expect(state.completed['task:team-message-before-day-one']).toBeUndefined();
  });
});
