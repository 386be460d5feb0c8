/**
 * Every command the journey refuses, with its code and the exact Dutch sentence a person reads. decide.test.ts
 * covers which commands are refused; here each refusal is pinned word for word, so a lost or emptied message fails.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import { type ClockTick, type JourneyCommand, decide } from './decide';
import type { JourneyEvent } from './events';
import { evolve, initialJourneyState } from './evolve';
import { rejectionDetails } from './journeyRejections';
import { EXIT_INTERVIEW_TASK_ID, type JourneyState } from './state';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';

const { hire, input } = journeyTestHire('h-0099');
const actor = 'hr:anne';
const template = { ...rivierenlandTemplate, organisationId: hire.organisationId };

function given(...history: JourneyEvent[]): JourneyState {
  return history.reduce(
    (state, event) => evolve(state, event, { actor, on: '2026-08-03' }),
    initialJourneyState(input, 'hire-journey:r', template, '2026-08-03'),
  );
}
/** The code and the Dutch sentence; the values behind it, and their English, are journeyRejections.test.ts's. */
const refusal = (state: JourneyState, command: JourneyCommand | ClockTick, today = '2026-08-10') => {
  const decision = decide(state, command, today);
  return 'rejected' in decision ? { rejected: decision.rejected, message: decision.message } : decision;
};

const terminated: JourneyEvent[] = [
  { type: 'TerminationRegistered', data: { ...hire, lastWorkingDay: '2026-10-31' } },
  {
    type: 'ExitInterviewRequested',
    data: { ...hire, itemId: EXIT_INTERVIEW_TASK_ID, ownerRole: 'hr', dueDate: '2026-10-31', mailDelivered: true },
  },
];
const ended: JourneyEvent = { type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } };
const onLeave: JourneyEvent = { type: 'LeaveStarted', data: { ...hire, from: '2026-10-01' } };

/** One command of each kind a person sends, with the mentor's answer and the last working day given. */
const everyCommand = (options: { readonly accept: boolean; readonly lastWorkingDay: string }): JourneyCommand[] => [
  { kind: 'CompleteItem', itemId: 'task:accounts-ready', actor },
  { kind: 'AnswerMentorRequest', mentorRef: 'm', accept: options.accept, actor },
  { kind: 'ChangeStartDate', startDate: '2026-09-15', actor },
  { kind: 'WithdrawCandidate', actor },
  { kind: 'RegisterTermination', lastWorkingDay: options.lastWorkingDay, actor },
  { kind: 'ChangeLearningLine', change: { kind: 'drop-milestone', milestoneId: 'caseload-build-up-check' }, actor },
  { kind: 'StartLeave', from: '2026-10-01', actor },
  { kind: 'EndLeave', until: '2026-10-02', actor },
];

describe('the journey refuses, in these words', () => {
  it.each(everyCommand({ accept: true, lastWorkingDay: '2026-10-31' }))(
    'any command once the journey ended ($kind)',
    (command) => {
      expect(refusal(given(ended), command)).toEqual({
        rejected: 'journey-ended',
        message: 'Deze reis is al afgesloten.',
      });
    },
  );

  it.each([
    ...everyCommand({ accept: false, lastWorkingDay: '2026-11-30' }),
    { kind: 'CompleteItem', itemId: EXIT_INTERVIEW_TASK_ID, actor } as const,
  ])('anything but the exit interview while the hire leaves: %j', (command) => {
    expect(refusal(given(...terminated), command)).toEqual({
      rejected: 'hire-leaving',
      message: 'Deze medewerker gaat uit dienst; alleen het exitgesprek staat nog open.',
    });
  });

  it('an item the journey does not have, or one nobody does by hand', () => {
    expect(refusal(given(), { kind: 'CompleteItem', itemId: 'task:nope', actor })).toEqual({
      rejected: 'unknown-item',
      message: 'Deze reis heeft geen taak of mijlpaal "task:nope".',
    });
    expect(refusal(given(), { kind: 'CompleteItem', itemId: 'programme-end', actor })).toEqual({
      rejected: 'unknown-item',
      message: 'Deze reis heeft geen taak of mijlpaal "programme-end".',
    });
  });

  it('the exit interview as a loose task, once it is on the journey’s list', () => {
    // An exit interview task on a journey that is not (or no longer) leaving: only the rule about the task speaks.
    const opened: JourneyEvent = {
      type: 'TaskOpened',
      data: { ...hire, itemId: EXIT_INTERVIEW_TASK_ID, title: 'Exitgesprek', ownerRole: 'hr', dueDate: '2026-10-31' },
    };
    expect(refusal(given(opened), { kind: 'CompleteItem', itemId: EXIT_INTERVIEW_TASK_ID, actor })).toEqual({
      rejected: 'exit-interview-is-no-task',
      message: 'Leg het exitgesprek vast met de vertrekredenen, niet als losse taak.',
    });
  });

  it('an item already done or cancelled', () => {
    const done: JourneyEvent = { type: 'TaskCompleted', data: { ...hire, itemId: 'task:accounts-ready' } };
    expect(refusal(given(done), { kind: 'CompleteItem', itemId: 'task:accounts-ready', actor })).toEqual({
      rejected: 'item-closed',
      message: '"task:accounts-ready" is al afgerond of vervallen.',
    });
  });

  it('an answer from a mentor who is not asked', () => {
    const asked: JourneyEvent = {
      type: 'MentorRequested',
      data: { ...hire, mentorRef: 'mentor-7', answerDeadline: '2026-08-13', hoursPerWeek: 4 },
    };
    const message = 'Deze mentor is nu niet gevraagd voor deze nieuwe collega.';
    expect(refusal(given(asked), { kind: 'AnswerMentorRequest', mentorRef: 'mentor-8', accept: true, actor })).toEqual({
      rejected: 'mentor-not-asked',
      message,
    });
    const declined: JourneyEvent = { type: 'MentorDeclined', data: { ...hire, mentorRef: 'mentor-7' } };
    expect(
      refusal(given(asked, declined), { kind: 'AnswerMentorRequest', mentorRef: 'mentor-7', accept: true, actor }),
    ).toEqual({ rejected: 'mentor-not-asked', message });
  });

  it('a new start date once the hire started, on day one itself too', () => {
    for (const today of ['2026-09-01', '2026-09-02']) {
      expect(refusal(given(), { kind: 'ChangeStartDate', startDate: '2026-09-15', actor }, today)).toEqual({
        rejected: 'hire-started',
        message: 'De nieuwe collega is al begonnen; de startdatum ligt vast.',
      });
    }
    expect(refusal(given(), { kind: 'ChangeStartDate', startDate: '2026-09-15', actor }, '2026-08-31')).toEqual({
      events: [
        { type: 'StartDateChanged', data: { ...hire, from: '2026-09-01', to: '2026-09-15', endDate: '2027-09-15' } },
      ],
    });
  });

  it('a withdrawal once the hire started, on day one itself too', () => {
    expect(refusal(given(), { kind: 'WithdrawCandidate', actor }, '2026-09-01')).toEqual({
      rejected: 'hire-started',
      message: 'De nieuwe collega is al begonnen; meld een uitdiensttreding in plaats van een terugtrekking.',
    });
  });

  it('a date that is none, naming what it is for', () => {
    const notADate = (what: string) => ({
      rejected: 'not-a-date',
      message: `${what} moet een datum zijn (JJJJ-MM-DD).`,
    });
    expect(refusal(given(), { kind: 'ChangeStartDate', startDate: '15-09-2026', actor })).toEqual(
      notADate('De startdatum'),
    );
    expect(refusal(given(), { kind: 'RegisterTermination', lastWorkingDay: 'morgen', actor })).toEqual(
      notADate('De laatste werkdag'),
    );
    expect(refusal(given(), { kind: 'StartLeave', from: '2026-02-30', actor })).toEqual(
      notADate('De eerste verlofdag'),
    );
  });

  it('a date outside the planning window, with the window', () => {
    const outside = (what: string) => ({
      rejected: 'outside-planning-window',
      message: `${what} valt buiten het planbare venster (2021-08-10 tot en met 2031-08-10).`,
    });
    expect(refusal(given(), { kind: 'ChangeStartDate', startDate: '2031-08-11', actor })).toEqual(
      outside('De startdatum'),
    );
    expect(refusal(given(), { kind: 'RegisterTermination', lastWorkingDay: '2021-08-09', actor })).toEqual(
      outside('De laatste werkdag'),
    );
    expect(refusal(given(), { kind: 'StartLeave', from: '2040-01-01', actor })).toEqual(outside('De eerste verlofdag'));
    expect(refusal(given(onLeave), { kind: 'EndLeave', until: '2031-08-11', actor })).toEqual(
      outside('De laatste verlofdag'),
    );
    // The window's own edges are inside it.
    expect(refusal(given(), { kind: 'StartLeave', from: '2031-08-10', actor })).toEqual({
      events: [{ type: 'LeaveStarted', data: { ...hire, from: '2031-08-10' } }],
    });
  });

  it('an exit interview for a hire who is not leaving, or one already held', () => {
    const interview = { kind: 'RecordExitInterview', reasons: ['workload'], wouldHaveKept: [], actor } as const;
    expect(refusal(given(), interview)).toEqual({
      rejected: 'not-leaving',
      message: 'Er is geen exitgesprek te verslaan: de medewerker gaat niet uit dienst.',
    });
    expect(
      refusal(given(...terminated, { type: 'JourneyEnded', data: { ...hire, outcome: 'left' } }), interview),
    ).toEqual({
      rejected: 'not-leaving',
      message: 'Er is geen exitgesprek te verslaan: de medewerker gaat niet uit dienst.',
    });
    const held: JourneyEvent = {
      type: 'ExitInterviewHeld',
      data: { ...hire, reasons: ['workload'], wouldHaveKept: [] },
    };
    expect(refusal(given(...terminated, held), interview)).toEqual({
      rejected: 'item-closed',
      message: 'Het exitgesprek is al vastgelegd.',
    });
  });

  it('a learning-line change the plan cannot take, with the schedule’s own words', () => {
    expect(
      refusal(given(), {
        kind: 'ChangeLearningLine',
        change: { kind: 'drop-milestone', milestoneId: 'nope' },
        actor,
      }),
    ).toEqual({
      rejected: 'invalid-learning-line-change',
      message: 'milestoneId: Deze reis heeft geen mijlpaal "nope".',
    });
  });

  it('a second leave, an end without leave, and an end before the leave began', () => {
    expect(refusal(given(onLeave), { kind: 'StartLeave', from: '2026-10-05', actor })).toEqual({
      rejected: 'already-on-leave',
      message: 'De reis staat al stil sinds 2026-10-01.',
    });
    expect(refusal(given(), { kind: 'EndLeave', until: '2026-10-05', actor })).toEqual({
      rejected: 'not-on-leave',
      message: 'De reis staat niet stil; er valt niets te hervatten.',
    });
    for (const until of ['2026-09-30', 'volgende week']) {
      expect(refusal(given(onLeave), { kind: 'EndLeave', until, actor })).toEqual({
        rejected: 'not-a-date',
        message: 'Het verlof eindigt op een datum (JJJJ-MM-DD) op of na 2026-10-01.',
      });
    }
    // Ending on the day it began is a leave of no days, and allowed.
    expect(refusal(given(onLeave), { kind: 'EndLeave', until: '2026-10-01', actor })).toEqual({
      events: [{ type: 'LeaveEnded', data: { ...hire, until: '2026-10-01', endDate: '2027-09-01' } }],
    });
  });

  it('with the values the API words the refusal from in the caller’s language', () => {
    const details = (state: JourneyState, command: JourneyCommand, today = '2026-08-10') => {
      const decision = decide(state, command, today);
      return 'rejected' in decision ? rejectionDetails(decision) : decision;
    };
    expect(details(given(), { kind: 'ChangeStartDate', startDate: '2026-09-15', actor }, '2026-09-01')).toEqual({
      rejection: 'hire-started',
      params: { command: 'change-start-date' },
    });
    expect(details(given(), { kind: 'WithdrawCandidate', actor }, '2026-09-01')).toEqual({
      rejection: 'hire-started',
      params: { command: 'withdraw' },
    });
    expect(details(given(onLeave), { kind: 'EndLeave', until: '2026-09-30', actor })).toEqual({
      rejection: 'not-a-date',
      params: { field: 'last-leave-day', since: '2026-10-01' },
    });
  });
});
