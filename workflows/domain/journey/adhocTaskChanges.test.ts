/**
 * The tasks HR added (add-task) are moved, dropped and re-owned like planned items, given/when/then through the
 * decider: what each change records, what the journey then does with the task (its escalation, its view), and
 * every refusal with its code and the exact Dutch sentence. The tasks the journey opens itself stay as they are.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import { decide, isRejection, nextDueStep } from './decide';
import type { JourneyEvent } from './events';
import { evolveAll } from './evolve';
import { FIND_MENTOR_TASK_ID, type JourneyState, actionKey, journeyView } from './state';
import { journeyPlanActions } from './digestEscalations';
import { type PlanItemChange, addedTaskId, isPlanChangeRefusal, planChangeEffects } from './planItemChanges';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';
import { planChangeScenario } from '../../../test/fixtures/planChangeScenario';

const { hire, input } = journeyTestHire('h-0102');
const actor = 'hr:anne';
const addedBy = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const changeId = '0123456789abcdef0123456789abcdef';
const taskId = addedTaskId(addedBy);
const today = '2026-08-10';
const template = { ...rivierenlandTemplate, organisationId: hire.organisationId };

const taskAdded: JourneyEvent = {
  type: 'AdhocTaskAdded',
  data: {
    ...hire,
    itemId: taskId,
    title: 'Parkeervergunning aanvragen',
    ownerRole: 'facilities',
    dueDate: '2026-08-20',
    changeId: addedBy,
  },
};

const { given, when, accepted, changed } = planChangeScenario({ input, template, changeId, actor, today });
const refused = (state: JourneyState, change: PlanItemChange, on = today) => {
  const decision = when(state, change, on);
  if (!isRejection(decision)) throw new Error(`accepted: ${JSON.stringify(decision.events)}`);
  return { code: decision.planChange?.code, pointer: decision.planChange?.pointer, message: decision.message };
};
/** The state with every step of the plan taken, so what is still due is the ad-hoc tasks'. */
const planTaken = (state: JourneyState): JourneyState => ({
  ...state,
  handled: [...state.handled, ...journeyPlanActions(state).map(actionKey)],
});
/** HR's change to the task it added: the one event it records (`recorded`), and the journey before and after it. */
const changeAddedTask = (change: PlanItemChange, recorded: JourneyEvent) => {
  const before = given(taskAdded);
  const events = accepted(before, change);
  expect(events).toEqual([recorded]);
  return { before, after: evolveAll(before, events, { actor, on: today }) };
};
const task = (state: JourneyState, id = taskId) => state.adhoc.find((candidate) => candidate.id === id);

describe('moving a task HR added', () => {
  it('records PlanItemMoved; the task is due on the new day and escalates a week after it', () => {
    const { before, after: moved } = changeAddedTask(
      { kind: 'move-item', itemId: taskId, dueDate: '2026-09-15' },
      { type: 'PlanItemMoved', data: { ...hire, itemId: taskId, from: '2026-08-20', to: '2026-09-15', changeId } },
    );
    expect(task(moved)).toEqual({
      id: taskId,
      title: 'Parkeervergunning aanvragen',
      ownerRole: 'facilities',
      dueDate: '2026-09-15',
      escalationDate: '2026-09-22',
    });
    expect(moved.plan).toEqual(before.plan);
    // Its old escalation day passes quietly; the new one escalates.
    expect(nextDueStep(planTaken(moved), '2026-08-27')).toBeUndefined();
    expect(nextDueStep(planTaken(moved), '2026-09-22')).toMatchObject({
      step: 'adhoc-escalation',
      task: { id: taskId },
    });
  });

  it('escalates again on its new day when it had escalated already', () => {
    const escalated = given(taskAdded, {
      type: 'TaskEscalated',
      data: {
        ...hire,
        itemId: taskId,
        title: 'Parkeervergunning aanvragen',
        dueDate: '2026-08-20',
        ownerRole: 'facilities',
        mailDelivered: true,
      },
    });
    expect(nextDueStep(planTaken(escalated), '2026-08-28')).toBeUndefined();
    const moved = changed(escalated, { kind: 'move-item', itemId: taskId, dueDate: '2026-09-01' }, '2026-08-28');
    expect(moved.handled).not.toContain(`${taskId}:escalation`);
    expect(nextDueStep(planTaken(moved), '2026-09-08')).toMatchObject({
      step: 'adhoc-escalation',
      task: { id: taskId },
    });
  });

  it('may go to any plannable day, before or after day one (no pre-boarding rule for it)', () => {
    const state = given(taskAdded);
    expect(task(changed(state, { kind: 'move-item', itemId: taskId, dueDate: today }))?.dueDate).toBe(today);
    expect(task(changed(state, { kind: 'move-item', itemId: taskId, dueDate: '2026-12-01' }))?.dueDate).toBe(
      '2026-12-01',
    );
  });

  it('records nothing when it is due on that day already', () => {
    expect(when(given(taskAdded), { kind: 'move-item', itemId: taskId, dueDate: '2026-08-20' })).toEqual({
      events: [],
    });
  });
});

describe('dropping a task HR added', () => {
  it('records PlanItemDropped; the task leaves the journey, its view and its timers', () => {
    const { before, after: dropped } = changeAddedTask(
      { kind: 'drop-item', itemId: taskId },
      { type: 'PlanItemDropped', data: { ...hire, itemId: taskId, changeId } },
    );
    expect(dropped.adhoc).toEqual([]);
    expect(dropped.plan).toEqual(before.plan);
    expect(journeyView(dropped, today).items?.map((entry) => entry.id)).not.toContain(taskId);
    expect(nextDueStep(planTaken(dropped), '2026-08-27')).toBeUndefined();
    expect(decide(dropped, { kind: 'CompleteItem', itemId: taskId, actor }, today)).toMatchObject({
      rejected: 'unknown-item',
    });
  });
});

describe('re-owning a task HR added', () => {
  it('records PlanItemReowned; the task and its escalation are the new role’s', () => {
    const { after: reowned } = changeAddedTask(
      { kind: 'reown-item', itemId: taskId, ownerRole: 'it' },
      { type: 'PlanItemReowned', data: { ...hire, itemId: taskId, from: 'facilities', to: 'it', changeId } },
    );
    expect(task(reowned)?.ownerRole).toBe('it');
    expect(journeyView(reowned, today).items?.find((entry) => entry.id === taskId)?.ownerRole).toBe('it');
    const escalation = decide(planTaken(reowned), { kind: 'Tick' }, '2026-08-27');
    expect(escalation).toMatchObject({
      events: [{ type: 'TaskEscalated', data: { itemId: taskId, ownerRole: 'it' } }],
    });
  });

  it('records nothing when the role has it already', () => {
    expect(when(given(taskAdded), { kind: 'reown-item', itemId: taskId, ownerRole: 'facilities' })).toEqual({
      events: [],
    });
  });
});

describe('the journey refuses a change to an ad-hoc task, in these words', () => {
  const findMentorOpened: JourneyEvent = {
    type: 'TaskOpened',
    data: {
      ...hire,
      itemId: FIND_MENTOR_TASK_ID,
      title: 'Zoek zelf een mentor: niemand in de mentorpool kan deze collega begeleiden',
      ownerRole: 'manager',
      dueDate: '2026-08-17',
    },
  };
  const journeysOwn =
    '"Zoek zelf een mentor: niemand in de mentorpool kan deze collega begeleiden" opent de reis zelf en volgt uit ' +
    'wat er gebeurde; die taak wordt niet verplaatst, geschrapt of aan een ander gegeven. Rond hem af als het gedaan is.';
  const closed =
    '"Parkeervergunning aanvragen" is al afgerond, vervallen of voorbij; daar valt niets meer aan te wijzigen.';
  const done: JourneyEvent = { type: 'TaskCompleted', data: { ...hire, itemId: taskId } };

  it.each<[string, JourneyState, PlanItemChange, string, string, string]>([
    [
      'moving a task the journey opened itself',
      given(findMentorOpened),
      { kind: 'move-item', itemId: FIND_MENTOR_TASK_ID, dueDate: '2026-08-24' },
      'opened-by-journey',
      '/change/itemId',
      journeysOwn,
    ],
    [
      'dropping a task the journey opened itself',
      given(findMentorOpened),
      { kind: 'drop-item', itemId: FIND_MENTOR_TASK_ID },
      'opened-by-journey',
      '/change/itemId',
      journeysOwn,
    ],
    [
      'giving a task the journey opened itself to another role',
      given(findMentorOpened),
      { kind: 'reown-item', itemId: FIND_MENTOR_TASK_ID, ownerRole: 'hr' },
      'opened-by-journey',
      '/change/itemId',
      journeysOwn,
    ],
    [
      'moving a task that is done',
      given(taskAdded, done),
      { kind: 'move-item', itemId: taskId, dueDate: '2026-08-24' },
      'item-closed',
      '/change/itemId',
      closed,
    ],
    [
      'dropping a task that is done',
      given(taskAdded, done),
      { kind: 'drop-item', itemId: taskId },
      'item-closed',
      '/change/itemId',
      closed,
    ],
    [
      're-owning a task that was cancelled',
      given(taskAdded, {
        type: 'OpenTasksCancelled',
        data: { ...hire, itemIds: [taskId], reason: 'withdrawn' },
      }),
      { kind: 'reown-item', itemId: taskId, ownerRole: 'hr' },
      'item-closed',
      '/change/itemId',
      closed,
    ],
    [
      'a day in the past',
      given(taskAdded),
      { kind: 'move-item', itemId: taskId, dueDate: '2026-08-09' },
      'date-in-the-past',
      '/change/dueDate',
      'Die datum ligt in het verleden; kies 2026-08-10 of later.',
    ],
    [
      'a day after the programme',
      given(taskAdded),
      { kind: 'move-item', itemId: taskId, dueDate: '2027-12-01' },
      'after-programme-end',
      '/change/dueDate',
      `Die datum ligt na het einde van het inwerkprogramma (${given().plan.endDate}).`,
    ],
    [
      'no date',
      given(taskAdded),
      { kind: 'move-item', itemId: taskId, dueDate: 'morgen' as never },
      'not-a-date',
      '/change/dueDate',
      'Geef een datum (JJJJ-MM-DD).',
    ],
    [
      'a role the journey does not know',
      given(taskAdded),
      { kind: 'reown-item', itemId: taskId, ownerRole: 'janitor' as never },
      'unknown-role',
      '/change/ownerRole',
      '"janitor" is geen rol in deze reis.',
    ],
    [
      'any change during leave',
      given(taskAdded, { type: 'LeaveStarted', data: { ...hire, from: '2026-08-05' } }),
      { kind: 'drop-item', itemId: taskId },
      'on-leave',
      '/change',
      'De reis staat stil sinds 2026-08-05 (verlof); wijzig de planning als het verlof voorbij is.',
    ],
  ])('%s', (_what, state, change, code, pointer, message) => {
    expect(refused(state, change)).toEqual({ code, pointer, message });
  });

  it('an offboarding checklist task, by its id, whatever the journey’s stage', () => {
    const itemId = 'adhoc:offboarding:laptop-returned';
    const state = given({
      type: 'TaskOpened',
      data: { ...hire, itemId, title: 'Laptop ingeleverd', ownerRole: 'it', dueDate: '2026-08-20' },
    });
    const effects = planChangeEffects(state, { kind: 'drop-item', itemId }, today, changeId);
    expect(isPlanChangeRefusal(effects) && effects.code).toBe('opened-by-journey');
  });

  it('anything while the hire is leaving (the exit interview and the checklist are the journey’s)', () => {
    const leaving = given(taskAdded, {
      type: 'TerminationRegistered',
      data: { ...hire, lastWorkingDay: '2026-08-31' },
    });
    expect(when(leaving, { kind: 'drop-item', itemId: taskId })).toMatchObject({ rejected: 'hire-leaving' });
  });
});

describe('the journey view offers the changes for ad-hoc tasks too', () => {
  const offered = (state: JourneyState, id = taskId) =>
    journeyView(state, today).items?.find((entry) => entry.id === id)?.changes;

  it('offers moving, dropping and re-owning a task HR added while it is open', () => {
    expect(offered(given(taskAdded))).toEqual(['move-item', 'drop-item', 'reown-item']);
  });

  it('offers moving an overdue task HR added to a later day', () => {
    const view = journeyView(given(taskAdded), '2026-08-25').items?.find((entry) => entry.id === taskId);
    expect(view?.changes).toEqual(['move-item', 'drop-item', 'reown-item']);
  });

  it('offers nothing for a task that is done, during leave, or for a task the journey opened itself', () => {
    expect(offered(given(taskAdded, { type: 'TaskCompleted', data: { ...hire, itemId: taskId } }))).toBeUndefined();
    expect(offered(given(taskAdded, { type: 'LeaveStarted', data: { ...hire, from: '2026-08-05' } }))).toBeUndefined();
    const findMentor = given({
      type: 'TaskOpened',
      data: { ...hire, itemId: FIND_MENTOR_TASK_ID, title: 'Zoek', ownerRole: 'manager', dueDate: '2026-08-17' },
    });
    expect(offered(findMentor, FIND_MENTOR_TASK_ID)).toBeUndefined();
  });
});
