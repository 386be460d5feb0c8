/**
 * HR's changes to one hire's plan, given/when/then through the decider: what each change records, what the journey
 * then plans (timers follow planActions), and every refusal with its code and the exact Dutch sentence.
 */
import { rivierenlandTemplate } from '../defaultTemplates';
import { decide, isRejection } from './decide';
import type { JourneyEvent } from './events';
import { evolve, evolveAll } from './evolve';
import { type JourneyState, journeyView, nextWakeUpMs } from './state';
import { nextDueStep } from './decide';
import { type PlanItemChange, addedTaskId, journeyRoles } from './planItemChanges';
import { planActions } from '../schedule';
import { journeyTestHire } from '../../../test/fixtures/journeyTestHire';
import { planChangeScenario } from '../../../test/fixtures/planChangeScenario';

const { hire, input } = journeyTestHire('h-0100');
const actor = 'hr:anne';
const changeId = '0123456789abcdef0123456789abcdef';
const today = '2026-08-10';
const template = { ...rivierenlandTemplate, organisationId: hire.organisationId };

const { given, when, accepted, changed } = planChangeScenario({ input, template, changeId, actor, today });
/** The change on a journey with none before it: the events it records (`recorded`), and the journey after them. */
const changedFresh = (change: PlanItemChange, ...recorded: JourneyEvent[]): JourneyState => {
  const state = given();
  const events = accepted(state, change);
  expect(events).toEqual(recorded);
  return evolveAll(state, events, { actor, on: today });
};
const item = (state: JourneyState, id: string) => state.plan.items.find((candidate) => candidate.id === id);

describe('the id of a change', () => {
  it('is refused unless it is the 32 hex digits its events need, so an accepted change can always be recorded', () => {
    for (const malformed of ['c1', '0123456789ABCDEF0123456789ABCDEF', `${changeId}0`]) {
      const decision = decide(
        given(),
        {
          kind: 'ChangePlanItem',
          change: { kind: 'drop-item', itemId: 'task:accounts-ready' },
          changeId: malformed,
          actor,
        },
        today,
      );
      expect(decision).toEqual({
        rejected: 'invalid-plan-change',
        message: 'Een wijziging heeft een id van 32 hexadecimale tekens.',
      });
    }
  });
});

describe('moving a planned item', () => {
  it('records PlanItemMoved and re-dates its reminder and escalation, so the timers follow the new day', () => {
    const moved = changedFresh(
      { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-08-20' },
      {
        type: 'PlanItemMoved',
        data: { ...hire, itemId: 'task:accounts-ready', from: '2026-08-29', to: '2026-08-20', changeId },
      },
    );
    expect(item(moved, 'task:accounts-ready')).toMatchObject({
      dueDate: '2026-08-20',
      reminderDate: '2026-08-18',
      escalationDate: '2026-08-23',
    });
    expect(planActions(moved.plan).filter((action) => action.itemId === 'task:accounts-ready')).toEqual([
      { date: '2026-08-18', itemId: 'task:accounts-ready', action: 'reminder' },
      { date: '2026-08-20', itemId: 'task:accounts-ready', action: 'due' },
      { date: '2026-08-23', itemId: 'task:accounts-ready', action: 'escalation' },
    ]);
    // A later start date moves it along with everything else: it counts from the start from now on.
    const later = evolve(
      moved,
      { type: 'StartDateChanged', data: { ...hire, from: '2026-09-01', to: '2026-09-08', endDate: '2027-09-08' } },
      { actor, on: today },
    );
    expect(item(later, 'task:accounts-ready')?.dueDate).toBe('2026-08-27');
  });

  it('escalates a moved task again on its new day, even when its old escalation went out', () => {
    const escalated: JourneyEvent = {
      type: 'TaskEscalated',
      data: {
        ...hire,
        itemId: 'task:vog-application',
        title: 'x',
        dueDate: '2026-08-04',
        ownerRole: 'new-hire',
        mailDelivered: true,
      },
    };
    const state = changed(given(escalated), {
      kind: 'move-item',
      itemId: 'task:vog-application',
      dueDate: '2026-08-12',
    });
    expect(nextDueStep(state, '2026-08-15')).toEqual({
      step: 'plan',
      action: { date: '2026-08-15', itemId: 'task:vog-application', action: 'escalation' },
    });
  });

  it('moves the survey invitation within day 60 to 120, and its reminder and HR’s call with it', () => {
    const state = given();
    const events = accepted(state, { kind: 'move-item', itemId: 'survey-invitation', dueDate: '2026-11-16' });
    expect(events.map((event) => ('to' in event.data ? [event.type, event.data.to] : [event.type]))).toEqual([
      ['PlanItemMoved', '2026-11-16'],
      ['PlanItemMoved', '2026-11-23'],
    ]);
    const moved = evolveAll(state, events, { actor, on: today });
    expect(item(moved, 'survey-invitation')?.dueDate).toBe('2026-11-16');
    expect(item(moved, 'survey-reminder')?.dueDate).toBe('2026-11-23');
  });

  it('records nothing when the day is the one it has', () => {
    expect(when(given(), { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-08-29' })).toEqual({
      events: [],
    });
  });

  it('wakes the journey on the moved day of a mail the system sends', () => {
    const state = changed(given(), { kind: 'move-item', itemId: 'welcome-mail', dueDate: '2026-08-12' });
    const events = accepted(state, { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-08-29' });
    expect(events).toEqual([]);
    expect(nextWakeUpMs(state, today)).toBe(Date.UTC(2026, 7, 12, 7));
  });
});

describe('dropping, re-owning and adding', () => {
  it('drops an item: it leaves the plan, the view and the timers', () => {
    const state = changed(given(), { kind: 'drop-item', itemId: 'task:team-message-before-day-one' });
    expect(item(state, 'task:team-message-before-day-one')).toBeUndefined();
    expect(journeyView(state, today).items?.map((entry) => entry.id)).not.toContain('task:team-message-before-day-one');
  });

  it('drops the survey reminder with the survey invitation', () => {
    changedFresh(
      { kind: 'drop-item', itemId: 'survey-invitation' },
      { type: 'PlanItemDropped', data: { ...hire, itemId: 'survey-invitation', changeId } },
      { type: 'PlanItemDropped', data: { ...hire, itemId: 'survey-reminder', changeId } },
    );
  });

  it('gives an item to another role of the journey', () => {
    const reowned = changedFresh(
      { kind: 'reown-item', itemId: 'task:accounts-ready', ownerRole: 'hr' },
      { type: 'PlanItemReowned', data: { ...hire, itemId: 'task:accounts-ready', from: 'it', to: 'hr', changeId } },
    );
    expect(item(reowned, 'task:accounts-ready')?.ownerRole).toBe('hr');
  });

  it('adds a task with owner and due date that escalates a week after it is due and can be completed', () => {
    const state = given();
    const events = accepted(state, {
      kind: 'add-task',
      title: '  Parkeervergunning aanvragen ',
      ownerRole: 'facilities',
      dueDate: '2026-08-20',
    });
    const itemId = addedTaskId(changeId);
    expect(events).toEqual([
      {
        type: 'AdhocTaskAdded',
        data: {
          ...hire,
          itemId,
          title: 'Parkeervergunning aanvragen',
          ownerRole: 'facilities',
          dueDate: '2026-08-20',
          changeId,
        },
      },
    ]);
    const added = evolveAll(state, events, { actor, on: today });
    expect(added.adhoc).toContainEqual({
      id: itemId,
      title: 'Parkeervergunning aanvragen',
      ownerRole: 'facilities',
      dueDate: '2026-08-20',
      escalationDate: '2026-08-27',
    });
    expect(decide(added, { kind: 'CompleteItem', itemId, actor }, today)).toEqual({
      events: [{ type: 'TaskCompleted', data: { ...hire, itemId } }],
    });
  });

  it('offers on each item of the view only the changes the rules allow now', () => {
    const view = journeyView(
      given({ type: 'TaskCompleted', data: { ...hire, itemId: 'task:read-cv-and-ask-interviewers' } }),
      today,
    );
    const offered = (id: string) => view.items?.find((entry) => entry.id === id)?.changes;
    expect(offered('task:accounts-ready')).toEqual(['move-item', 'drop-item', 'reown-item']);
    expect(offered('welcome-mail')).toEqual(['move-item', 'drop-item']);
    expect(offered('task:vog-on-file')).toEqual(['move-item', 'reown-item']);
    expect(offered('survey-invitation')).toEqual(['move-item', 'drop-item']);
    expect(offered('survey-reminder')).toBeUndefined();
    expect(offered('programme-end')).toBeUndefined();
    expect(offered('task:read-cv-and-ask-interviewers')).toBeUndefined();
    const ended = journeyView(given({ type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } }), today);
    expect(ended.items?.some((entry) => entry.changes)).toBe(false);
  });

  it('offers the roles the journey uses, HR and the manager always', () => {
    expect(journeyRoles(given())).toEqual(['hr', 'manager', 'mentor', 'team', 'it', 'facilities', 'new-hire']);
  });
});

describe('the journey refuses a plan change, in these words', () => {
  const refused = (state: JourneyState, change: PlanItemChange, on = today) => {
    const decision = when(state, change, on);
    if (!isRejection(decision)) throw new Error(`accepted: ${JSON.stringify(decision.events)}`);
    return { code: decision.planChange?.code, pointer: decision.planChange?.pointer, message: decision.message };
  };
  const gatedTemplate = given({
    type: 'LearningLineChanged',
    data: {
      ...hire,
      change: {
        kind: 'add-milestone',
        milestone: {
          id: 'second-caseload',
          kind: 'caseload-build-up',
          title: 'Tweede caseload',
          dueOffsetDays: 60,
          responsibleRole: 'manager',
          reminderOffsetDays: -7,
          escalationOffsetDays: 7,
          requires: ['first-month-without-caseload'],
        },
      },
    },
  });

  it.each<[string, JourneyState, PlanItemChange, string, string, string]>([
    [
      'an item the plan does not have',
      given(),
      { kind: 'drop-item', itemId: 'task:nope' },
      'unknown-item',
      '/change/itemId',
      'Deze reis heeft geen gepland onderdeel "task:nope".',
    ],
    [
      'an item already done',
      given({ type: 'TaskCompleted', data: { ...hire, itemId: 'task:accounts-ready' } }),
      { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-08-20' },
      'item-closed',
      '/change/itemId',
      '"Accounts en systemen klaarzetten" is al afgerond, vervallen of voorbij; daar valt niets meer aan te wijzigen.',
    ],
    [
      'a mail already sent',
      given({
        type: 'WelcomeMailSent',
        data: { ...hire, itemId: 'welcome-mail', title: 'x', dueDate: '2026-08-25', mailDelivered: true },
      }),
      { kind: 'move-item', itemId: 'welcome-mail', dueDate: '2026-08-28' },
      'item-closed',
      '/change/itemId',
      '"Digitale welkomstmail" is al afgerond, vervallen of voorbij; daar valt niets meer aan te wijzigen.',
    ],
    [
      'a date in the past',
      given(),
      { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-08-09' },
      'date-in-the-past',
      '/change/dueDate',
      'Die datum ligt in het verleden; kies 2026-08-10 of later.',
    ],
    [
      'something that is no date',
      given(),
      { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-02-30' },
      'not-a-date',
      '/change/dueDate',
      'Geef een datum (JJJJ-MM-DD).',
    ],
    [
      'a pre-boarding task on or after day one',
      given(),
      { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-09-01' },
      'preboarding-after-day-one',
      '/change/dueDate',
      'Een onderdeel van de voorbereiding valt vóór de eerste werkdag (2026-09-01).',
    ],
    [
      'a milestone before day one',
      given(),
      { kind: 'move-item', itemId: 'milestone:caseload-build-up-check', dueDate: '2026-08-31' },
      'before-day-one',
      '/change/dueDate',
      'Dit onderdeel valt op of na de eerste werkdag (2026-09-01).',
    ],
    [
      'a day after the programme',
      given(),
      { kind: 'move-item', itemId: 'milestone:caseload-build-up-check', dueDate: '2027-09-02' },
      'after-programme-end',
      '/change/dueDate',
      'Die datum ligt na het einde van het inwerkprogramma (2027-09-01).',
    ],
    [
      'the survey invitation before day 60',
      given(),
      { kind: 'move-item', itemId: 'survey-invitation', dueDate: '2026-10-30' },
      'survey-out-of-bounds',
      '/change/dueDate',
      'De uitnodiging voor de vragenlijst na 90 dagen gaat uit tussen 2026-10-31 en 2026-12-30 (dag 60 tot 120).',
    ],
    [
      'the survey invitation after day 120',
      given(),
      { kind: 'move-item', itemId: 'survey-invitation', dueDate: '2026-12-31' },
      'survey-out-of-bounds',
      '/change/dueDate',
      'De uitnodiging voor de vragenlijst na 90 dagen gaat uit tussen 2026-10-31 en 2026-12-30 (dag 60 tot 120).',
    ],
    [
      'the survey reminder on its own',
      given(),
      { kind: 'move-item', itemId: 'survey-reminder', dueDate: '2026-12-10' },
      'reminder-follows-invitation',
      '/change/itemId',
      'De herinnering volgt de uitnodiging voor de vragenlijst; verplaats of schrap de uitnodiging.',
    ],
    [
      'moving the programme’s end',
      given(),
      { kind: 'move-item', itemId: 'programme-end', dueDate: '2027-08-01' },
      'programme-end-is-fixed',
      '/change/itemId',
      'Het einde van het inwerkprogramma volgt uit het sjabloon, de startdatum en verlof; het kan niet apart worden verplaatst of geschrapt.',
    ],
    [
      'dropping the programme’s end',
      given(),
      { kind: 'drop-item', itemId: 'programme-end' },
      'programme-end-is-fixed',
      '/change/itemId',
      'Het einde van het inwerkprogramma volgt uit het sjabloon, de startdatum en verlof; het kan niet apart worden verplaatst of geschrapt.',
    ],
    [
      'dropping the mentor period’s end',
      given(),
      { kind: 'drop-item', itemId: 'mentor-period-end' },
      'mentor-period-end-is-fixed',
      '/change/itemId',
      'Het einde van de mentorperiode beëindigt de begeleiding en geeft de uren van de mentor vrij; het kan niet vervallen.',
    ],
    [
      'moving the coffee moment the mentor chose',
      given({ type: 'MentorAccepted', data: { ...hire, mentorRef: 'm-1', hoursPerWeek: 5 } }),
      { kind: 'move-item', itemId: 'mentor-coffee-moment', dueDate: '2026-08-28' },
      'coffee-moment-chosen',
      '/change/itemId',
      'De mentor heeft het koffiemoment al gekozen en doorgegeven; spreek een nieuw moment met de mentor af.',
    ],
    [
      'dropping what the law asks',
      given(),
      { kind: 'drop-item', itemId: 'task:vog-on-file' },
      'legal-requirement',
      '/change/itemId',
      '"VOG ontvangen en bewaard (vóór de eerste werkdag)" volgt uit de wet (Jeugdwet art. 4.1.6 lid 1 en 2) en kan voor één medewerker niet vervallen; rond het af als het al geregeld is.',
    ],
    [
      'dropping an item another open item waits on',
      gatedTemplate,
      { kind: 'drop-item', itemId: 'milestone:first-month-without-caseload' },
      'required-by-others',
      '/change/itemId',
      '"Eerste maand zonder caseload afgerond" kan niet vervallen: "Tweede caseload" wacht erop. Rond het af, of laat eerst wat erop wacht vervallen.',
    ],
    [
      're-owning a mail',
      given(),
      { kind: 'reown-item', itemId: 'welcome-mail', ownerRole: 'hr' },
      'no-owner-to-change',
      '/change/itemId',
      '"Digitale welkomstmail" doet de reis zelf (of hoort bij de mentor); er is geen eigenaar om te wijzigen.',
    ],
    [
      'a role the journey does not know',
      given(),
      { kind: 'reown-item', itemId: 'task:accounts-ready', ownerRole: 'janitor' as never },
      'unknown-role',
      '/change/ownerRole',
      '"janitor" is geen rol in deze reis.',
    ],
    [
      'a task without a name',
      given(),
      { kind: 'add-task', title: '   ', ownerRole: 'hr', dueDate: '2026-08-20' },
      'invalid-title',
      '/change/title',
      'Geef de taak een naam van 1 tot 120 tekens (geen namen van personen).',
    ],
    [
      'a task due in the past',
      given(),
      { kind: 'add-task', title: 'Parkeren', ownerRole: 'hr', dueDate: '2026-08-01' },
      'date-in-the-past',
      '/change/dueDate',
      'Die datum ligt in het verleden; kies 2026-08-10 of later.',
    ],
    [
      'any change during leave',
      given({ type: 'LeaveStarted', data: { ...hire, from: '2026-08-05' } }),
      { kind: 'drop-item', itemId: 'task:accounts-ready' },
      'on-leave',
      '/change',
      'De reis staat stil sinds 2026-08-05 (verlof); wijzig de planning als het verlof voorbij is.',
    ],
  ])('%s', (_what, state, change, code, pointer, message) => {
    expect(refused(state, change)).toEqual({ code, pointer, message });
  });

  it('a task whose id the journey has already', () => {
    const state = changed(given(), { kind: 'add-task', title: 'Parkeren', ownerRole: 'hr', dueDate: '2026-08-20' });
    expect(refused(state, { kind: 'add-task', title: 'Parkeren', ownerRole: 'hr', dueDate: '2026-08-20' })).toEqual({
      code: 'task-exists',
      pointer: '/change',
      message: `De taak "${addedTaskId(changeId)}" bestaat al in deze reis.`,
    });
  });

  it('anything once the journey ended', () => {
    const ended = given({ type: 'JourneyEnded', data: { ...hire, outcome: 'withdrawn' } });
    expect(when(ended, { kind: 'drop-item', itemId: 'task:accounts-ready' })).toEqual({
      rejected: 'journey-ended',
      message: 'Deze reis is al afgesloten.',
    });
  });

  it('a pre-boarding task may go after day one once the hire has started (it is late already)', () => {
    const state = given();
    expect(
      when(state, { kind: 'move-item', itemId: 'task:accounts-ready', dueDate: '2026-09-10' }, '2026-09-02'),
    ).toEqual({
      events: [
        {
          type: 'PlanItemMoved',
          data: { ...hire, itemId: 'task:accounts-ready', from: '2026-08-29', to: '2026-09-10', changeId },
        },
      ],
    });
  });
});
