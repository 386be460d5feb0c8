import { rvdkTemplate } from './defaultTemplates';
import { JourneyTemplateChangeError, type JourneyTemplate, type Milestone } from './journeyTemplate';
import { type JourneyPlan, buildPlan, changePlan, moveStartDate, pausePlan, planActions, resumePlan } from './schedule';

/**
 * What a plan's items are called and carry, exactly: the names people read in mails, pages and digests (nl and en),
 * the gates and legal sources of compliance items, who hears of an overdue item, and the order of items and actions
 * on one day. Each expectation is written out, so a changed name or a lost field fails here.
 */
const START = '2025-03-03';
const PLANNED_ON = '2025-01-15';

function item(plan: JourneyPlan, id: string) {
  const found = plan.items.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id} in plan`);
  return found;
}

const names = (plan: JourneyPlan, id: string) => {
  const { title, titleEn } = item(plan, id);
  return { title, titleEn };
};

describe('the items every plan has, by name', () => {
  const plan = buildPlan(rvdkTemplate, START, PLANNED_ON);

  it.each([
    ['mentor-coffee-moment', 'Koffiemoment met de mentor', 'Coffee with the mentor'],
    ['mentor-period-end', 'Einde van de mentorperiode', 'End of the mentoring period'],
    ['survey-invitation', 'Uitnodiging anonieme vragenlijst na 90 dagen', 'Invitation to the anonymous 90-day survey'],
    ['survey-reminder', 'Herinnering anonieme vragenlijst', 'Reminder of the anonymous survey'],
    [
      'survey-phone-follow-up',
      'Bel de nieuwe collega na over de eerste 90 dagen',
      'Call the new colleague about the first 90 days',
    ],
    ['programme-end', 'Einde van het inwerkprogramma', 'End of the onboarding programme'],
  ])('names the mentor, survey or programme step %s in Dutch and English', (id, title, titleEn) => {
    expect(names(plan, id)).toEqual({ title, titleEn });
  });

  it.each([
    [true, true, 'Welkomstkaart en bloemen bezorgen', 'Deliver the welcome card and flowers'],
    [true, false, 'Welkomstkaart versturen', 'Send the welcome card'],
    [false, true, 'Bloemen bezorgen', 'Deliver flowers'],
  ])('names the welcome item by what is sent (card %s, flowers %s)', (card, flowers, title, titleEn) => {
    const template: JourneyTemplate = { ...rvdkTemplate, welcomeCard: { ...rvdkTemplate.welcomeCard, card, flowers } };
    expect(names(buildPlan(template, START, PLANNED_ON), 'welcome-card')).toEqual({ title, titleEn });
  });

  it('plans no welcome item when neither a card nor flowers are sent', () => {
    const template: JourneyTemplate = {
      ...rvdkTemplate,
      welcomeCard: { ...rvdkTemplate.welcomeCard, card: false, flowers: false },
    };
    expect(buildPlan(template, START, PLANNED_ON).items.map((candidate) => candidate.id)).not.toContain('welcome-card');
  });
});

describe('compliance items in the plan', () => {
  const [firstTask] = rvdkTemplate.preboardingTasks;
  const source = { rule: 'Verklaring Omtrent het Gedrag vóór de eerste werkdag', reference: 'Jeugdwet art. 4.1.6' };
  const gated: Milestone = {
    id: 'vog-checked',
    kind: 'coach-talk',
    title: 'VOG gecontroleerd',
    dueOffsetDays: 10,
    responsibleRole: 'hr',
    reminderOffsetDays: -1,
    escalationOffsetDays: 2,
    escalateTo: 'hr',
    source,
    // A task and a milestone of the template, and an id it does not have (dropped: the gate cannot wait on it).
    requires: [firstTask!.id, rvdkTemplate.milestones[0]!.id, 'not-in-this-template'],
  };
  const template: JourneyTemplate = { ...rvdkTemplate, milestones: [...rvdkTemplate.milestones, gated] };
  const plan = buildPlan(template, START, PLANNED_ON);

  it('carries the gates as plan ids, the legal source and who hears of it once overdue', () => {
    expect(item(plan, 'milestone:vog-checked')).toMatchObject({
      requires: [`task:${firstTask!.id}`, `milestone:${rvdkTemplate.milestones[0]!.id}`],
      source,
      followUp: { reminderOffsetDays: -1, escalationOffsetDays: 2, escalateTo: 'hr' },
    });
  });

  it('leaves the fields out of an item without gates, source or escalation role', () => {
    const plain = item(plan, `milestone:${rvdkTemplate.milestones[0]!.id}`);
    expect(Object.keys(plain)).not.toEqual(expect.arrayContaining(['requires']));
    expect(Object.keys(plain)).not.toEqual(expect.arrayContaining(['source']));
    expect(Object.keys(plain.followUp!)).toEqual(['reminderOffsetDays', 'escalationOffsetDays']);
  });

  it('refuses a milestone added to a running journey that waits on something the journey does not have', () => {
    const running = buildPlan(rvdkTemplate, START, PLANNED_ON);
    const change = { kind: 'add-milestone' as const, milestone: { ...gated, requires: ['not-in-this-journey'] } };
    let refusal: unknown;
    try {
      changePlan(running, change, PLANNED_ON);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(JourneyTemplateChangeError);
    expect((refusal as JourneyTemplateChangeError).problems).toEqual([
      {
        path: 'milestone.requires',
        message: 'Onbekende taak of mijlpaal "not-in-this-journey"; een voorwaarde moet in deze reis staan.',
      },
    ]);
    // Waiting on what the journey has is accepted, as its plan id.
    const accepted = changePlan(running, { ...change, milestone: { ...gated, requires: [firstTask!.id] } }, PLANNED_ON);
    expect(item(accepted, 'milestone:vog-checked').requires).toEqual([`task:${firstTask!.id}`]);
  });
});

describe('order on one day', () => {
  it('lists items due on the same day by id, in code-unit order', () => {
    const sameDay = (id: string): Milestone => ({
      id,
      kind: 'coach-talk',
      title: id,
      dueOffsetDays: 40,
      responsibleRole: 'mentor',
      reminderOffsetDays: -1,
      escalationOffsetDays: 3,
    });
    // Upper case sorts before lower case by code unit, whatever the locale says.
    const template: JourneyTemplate = { ...rvdkTemplate, milestones: [sameDay('b'), sameDay('a'), sameDay('B')] };
    const ids = buildPlan(template, START, PLANNED_ON)
      .items.filter((candidate) => candidate.dueOffsetDays === 40)
      .map((candidate) => candidate.id);
    expect(ids).toEqual(['milestone:B', 'milestone:a', 'milestone:b']);
  });

  it('orders the actions of one day as reminder, due, escalation, then by item id', () => {
    const actions = planActions(buildPlan(rvdkTemplate, START, PLANNED_ON));
    const rank = { reminder: 0, due: 1, escalation: 2 } as const;
    for (let index = 1; index < actions.length; index += 1) {
      const [before, after] = [actions[index - 1]!, actions[index]!];
      const key = (action: typeof before) => [action.date, rank[action.action], action.itemId] as const;
      const [a, b] = [key(before), key(after)];
      const inOrder = a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
      expect({ before, after, inOrder }).toEqual({ before, after, inOrder: true });
    }
    // The plan has days with more than one kind of action, and days with several items of one kind: both rules bite.
    const byDay = new Map<string, typeof actions>();
    for (const action of actions) byDay.set(action.date, [...(byDay.get(action.date) ?? []), action]);
    const days = [...byDay.values()];
    expect(days.some((day) => new Set(day.map((action) => action.action)).size > 1)).toBe(true);
    expect(days.some((day) => day.filter((action) => action.action === 'due').length > 1)).toBe(true);
  });
});

describe('a leave', () => {
  it('moves an item due on the first day of the leave by the whole leave', () => {
    const plan = buildPlan(rvdkTemplate, START, PLANNED_ON);
    const milestone = plan.items.find((candidate) => candidate.kind === 'milestone')!;
    const paused = pausePlan(plan, milestone.dueDate);
    const resumed = resumePlan(paused, '2026-01-01');
    const days = resumed.pauses[0]!.days;
    expect(days).toBeGreaterThan(0);
    expect(item(resumed, milestone.id)).toMatchObject({
      pauseShiftDays: milestone.pauseShiftDays + days,
      dueDate: '2026-01-01',
    });
  });

  it('names the date it could not read, in Dutch', () => {
    const plan = buildPlan(rvdkTemplate, START, PLANNED_ON);
    expect(() => buildPlan(rvdkTemplate, START, '15-01-2025')).toThrow(
      'Geen geldige vandaag (JJJJ-MM-DD): "15-01-2025"',
    );
    expect(() => moveStartDate(plan, '2025-02-30')).toThrow(
      'Geen geldige nieuwe startdatum (JJJJ-MM-DD): "2025-02-30"',
    );
    expect(() => moveStartDate(plan, '2025-04-01', 'morgen')).toThrow('Geen geldige vandaag (JJJJ-MM-DD): "morgen"');
    expect(() => pausePlan(plan, '2025-13-01')).toThrow('Geen geldige begin van het verlof (JJJJ-MM-DD): "2025-13-01"');
    const paused = pausePlan(plan, '2025-04-01');
    expect(() => resumePlan(paused, 'gisteren')).toThrow('Geen geldige einde van het verlof (JJJJ-MM-DD): "gisteren"');
    expect(() =>
      changePlan(plan, { kind: 'drop-milestone', milestoneId: rvdkTemplate.milestones[0]!.id }, '2025/01/15'),
    ).toThrow('Geen geldige vandaag (JJJJ-MM-DD): "2025/01/15"');
  });
});
