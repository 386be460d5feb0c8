import { rivierenlandTemplate } from '../defaultTemplates';
import type { JourneyTemplate } from '../journeyTemplate';
import { planForNewJourney } from '../schedule';
import type { JourneyEventData } from './events';
import { planOfJourneyStarted, upcastJourneyEvent } from './upcast';

const TEMPLATE: JourneyTemplate = { ...rivierenlandTemplate, organisationId: 'rivierenland' };
const hire = { organisationId: 'rivierenland', hireId: 'h-7' };
const on = '2026-04-01';

describe('upcasting a recorded event to the shape the journey folds today', () => {
  it('given an exit interview request that names its task and a delivered mail, then it stays as it was', () => {
    const data = { ...hire, itemId: 'adhoc:exit', ownerRole: 'manager', dueDate: '2026-04-10', mailDelivered: true };
    expect(upcastJourneyEvent({ type: 'ExitInterviewRequested', data, on })).toStrictEqual({
      type: 'ExitInterviewRequested',
      data,
    });
  });

  it('given an exit interview request whose mail field is no boolean, then the mail counts as not delivered', () => {
    expect(
      upcastJourneyEvent({ type: 'ExitInterviewRequested', data: { ...hire, mailDelivered: 'yes' }, on })?.data,
    ).toStrictEqual({ ...hire, itemId: 'adhoc:exit-interview', ownerRole: 'hr', dueDate: on, mailDelivered: false });
  });

  it('given a task opened without a title or with an empty one, then its id names it; a title it had stays', () => {
    const opened = { ...hire, itemId: 'adhoc:bel-terug', ownerRole: 'hr', dueDate: '2026-04-08' };
    expect(upcastJourneyEvent({ type: 'TaskOpened', data: opened, on })).toStrictEqual({
      type: 'TaskOpened',
      data: { ...opened, title: 'adhoc:bel-terug' },
    });
    expect(upcastJourneyEvent({ type: 'TaskOpened', data: { ...opened, title: '' }, on })?.data).toStrictEqual({
      ...opened,
      title: 'adhoc:bel-terug',
    });
    expect(
      upcastJourneyEvent({ type: 'TaskOpened', data: { ...opened, title: 'Bel de collega terug' }, on })?.data,
    ).toStrictEqual({ ...opened, title: 'Bel de collega terug' });
  });

  it('given a termination without its last working day and one with it, then the day is the recording day or its own', () => {
    expect(upcastJourneyEvent({ type: 'TerminationRegistered', data: hire, on })).toStrictEqual({
      type: 'TerminationRegistered',
      data: { ...hire, lastWorkingDay: on },
    });
    expect(
      upcastJourneyEvent({ type: 'TerminationRegistered', data: { ...hire, lastWorkingDay: '2026-04-30' }, on })?.data,
    ).toStrictEqual({ ...hire, lastWorkingDay: '2026-04-30' });
  });

  it('given a start listing things that are not items and an empty owner, then only the items remain, the empty owner none', () => {
    const data = {
      ...hire,
      startDate: '2026-03-02',
      items: [
        null,
        // Not from JSON, but the data is anyone's record of unknowns.
        undefined,
        'task:a',
        42,
        { id: 'task:no-day', kind: 'preboarding-task', ownerRole: 'hr' },
        { id: 'task:bad-day', kind: 'preboarding-task', ownerRole: 'hr', dueDate: '20 februari' },
        { kind: 'preboarding-task', ownerRole: 'hr', dueDate: '2026-02-20' },
        { id: 'task:no-kind', ownerRole: 'hr', dueDate: '2026-02-20' },
        { id: 'task:nobody', kind: 'preboarding-task', ownerRole: '', dueDate: '2026-02-20' },
        { id: 'task:it', title: 'Accounts', kind: 'preboarding-task', ownerRole: 'it', dueDate: '2026-02-27' },
      ],
    };
    expect(upcastJourneyEvent({ type: 'JourneyStarted', data, on })).toStrictEqual({
      type: 'JourneyStarted',
      data: {
        ...hire,
        startDate: '2026-03-02',
        items: [
          { id: 'task:nobody', kind: 'preboarding-task', ownerRole: null, dueDate: '2026-02-20' },
          { id: 'task:it', title: 'Accounts', kind: 'preboarding-task', ownerRole: 'it', dueDate: '2026-02-27' },
        ],
      },
    });
  });

  it('given a request that names its mentor and an ending the journey knows, then they stay as they were', () => {
    const asked = { ...hire, mentorRef: 'm-1', answerDeadline: '2026-01-08', hoursPerWeek: 5 };
    expect(upcastJourneyEvent({ type: 'MentorRequested', data: asked, on })).toStrictEqual({
      type: 'MentorRequested',
      data: asked,
    });
    expect(upcastJourneyEvent({ type: 'MentorRequested', data: { ...asked, mentorRef: '' }, on })).toBeUndefined();
    expect(upcastJourneyEvent({ type: 'JourneyEnded', data: { ...hire, outcome: 'left' }, on })).toStrictEqual({
      type: 'JourneyEnded',
      data: { ...hire, outcome: 'left' },
    });
  });
});

describe('the plan a journey started with', () => {
  const start = { ...hire, startDate: '2026-03-02', templateId: TEMPLATE.id, templateVersion: TEMPLATE.version };

  it('given a start that listed no items and its template, then the plan is the template’s, dated on the start day', () => {
    const plan = planOfJourneyStarted(start, TEMPLATE, '2026-01-05');
    expect(plan).toStrictEqual(planForNewJourney(TEMPLATE, '2026-03-02', '2026-01-05'));
    expect(plan).toMatchObject({ plannedOn: '2026-01-05', endDate: '2027-03-02' });
    expect(plan.items).toHaveLength(18);
  });

  it('given a start that listed some of the template’s items and its own end day, then the plan has only those, on the days and end day recorded', () => {
    const started: JourneyEventData<'JourneyStarted'> = {
      ...start,
      endDate: '2027-03-09',
      items: [
        {
          id: 'task:read-cv-and-ask-interviewers',
          kind: 'preboarding-task',
          ownerRole: 'manager',
          dueDate: '2026-02-18',
        },
        { id: 'task:vog-on-file', kind: 'preboarding-task', ownerRole: 'hr', dueDate: '2026-03-01' },
      ],
    };
    const plan = planOfJourneyStarted(started, TEMPLATE, '2026-01-05');
    expect(plan.endDate).toBe('2027-03-09');
    expect(plan.items.map((item) => [item.id, item.title, item.dueDate])).toEqual([
      ['task:read-cv-and-ask-interviewers', 'Lees het cv en vraag de sollicitatiecommissie wat opviel', '2026-02-18'],
      ['task:vog-on-file', 'VOG ontvangen en bewaard (vóór de eerste werkdag)', '2026-03-01'],
    ]);
    const { endDate: _end, ...withoutEnd } = started;
    expect(planOfJourneyStarted(withoutEnd, TEMPLATE, '2026-01-05').endDate).toBe('2027-03-02');
  });

  it('given a start whose template nobody can look up, then the plan is its own items: ids for missing titles, offsets from the start day, no nudges', () => {
    const started: JourneyEventData<'JourneyStarted'> = {
      ...hire,
      startDate: '2026-03-02',
      templateId: 'gone',
      templateVersion: 4,
      endDate: '2027-03-02',
      items: [
        { id: 'task:a', kind: 'preboarding-task', ownerRole: 'hr', dueDate: '2026-02-20' },
        {
          id: 'milestone:m',
          title: 'Mijlpaal',
          titleEn: 'Milestone',
          kind: 'milestone',
          ownerRole: 'manager',
          dueDate: '2026-04-01',
        },
      ],
    };
    const nudges = { followUp: null, pauseShiftDays: 0, reminderDate: null, escalationDate: null };
    expect(planOfJourneyStarted(started, undefined, '2026-01-05')).toStrictEqual({
      templateId: 'gone',
      templateVersion: 4,
      startDate: '2026-03-02',
      plannedOn: '2026-01-05',
      programmeLengthDays: 365,
      endDate: '2027-03-02',
      pauses: [],
      pausedSince: null,
      items: [
        {
          id: 'task:a',
          kind: 'preboarding-task',
          title: 'task:a',
          ownerRole: 'hr',
          dueOffsetDays: -10,
          dueDate: '2026-02-20',
          ...nudges,
        },
        {
          id: 'milestone:m',
          kind: 'milestone',
          title: 'Mijlpaal',
          titleEn: 'Milestone',
          ownerRole: 'manager',
          dueOffsetDays: 30,
          dueDate: '2026-04-01',
          ...nudges,
        },
      ],
    });
  });
});
