import fc from 'fast-check';
import { addDays, compareDates, daysBetween, fromEpochDay, toEpochDay } from './calendar';
import { DEFAULT_TEMPLATES, jbWestTemplate, rivierenlandTemplate, rvdkTemplate } from './defaultTemplates';
import { JourneyTemplateChangeError, type Milestone } from './journeyTemplate';
import { type JourneyPlan, buildPlan, changePlan, moveStartDate, pausePlan, planActions, resumePlan } from './schedule';

/** Any built-in template, and any start day from 2020 to 2035, for the properties every plan keeps. */
const anyTemplate = fc.constantFrom(...DEFAULT_TEMPLATES);
const anyStart = fc.integer({ min: toEpochDay('2020-01-01'), max: toEpochDay('2035-12-31') }).map(fromEpochDay);

function item(plan: JourneyPlan, id: string) {
  const found = plan.items.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id} in plan`);
  return found;
}

const lateMilestone: Milestone = {
  id: 'check-in',
  kind: 'coach-talk',
  title: 'Tussentijds gesprek',
  dueOffsetDays: 57,
  responsibleRole: 'mentor',
  reminderOffsetDays: -2,
  escalationOffsetDays: 7,
};

describe('buildPlan', () => {
  const plan = buildPlan(rvdkTemplate, '2025-03-03', '2025-01-15');

  it('dates every task, card, mail, milestone and survey step from the start date', () => {
    expect(item(plan, 'task:read-cv-and-ask-interviewers')).toMatchObject({
      kind: 'preboarding-task',
      ownerRole: 'manager',
      dueDate: '2025-02-17',
      reminderDate: '2025-02-15',
      escalationDate: '2025-02-20',
    });
    expect(item(plan, 'welcome-card')).toMatchObject({
      title: 'Welkomstkaart en bloemen bezorgen',
      dueDate: '2025-03-01',
    });
    expect(item(plan, 'welcome-mail')).toMatchObject({ dueDate: '2025-02-24', ownerRole: null, reminderDate: null });
    expect(item(plan, 'mentor-coffee-moment').dueDate).toBe('2025-02-26');
    expect(item(plan, 'milestone:product-training-1')).toMatchObject({
      milestoneKind: 'training',
      dueDate: '2025-06-01',
    });
    expect(item(plan, 'survey-invitation').dueDate).toBe('2025-06-01');
    expect(item(plan, 'survey-reminder').dueDate).toBe('2025-06-08');
    expect(item(plan, 'survey-phone-follow-up')).toMatchObject({ ownerRole: 'hr', dueDate: '2025-06-15' });
    expect(item(plan, 'programme-end').dueDate).toBe('2027-03-03');
    expect(plan).toMatchObject({
      templateId: rvdkTemplate.id,
      templateVersion: 1,
      endDate: '2027-03-03',
      pausedSince: null,
    });
  });

  it('lists items by due date, then id', () => {
    const keys = plan.items.map((entry) => `${entry.dueDate} ${entry.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('leaves out a phone follow-up and flowers the template does not ask for', () => {
    const jb = buildPlan(jbWestTemplate, '2025-03-03', '2025-01-15');
    expect(jb.items.map((entry) => entry.id)).not.toContain('survey-phone-follow-up');
    expect(item(jb, 'welcome-card').title).toBe('Welkomstkaart versturen');
    expect(item(jb, 'milestone:full-caseload').dueDate).toBe('2025-10-02');
  });

  it('handles leap years and month ends', () => {
    expect(
      item(buildPlan(rivierenlandTemplate, '2024-02-01', '2024-01-01'), 'milestone:first-month-without-caseload')
        .dueDate,
    ).toBe('2024-03-02');
    expect(
      item(buildPlan(rivierenlandTemplate, '2025-02-01', '2025-01-01'), 'milestone:first-month-without-caseload')
        .dueDate,
    ).toBe('2025-03-03');
    expect(item(buildPlan(rivierenlandTemplate, '2025-01-31', '2025-01-01'), 'survey-invitation').dueDate).toBe(
      '2025-05-01',
    );
    expect(
      item(buildPlan(rivierenlandTemplate, '2026-01-05', '2025-12-01'), 'task:read-cv-and-ask-interviewers').dueDate,
    ).toBe('2025-12-22');
    expect(buildPlan(rvdkTemplate, '2024-02-29', '2024-01-01').endDate).toBe('2026-02-28'); // 730 days, 2024 leap day already behind
  });

  it('puts nothing in the past for a hire registered late', () => {
    const late = buildPlan(rvdkTemplate, '2025-03-03', '2025-02-26');
    expect(item(late, 'task:read-cv-and-ask-interviewers')).toMatchObject({
      dueDate: '2025-02-26',
      reminderDate: null,
      escalationDate: '2025-03-01',
    });
    expect(item(late, 'task:accounts-ready')).toMatchObject({ dueDate: '2025-02-28', reminderDate: '2025-02-26' });
  });

  it('applies per-hire changes', () => {
    const changed = buildPlan(rivierenlandTemplate, '2025-03-03', '2025-01-15', [
      { kind: 'drop-milestone', milestoneId: 'caseload-build-up-check' },
      { kind: 'add-milestone', milestone: lateMilestone },
    ]);
    expect(changed.items.map((entry) => entry.id)).not.toContain('milestone:caseload-build-up-check');
    expect(item(changed, 'milestone:check-in').dueDate).toBe('2025-04-29');
  });

  it('refuses a date that is not one', () => {
    expect(() => buildPlan(rvdkTemplate, '2025-02-30', '2025-01-01')).toThrow(/Geen geldige startdatum/);
  });
});

describe('the order of a plan', () => {
  it('puts items due on the same day in id order, whatever order the template lists them in', () => {
    const task = rivierenlandTemplate.preboardingTasks[0]!;
    const ids = ['c-laptop', 'a-badge', 'e-keys', 'b-account', 'd-desk'];
    for (const order of [ids, [...ids].reverse(), [...ids].sort(), [...ids].sort().reverse()]) {
      const template = {
        ...rivierenlandTemplate,
        preboardingTasks: order.map((id) => ({ ...task, id, dueOffsetDays: -3 })),
      };
      const plan = buildPlan(template, '2026-09-01', '2026-08-01');
      const sameDay = plan.items.filter((planned) => planned.dueDate === '2026-08-29').map((planned) => planned.id);
      expect(sameDay).toEqual(['a-badge', 'b-account', 'c-laptop', 'd-desk', 'e-keys'].map((id) => `task:${id}`));
    }
  });
});

describe('moveStartDate', () => {
  it('moves every relative date and the end of the programme', () => {
    const plan = buildPlan(rvdkTemplate, '2025-03-03', '2025-01-15');
    const moved = moveStartDate(plan, '2025-03-31');
    for (const before of plan.items) {
      const after = item(moved, before.id);
      expect(daysBetween(before.dueDate, after.dueDate)).toBe(28);
      if (before.escalationDate) expect(daysBetween(before.escalationDate, after.escalationDate!)).toBe(28);
    }
    expect(moved.endDate).toBe('2027-03-31');
  });

  it('gives a task squeezed by a late registration its own date back when the start moves later', () => {
    const late = buildPlan(rvdkTemplate, '2025-03-03', '2025-02-26');
    const moved = moveStartDate(late, '2025-04-01', '2025-02-27');
    expect(item(moved, 'task:read-cv-and-ask-interviewers')).toMatchObject({
      dueDate: '2025-03-18',
      reminderDate: '2025-03-16',
    });
  });

  it('is undone by moving back, for any template, start and shift', () => {
    fc.assert(
      fc.property(anyTemplate, anyStart, fc.integer({ min: -60, max: 120 }), (template, start, shift) => {
        const today = addDays(start, -400); // early enough that no date is squeezed
        const plan = buildPlan(template, start, today);
        const moved = moveStartDate(plan, addDays(start, shift));
        expect(
          moved.items.map((entry) => daysBetween(plan.items.find((p) => p.id === entry.id)!.dueDate, entry.dueDate)),
        ).toEqual(moved.items.map(() => shift));
        expect(moveStartDate(moved, start)).toEqual(plan);
      }),
    );
  });
});

describe('pause and resume for long leave', () => {
  const plan = buildPlan(rvdkTemplate, '2025-03-03', '2025-01-15', [
    { kind: 'add-milestone', milestone: lateMilestone },
  ]);
  const resumed = resumePlan(pausePlan(plan, '2025-05-01'), '2025-07-01'); // 61 days of leave

  it('moves what was still ahead by the days paused and leaves the past alone', () => {
    expect(item(resumed, 'survey-invitation').dueDate).toBe('2025-08-01');
    expect(item(resumed, 'milestone:product-training-1')).toMatchObject({
      dueDate: '2025-08-01',
      reminderDate: '2025-07-25',
    });
    expect(item(resumed, 'milestone:tailor-programme')).toEqual(item(plan, 'milestone:tailor-programme'));
    expect(resumed.endDate).toBe(addDays('2027-03-03', 61));
    expect(resumed.pauses).toEqual([{ from: '2025-05-01', until: '2025-07-01', days: 61 }]);
    expect(resumed.pausedSince).toBeNull();
  });

  it('holds back an escalation that was still to come for an item already overdue', () => {
    expect(item(resumed, 'milestone:check-in')).toMatchObject({ dueDate: '2025-04-29', escalationDate: '2025-07-06' });
  });

  it('keeps the leave counted when the start date moves afterwards', () => {
    const moved = moveStartDate(resumed, '2025-03-10', '2025-07-02');
    expect(item(moved, 'survey-invitation').dueDate).toBe('2025-08-08');
    expect(moved.endDate).toBe(addDays('2027-03-10', 61));
  });

  it('refuses what cannot happen, in Dutch', () => {
    expect(() => resumePlan(plan, '2025-07-01')).toThrow(/staat niet stil/);
    expect(() => pausePlan(pausePlan(plan, '2025-05-01'), '2025-05-02')).toThrow(/staat al stil sinds 2025-05-01/);
    expect(() => resumePlan(pausePlan(plan, '2025-05-01'), '2025-04-30')).toThrow(/vóór het begon/);
  });

  it('moves no date backwards and no date that had passed, for any leave', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 800 }), fc.integer({ min: 0, max: 400 }), (pauseAt, length) => {
        const from = addDays(plan.startDate, pauseAt);
        const after = resumePlan(pausePlan(plan, from), addDays(from, length));
        for (const before of plan.items) {
          const now = item(after, before.id);
          const expected = compareDates(before.dueDate, from) >= 0 ? addDays(before.dueDate, length) : before.dueDate;
          expect(now.dueDate).toBe(expected);
        }
      }),
    );
  });
});

describe('changePlan on a running journey', () => {
  const plan = resumePlan(pausePlan(buildPlan(jbWestTemplate, '2025-03-03', '2025-01-15'), '2025-04-01'), '2025-04-11');

  it('adds a milestone counted from the start and moved on by leave already taken', () => {
    const changed = changePlan(plan, { kind: 'add-milestone', milestone: lateMilestone }, '2025-04-20');
    expect(item(changed, 'milestone:check-in').dueDate).toBe('2025-05-09'); // day 57 = 2025-04-29, plus 10 days of leave
  });

  it('moves and drops one milestone and leaves the others as they were', () => {
    const moved = changePlan(
      plan,
      { kind: 'move-milestone', milestoneId: 'full-caseload', dueOffsetDays: 150 },
      '2025-04-20',
    );
    expect(item(moved, 'milestone:full-caseload').dueDate).toBe('2025-08-10'); // day 150 = 07-31, plus 10
    expect(item(moved, 'milestone:development-assessment')).toEqual(item(plan, 'milestone:development-assessment'));
    const dropped = changePlan(plan, { kind: 'drop-milestone', milestoneId: 'full-caseload' }, '2025-04-20');
    expect(dropped.items).toHaveLength(plan.items.length - 1);
  });

  it('refuses an unknown milestone, a duplicate and a day outside the programme', () => {
    expect(() => changePlan(plan, { kind: 'drop-milestone', milestoneId: 'nope' }, '2025-04-20')).toThrow(
      JourneyTemplateChangeError,
    );
    expect(() =>
      changePlan(plan, { kind: 'add-milestone', milestone: { ...lateMilestone, id: 'full-caseload' } }, '2025-04-20'),
    ).toThrow(/bestaat al/);
    expect(() =>
      changePlan(plan, { kind: 'move-milestone', milestoneId: 'full-caseload', dueOffsetDays: 366 }, '2025-04-20'),
    ).toThrow(/einde van het programma/);
  });
});

describe('changePlan refusals', () => {
  const plan = buildPlan(jbWestTemplate, '2025-03-03', '2025-01-15');
  const today = '2025-04-20';
  const problemsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(JourneyTemplateChangeError);
      return (error as JourneyTemplateChangeError).problems;
    }
    throw new Error('changePlan accepted the change');
  };

  it('checks an added milestone as a template does, and says what is wrong with it', () => {
    expect(
      problemsOf(() => changePlan(plan, { kind: 'add-milestone', milestone: { ...lateMilestone, title: ' ' } }, today)),
    ).toEqual([{ path: 'milestone.title', message: 'Een mijlpaal heeft een titel nodig.' }]);
    expect(
      problemsOf(() =>
        changePlan(plan, { kind: 'add-milestone', milestone: { ...lateMilestone, dueOffsetDays: 366 } }, today),
      ),
    ).toEqual([
      {
        path: 'milestone.dueOffsetDays',
        message: 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.',
      },
    ]);
  });

  it('refuses an id a milestone or a pre-boarding task of the journey already has', () => {
    for (const id of ['full-caseload', 'accounts-ready']) {
      expect(
        problemsOf(() => changePlan(plan, { kind: 'add-milestone', milestone: { ...lateMilestone, id } }, today)),
      ).toEqual([{ path: 'milestone.id', message: `De id "${id}" bestaat al in deze reis.` }]);
    }
  });

  it('refuses to drop or move a milestone the journey does not have', () => {
    expect(problemsOf(() => changePlan(plan, { kind: 'drop-milestone', milestoneId: 'nope' }, today))).toEqual([
      { path: 'milestoneId', message: 'Deze reis heeft geen mijlpaal "nope".' },
    ]);
    expect(
      problemsOf(() => changePlan(plan, { kind: 'move-milestone', milestoneId: 'nope', dueOffsetDays: 10 }, today)),
    ).toEqual([{ path: 'milestoneId', message: 'Deze reis heeft geen mijlpaal "nope".' }]);
    // A task is not a milestone, even with the same id.
    expect(
      problemsOf(() => changePlan(plan, { kind: 'drop-milestone', milestoneId: 'accounts-ready' }, today)),
    ).toHaveLength(1);
  });

  it('moves a milestone only to a whole day from day one to the last day of the programme', () => {
    for (const dueOffsetDays of [-1, 366, 1.5]) {
      expect(
        problemsOf(() =>
          changePlan(plan, { kind: 'move-milestone', milestoneId: 'full-caseload', dueOffsetDays }, today),
        ),
      ).toEqual([
        {
          path: 'dueOffsetDays',
          message: 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.',
        },
      ]);
    }
    expect(
      item(
        changePlan(plan, { kind: 'move-milestone', milestoneId: 'full-caseload', dueOffsetDays: 365 }, today),
        'milestone:full-caseload',
      ).dueDate,
    ).toBe('2026-03-03');
    // Day 0 has passed on the day of the change: it is due that day, not in the past.
    expect(
      item(
        changePlan(plan, { kind: 'move-milestone', milestoneId: 'full-caseload', dueOffsetDays: 0 }, today),
        'milestone:full-caseload',
      ).dueDate,
    ).toBe(today);
  });

  it('refuses a day of change that is not a date', () => {
    expect(() => changePlan(plan, { kind: 'drop-milestone', milestoneId: 'full-caseload' }, '2025-04-31')).toThrow(
      new RangeError('Geen geldige vandaag (JJJJ-MM-DD): "2025-04-31"'),
    );
  });

  it('keeps the plan in date order after a change', () => {
    const moved = changePlan(
      plan,
      { kind: 'move-milestone', milestoneId: 'development-assessment', dueOffsetDays: 20 },
      '2025-01-15',
    );
    const keys = moved.items.map((entry) => `${entry.dueDate} ${entry.id}`);
    expect(keys).toEqual([...keys].sort());
    const added = changePlan(
      plan,
      { kind: 'add-milestone', milestone: { ...lateMilestone, dueOffsetDays: 1 } },
      '2025-01-15',
    );
    const addedKeys = added.items.map((entry) => `${entry.dueDate} ${entry.id}`);
    expect(addedKeys).toEqual([...addedKeys].sort());
    expect(item(added, 'milestone:check-in')).toMatchObject({
      dueDate: '2025-03-04',
      reminderDate: '2025-03-02',
      escalationDate: '2025-03-11',
      pauseShiftDays: 0,
    });
  });
});

describe('planActions', () => {
  it('lists reminders, due days and escalations in the order they happen', () => {
    const actions = planActions(buildPlan(rivierenlandTemplate, '2025-03-03', '2025-01-15'));
    expect(actions.slice(0, 3)).toEqual([
      // The VOG request comes first: four weeks before day one (youthCareCompliance.ts).
      { date: '2025-01-31', itemId: 'task:vog-application', action: 'reminder' },
      { date: '2025-02-03', itemId: 'task:vog-application', action: 'due' },
      { date: '2025-02-06', itemId: 'task:vog-application', action: 'escalation' },
    ]);
    const dates = actions.map((action) => action.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('any plan', () => {
  it('has unique ids, no date before the day it was planned, and escalations after due days', () => {
    fc.assert(
      fc.property(anyTemplate, anyStart, fc.integer({ min: -200, max: 200 }), (template, start, registeredOffset) => {
        const today = addDays(start, registeredOffset);
        const plan = buildPlan(template, start, today);
        expect(new Set(plan.items.map((entry) => entry.id)).size).toBe(plan.items.length);
        for (const entry of plan.items) {
          expect(compareDates(entry.dueDate, today)).toBeGreaterThanOrEqual(0);
          if (entry.reminderDate) expect(compareDates(entry.reminderDate, today)).toBeGreaterThanOrEqual(0);
          if (entry.escalationDate) expect(compareDates(entry.escalationDate, entry.dueDate)).toBeGreaterThan(0);
        }
      }),
    );
  });
});
