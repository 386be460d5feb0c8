/**
 * When tasks outside the template escalate (adhocEscalation.ts), in given/when/then form: after the template's
 * escalateAfterDays for journeys started from patch adhoc-escalation-policy-v1 on, a week for the journeys before,
 * and the same in a replay of the hire's events as in the workflow that recorded them.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import type { JourneyTemplate } from '../journeyTemplate';
import { COMPLIANCE_ITEM_IDS } from '../youthCareCompliance';
import { ADHOC_ESCALATION_DAYS } from './adhocEscalation';
import { type ClockTick, type Decision, decide, isRejection, nextDueStep } from './decide';
import type { JourneyEvent } from './events';
import { EXIT_INTERVIEW_GRACE_DAYS, evolveAll, initialJourneyState } from './evolve';
import { replayJourney } from './replay';
import { EXIT_INTERVIEW_TASK_ID, type JourneyState } from './state';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';
import { findMentorTaskEvents } from '../../../test/support/findMentorTaskEvents';

const { hire, input } = journeyTestHire('h-0042');
const registeredOn = '2026-08-03';
/** Without the compliance steps no planned task is due in the days these tests tick through. */
const template = (escalateAfterDays?: number): JourneyTemplate => ({
  ...rivierenlandTemplate,
  organisationId: hire.organisationId,
  preboardingTasks: rivierenlandTemplate.preboardingTasks.filter((task) => !COMPLIANCE_ITEM_IDS.includes(task.id)),
  milestones: rivierenlandTemplate.milestones.filter((milestone) => !COMPLIANCE_ITEM_IDS.includes(milestone.id)),
  ...(escalateAfterDays === undefined
    ? {}
    : { reminderPolicy: { daysBefore: [7, 2], overdueDaily: true, escalateAfterDays } }),
});

/** A journey as begin() makes it: with the patch's flag or, for a journey started before it, without. */
function journey(options: { readonly escalateAfterDays?: number; readonly byPolicy: boolean }): JourneyState {
  const state = initialJourneyState(input, 'hire-journey:x', template(options.escalateAfterDays), registeredOn);
  return options.byPolicy ? { ...state, adhocEscalationByPolicy: true } : state;
}

function events(decision: Decision): JourneyEvent[] {
  if (isRejection(decision)) throw new Error(`rejected: ${decision.message}`);
  return [...decision.events];
}

function given(start: JourneyState, ...history: JourneyEvent[]) {
  const recorded = [...events(decide(start, { kind: 'StartJourney' }, registeredOn)), ...history];
  const state = evolveAll(start, recorded, { actor: 'hr:anne', on: registeredOn });
  return {
    state,
    recorded,
    when: (command: ClockTick, on: string) => ({
      then: (...expected: JourneyEvent[]) => expect(decide(state, command, on)).toEqual({ events: expected }),
      thenNothing: () => expect(decide(state, command, on)).toEqual({ events: [] }),
    }),
  };
}

const { opened: findMentorOpened, escalated: findMentorEscalated } = findMentorTaskEvents(hire);
const hrAdded: JourneyEvent = {
  type: 'AdhocTaskAdded',
  data: {
    ...hire,
    itemId: 'adhoc:hr:parking-permit',
    title: 'Parkeervergunning aanvragen',
    ownerRole: 'hr',
    dueDate: '2026-08-04',
    changeId: 'change-1',
  },
};

describe('a task the journey opened itself, on a journey that escalates by the template’s policy', () => {
  it('escalates the manager’s mentor search on the template’s day after it was due, not a week', () => {
    const journeyWith = journey({ escalateAfterDays: 3, byPolicy: true });
    given(journeyWith, findMentorOpened).when({ kind: 'Tick' }, '2026-08-06').thenNothing();
    given(journeyWith, findMentorOpened).when({ kind: 'Tick' }, '2026-08-07').then(findMentorEscalated);
  });

  it('escalates a task HR added on the template’s day too', () => {
    const { state } = given(journey({ escalateAfterDays: 3, byPolicy: true }), hrAdded);
    expect(state.adhoc).toContainEqual(
      expect.objectContaining({ id: 'adhoc:hr:parking-permit', escalationDate: '2026-08-07' }),
    );
    expect(nextDueStep(state, '2026-08-06')).toBeUndefined();
    expect(nextDueStep(state, '2026-08-07')).toMatchObject({ step: 'adhoc-escalation' });
  });

  it('keeps a week where the template sets no escalateAfterDays', () => {
    const { state } = given(journey({ byPolicy: true }), findMentorOpened);
    expect(ADHOC_ESCALATION_DAYS).toBe(7);
    expect(nextDueStep(state, '2026-08-10')).toBeUndefined();
    given(journey({ byPolicy: true }), findMentorOpened)
      .when({ kind: 'Tick' }, '2026-08-11')
      .then(findMentorEscalated);
  });

  it('keeps the exit interview’s month of grace', () => {
    const requested: JourneyEvent = {
      type: 'ExitInterviewRequested',
      data: { ...hire, itemId: EXIT_INTERVIEW_TASK_ID, ownerRole: 'hr', dueDate: '2026-11-01', mailDelivered: true },
    };
    const { state } = given(journey({ escalateAfterDays: 3, byPolicy: true }), requested);
    expect(EXIT_INTERVIEW_GRACE_DAYS).toBe(30);
    expect(state.adhoc.find((task) => task.id === EXIT_INTERVIEW_TASK_ID)?.escalationDate).toBe('2026-12-01');
  });
});

describe('a journey started before the patch', () => {
  it('still escalates the mentor search a week after it was due, whatever the template says now', () => {
    const before = journey({ escalateAfterDays: 3, byPolicy: false });
    given(before, findMentorOpened).when({ kind: 'Tick' }, '2026-08-07').thenNothing();
    expect(nextDueStep(given(before, findMentorOpened).state, '2026-08-10')).toBeUndefined();
    given(before, findMentorOpened).when({ kind: 'Tick' }, '2026-08-11').then(findMentorEscalated);
  });

  it('and a task HR added a week after it was due', () => {
    const { state } = given(journey({ escalateAfterDays: 3, byPolicy: false }), hrAdded);
    expect(state.adhoc).toContainEqual(
      expect.objectContaining({ id: 'adhoc:hr:parking-permit', escalationDate: '2026-08-11' }),
    );
  });
});

describe('the hire’s events replayed (the auditor’s as-of view, the read models)', () => {
  const replayed = (start: JourneyState, escalateAfterDays: number) => {
    const { recorded, state } = given(start, findMentorOpened, hrAdded);
    const fold = replayJourney(
      recorded.map((event) => ({ type: event.type, data: { ...event.data }, on: registeredOn, actor: 'hr:anne' })),
      () => template(escalateAfterDays),
    );
    return { workflow: state, fold: fold.state };
  };

  it('records in JourneyStarted that the journey escalates by policy, so the fold dates the tasks as the workflow did', () => {
    const { recorded } = given(journey({ escalateAfterDays: 3, byPolicy: true }));
    expect(recorded.find((event) => event.type === 'JourneyStarted')?.data).toMatchObject({
      adhocEscalationByPolicy: true,
    });
    const { workflow, fold } = replayed(journey({ escalateAfterDays: 3, byPolicy: true }), 3);
    expect(fold?.adhocEscalationByPolicy).toBe(true);
    expect(fold?.adhoc).toEqual(workflow.adhoc);
    expect(fold?.adhoc.map((task) => task.escalationDate)).toEqual(['2026-08-07', '2026-08-07']);
  });

  it('folds a journey from before the patch with its week', () => {
    const { recorded } = given(journey({ escalateAfterDays: 3, byPolicy: false }));
    expect(recorded.find((event) => event.type === 'JourneyStarted')?.data).not.toHaveProperty(
      'adhocEscalationByPolicy',
    );
    const { workflow, fold } = replayed(journey({ escalateAfterDays: 3, byPolicy: false }), 3);
    expect(fold?.adhocEscalationByPolicy).toBeUndefined();
    expect(fold?.adhoc).toEqual(workflow.adhoc);
    expect(fold?.adhoc.map((task) => task.escalationDate)).toEqual(['2026-08-11', '2026-08-11']);
  });
});
