/**
 * The offboarding checklist in given/when/then form: opened with the termination, completable while the hire
 * leaves, and the journey ends `left` only once the exit interview is held and the checklist is done.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import { type JourneyCommand, decide, isRejection, nextDueStep } from './decide';
import type { JourneyEvent } from './events';
import { evolve, initialJourneyState } from './evolve';
import { EXIT_INTERVIEW_TASK_ID, type JourneyState, nextWakeUpMs } from './state';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';

const { hire, input } = journeyTestHire('h-0077');
const actor = 'hr:anne';
const checklist = [
  'adhoc:offboarding:returned-items',
  'adhoc:offboarding:access-removed',
  'adhoc:offboarding:clients-and-cases-handed-over',
];

function journey(template = rivierenlandTemplate) {
  let state: JourneyState = initialJourneyState(input, 'hire-journey:o', template, '2026-08-03');
  const run = (command: Parameters<typeof decide>[1], on: string): JourneyEvent[] => {
    const decision = decide(state, command, on);
    if (isRejection(decision)) throw new Error(`rejected: ${decision.message}`);
    for (const event of decision.events) state = evolve(state, event, { actor, on });
    return [...decision.events];
  };
  run({ kind: 'StartJourney' }, '2026-08-03');
  return {
    run,
    decide: (command: JourneyCommand, on: string) => decide(state, command, on),
    get state() {
      return state;
    },
  };
}

const terminate = (offboardingChecklist = true): JourneyCommand => ({
  kind: 'RegisterTermination',
  lastWorkingDay: '2026-12-31',
  actor,
  offboardingChecklist,
});
const exitInterview: JourneyCommand = { kind: 'RecordExitInterview', reasons: ['workload'], wouldHaveKept: [], actor };

describe('the offboarding checklist', () => {
  it('opens a task per owner with the termination, each due on the last working day', () => {
    const recorded = journey().run(terminate(), '2026-12-01');
    expect(recorded.filter((event) => event.type === 'TaskOpened')).toEqual([
      {
        type: 'TaskOpened',
        data: {
          ...hire,
          itemId: checklist[0],
          title: expect.any(String),
          ownerRole: 'facilities',
          dueDate: '2026-12-31',
        },
      },
      {
        type: 'TaskOpened',
        data: { ...hire, itemId: checklist[1], title: expect.any(String), ownerRole: 'it', dueDate: '2026-12-31' },
      },
      {
        type: 'TaskOpened',
        data: { ...hire, itemId: checklist[2], title: expect.any(String), ownerRole: 'manager', dueDate: '2026-12-31' },
      },
    ]);
  });

  it('is not opened for a journey that runs an earlier version (no patch)', () => {
    const recorded = journey().run(terminate(false), '2026-12-01');
    expect(recorded.map((event) => event.type)).not.toContain('TaskOpened');
  });

  it('takes the template’s own list when it has one', () => {
    const own = { id: 'badge', ownerRole: 'hr', title: 'Pas innemen' } as const;
    const recorded = journey({ ...rivierenlandTemplate, offboardingTasks: [own] }).run(terminate(), '2026-12-01');
    expect(recorded.filter((event) => event.type === 'TaskOpened').map((event) => event.data)).toEqual([
      expect.objectContaining({ itemId: 'adhoc:offboarding:badge', ownerRole: 'hr', title: 'Pas innemen' }),
    ]);
  });

  it('lets the tasks be completed while the hire leaves, but no other work', () => {
    const leaving = journey();
    leaving.run(terminate(), '2026-12-01');
    expect(leaving.run({ kind: 'CompleteItem', itemId: checklist[0]!, actor }, '2026-12-10')).toEqual([
      { type: 'TaskCompleted', data: { ...hire, itemId: checklist[0] } },
    ]);
    const other = leaving.decide({ kind: 'CompleteItem', itemId: 'accounts-ready', actor }, '2026-12-10');
    expect(isRejection(other) && other.rejected).toBe('hire-leaving');
  });

  it('ends the journey once the exit interview is held and the last task is done, in either order', () => {
    const interviewFirst = journey();
    interviewFirst.run(terminate(), '2026-12-01');
    expect(interviewFirst.run(exitInterview, '2026-12-15').map((event) => event.type)).toEqual(['ExitInterviewHeld']);
    const second = interviewFirst.decide(exitInterview, '2026-12-16');
    expect(isRejection(second) && second.rejected).toBe('item-closed');
    interviewFirst.run({ kind: 'CompleteItem', itemId: checklist[0]!, actor }, '2026-12-20');
    interviewFirst.run({ kind: 'CompleteItem', itemId: checklist[1]!, actor }, '2026-12-20');
    expect(interviewFirst.run({ kind: 'CompleteItem', itemId: checklist[2]!, actor }, '2026-12-21')).toEqual([
      { type: 'TaskCompleted', data: { ...hire, itemId: checklist[2] } },
      { type: 'JourneyEnded', data: { ...hire, outcome: 'left' } },
    ]);

    const checklistFirst = journey();
    checklistFirst.run(terminate(), '2026-12-01');
    for (const itemId of checklist) checklistFirst.run({ kind: 'CompleteItem', itemId, actor }, '2026-12-20');
    expect(checklistFirst.state.outcome).toBeUndefined();
    expect(checklistFirst.run(exitInterview, '2026-12-22').map((event) => event.type)).toEqual([
      'ExitInterviewHeld',
      'JourneyEnded',
    ]);
  });

  it('escalates an overdue task to the manager and closes what is open when the grace period ends', () => {
    const late = journey();
    late.run(terminate(), '2026-12-01');
    late.run(exitInterview, '2026-12-15');
    expect(late.run({ kind: 'Tick' }, '2027-01-07')).toEqual([
      expect.objectContaining({ type: 'TaskEscalated', data: expect.objectContaining({ itemId: checklist[0] }) }),
    ]);
    late.run({ kind: 'Tick' }, '2027-01-07');
    late.run({ kind: 'Tick' }, '2027-01-07');
    expect(nextDueStep(late.state, '2027-01-29')).toBeUndefined();
    expect(nextWakeUpMs(late.state, '2027-01-07')).toBe(Date.parse('2027-01-30T07:00:00Z'));
    expect(late.run({ kind: 'Tick' }, '2027-01-30')).toEqual([
      { type: 'OpenTasksCancelled', data: { ...hire, itemIds: checklist, reason: 'terminated' } },
      { type: 'JourneyEnded', data: { ...hire, outcome: 'left' } },
    ]);
  });

  it('cancels the open tasks too when the exit interview never took place', () => {
    const never = journey();
    never.run(terminate(), '2026-12-01');
    for (let day = 0; day < 3; day++) never.run({ kind: 'Tick' }, '2027-01-07');
    const closing = never.run({ kind: 'Tick' }, '2027-01-30');
    expect(closing).toEqual([
      { type: 'OpenTasksCancelled', data: { ...hire, itemIds: checklist, reason: 'terminated' } },
      { type: 'JourneyEnded', data: { ...hire, outcome: 'left', exitInterview: 'not-held' } },
    ]);
    expect(never.state.completed[EXIT_INTERVIEW_TASK_ID]).toBeUndefined();
  });
});
