import { DEFAULT_TEMPLATES, jbWestTemplate, rivierenlandTemplate, rvdkTemplate } from './defaultTemplates';
import {
  type JourneyTemplate,
  JourneyTemplateChangeError,
  type Milestone,
  addMilestone,
  applyMilestoneChanges,
  dropMilestone,
  milestoneChangeProblems,
  moveMilestone,
  validateJourneyTemplate,
} from './journeyTemplate';

const coachTalk: Milestone = {
  id: 'extra-coach-talk',
  kind: 'coach-talk',
  title: 'Extra gesprek met de coach',
  dueOffsetDays: 45,
  responsibleRole: 'mentor',
  reminderOffsetDays: -3,
  escalationOffsetDays: 5,
};

function paths(template: JourneyTemplate): string[] {
  return validateJourneyTemplate(template).map((problem) => problem.path);
}

describe('the default templates', () => {
  it.each(DEFAULT_TEMPLATES.map((template) => [template.id, template] as const))('%s is valid', (_id, template) => {
    expect(validateJourneyTemplate(template)).toEqual([]);
  });

  it('carry what the research says each organisation does', () => {
    expect(rvdkTemplate.programmeLengthDays).toBe(730);
    expect(rvdkTemplate.welcomeCard).toMatchObject({ card: true, flowers: true });
    expect(rvdkTemplate.milestones.filter((m) => m.id.startsWith('product-training-'))).toHaveLength(4);
    expect(rvdkTemplate.survey).toMatchObject({ dayOffset: 90 });
    expect(rvdkTemplate.survey.phoneFollowUpAfterDays).toBeGreaterThan(0);
    expect(jbWestTemplate.milestones.find((m) => m.id === 'full-caseload')?.dueOffsetDays).toBe(213);
    expect(jbWestTemplate.milestones.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['training', 'intervision', 'coach-talk', 'caseload-build-up', 'development-assessment']),
    );
    expect(rivierenlandTemplate.mentor.hoursPerWeek).toBe(5);
    expect(rivierenlandTemplate.milestones[0]).toMatchObject({ kind: 'no-caseload-period', dueOffsetDays: 30 });
  });
});

describe('validateJourneyTemplate', () => {
  it('reports every problem at once, in Dutch, with where it is', () => {
    const broken: JourneyTemplate = {
      ...rivierenlandTemplate,
      id: ' ',
      version: 0,
      preboardingTasks: [
        { ...rivierenlandTemplate.preboardingTasks[0]!, dueOffsetDays: 3 },
        { ...rivierenlandTemplate.preboardingTasks[0]!, ownerRole: 'janitor' as never },
      ],
      welcomeCard: { ...rivierenlandTemplate.welcomeCard, dueOffsetDays: 0 },
      mentor: { ...rivierenlandTemplate.mentor, answerWindowDays: 0, hoursPerWeek: 50, coffeeMomentOffsetDays: 2 },
      milestones: [{ ...coachTalk, dueOffsetDays: 400, kind: 'party' as never }],
      survey: { dayOffset: 90, reminderAfterDays: 0 },
    };
    const problems = validateJourneyTemplate(broken);
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      [
        'id',
        'version',
        'preboardingTasks[0].dueOffsetDays',
        'preboardingTasks[1].id',
        'preboardingTasks[1].ownerRole',
        'welcomeCard.dueOffsetDays',
        'mentor.answerWindowDays',
        'mentor.hoursPerWeek',
        'mentor.coffeeMomentOffsetDays',
        'milestones[0].kind',
        'milestones[0].dueOffsetDays',
        'survey.reminderAfterDays',
      ].sort(),
    );
    expect(problems.find((p) => p.path === 'preboardingTasks[1].id')?.message).toMatch(/komt meer dan één keer voor/);
    expect(problems.find((p) => p.path === 'welcomeCard.dueOffsetDays')?.message).toMatch(/vóór de eerste werkdag/);
  });

  it('wants escalation after the due day and after the reminder', () => {
    const [base, ...others] = rivierenlandTemplate.preboardingTasks;
    expect(
      paths({ ...rivierenlandTemplate, preboardingTasks: [{ ...base!, escalationOffsetDays: 0 }, ...others] }),
    ).toEqual(['preboardingTasks[0].escalationOffsetDays']);
    expect(
      paths({
        ...rivierenlandTemplate,
        preboardingTasks: [{ ...base!, reminderOffsetDays: 4, escalationOffsetDays: 2 }, ...others],
      }),
    ).toEqual(['preboardingTasks[0].reminderOffsetDays']);
  });

  it('refuses fractional days, a survey outside the programme and an id shared by a task and a milestone', () => {
    const taskId = rivierenlandTemplate.preboardingTasks[0]!.id;
    expect(
      paths({
        ...rivierenlandTemplate,
        programmeLengthDays: 60,
        milestones: [{ ...coachTalk, id: taskId, dueOffsetDays: 1.5 }],
      }),
    ).toEqual(
      expect.arrayContaining([
        'mentor.programmeLengthDays',
        'milestones[0].dueOffsetDays',
        'milestones[0].id',
        'survey.dayOffset',
      ]),
    );
  });
});

describe('validateJourneyTemplate, rule by rule', () => {
  const task = rivierenlandTemplate.preboardingTasks[0]!;
  const valid: JourneyTemplate = { ...rivierenlandTemplate, preboardingTasks: [task], milestones: [coachTalk] };
  const problemsOf = (change: Partial<JourneyTemplate>) => validateJourneyTemplate({ ...valid, ...change });
  const ROLES = 'hr, manager, mentor, team, it, facilities, new-hire';
  // Problems more than one rule below names.
  const MENTOR_PERIOD_PROBLEM = {
    path: 'mentor.programmeLengthDays',
    message: 'De mentorperiode duurt minstens één dag en niet langer dan het programma.',
  };
  const SURVEY_DAY_PROBLEM = {
    path: 'survey.dayOffset',
    message: 'De vragenlijst gaat uit na de eerste werkdag en binnen het programma.',
  };
  const KINDS =
    'no-caseload-period, intervision, development-assessment, caseload-build-up, training, coach-talk, registration';

  it('says in Dutch what is wrong with the template itself', () => {
    expect(
      problemsOf({
        id: '',
        organisationId: ' ',
        name: 7 as never,
        version: 1.5,
        programmeLengthDays: 0,
        survey: { dayOffset: 0, reminderAfterDays: 7 },
        mentor: { ...valid.mentor, programmeLengthDays: 1 },
        milestones: [],
      }),
    ).toEqual([
      { path: 'id', message: 'Het sjabloon heeft geen id.' },
      { path: 'organisationId', message: 'Het sjabloon hoort bij geen organisatie.' },
      { path: 'name', message: 'Het sjabloon heeft geen naam.' },
      { path: 'version', message: 'De versie moet een heel getal van 1 of hoger zijn.' },
      {
        path: 'programmeLengthDays',
        message: 'De duur van het programma moet een heel aantal dagen van 1 of meer zijn.',
      },
      MENTOR_PERIOD_PROBLEM,
      SURVEY_DAY_PROBLEM,
    ]);
    expect(problemsOf({ version: 1, programmeLengthDays: 1.5 }).map((problem) => problem.path)).toContain(
      'programmeLengthDays',
    );
    expect(problemsOf({ version: 2 })).toEqual([]);
  });

  it('says in Dutch what is wrong with a task, a card and a welcome mail', () => {
    expect(
      problemsOf({
        preboardingTasks: [
          {
            ...task,
            id: ' ',
            title: '',
            ownerRole: 'janitor' as never,
            dueOffsetDays: 1,
            reminderOffsetDays: 0.5,
            escalationOffsetDays: 'x' as never,
          },
        ],
        welcomeCard: {
          ...valid.welcomeCard,
          ownerRole: 'florist' as never,
          dueOffsetDays: 0,
          welcomeMailOffsetDays: 1,
          reminderOffsetDays: 2,
          escalationOffsetDays: 2,
        },
      }),
    ).toEqual([
      { path: 'preboardingTasks[0].id', message: 'Een taak of mijlpaal heeft geen id.' },
      { path: 'preboardingTasks[0].title', message: 'Een taak heeft een titel nodig.' },
      { path: 'preboardingTasks[0].ownerRole', message: `Onbekende rol "janitor"; kies uit: ${ROLES}.` },
      {
        path: 'preboardingTasks[0].dueOffsetDays',
        message: 'Een pre-boardingtaak valt uiterlijk op de eerste werkdag (0 of eerder).',
      },
      { path: 'preboardingTasks[0].reminderOffsetDays', message: 'De herinnering moet een heel aantal dagen zijn.' },
      { path: 'preboardingTasks[0].escalationOffsetDays', message: 'Het escaleren moet een heel aantal dagen zijn.' },
      { path: 'welcomeCard.ownerRole', message: `Onbekende rol "florist"; kies uit: ${ROLES}.` },
      {
        path: 'welcomeCard.dueOffsetDays',
        message: 'De welkomstkaart moet vóór de eerste werkdag binnen zijn (-1 of eerder).',
      },
      { path: 'welcomeCard.reminderOffsetDays', message: 'De herinnering moet vóór het escaleren komen.' },
      {
        path: 'welcomeCard.welcomeMailOffsetDays',
        message: 'De welkomstmail gaat uiterlijk op de eerste werkdag uit (0 of eerder).',
      },
    ]);
    expect(problemsOf({ preboardingTasks: [{ ...task, escalationOffsetDays: 0 }] })).toEqual([
      {
        path: 'preboardingTasks[0].escalationOffsetDays',
        message: 'Escaleren naar de leidinggevende kan pas als iets te laat is (1 dag of later).',
      },
    ]);
    expect(problemsOf({ preboardingTasks: [{ ...task, dueOffsetDays: 0.5 }] })).toEqual([
      { path: 'preboardingTasks[0].dueOffsetDays', message: 'Dit moet een heel aantal dagen zijn.' },
    ]);
  });

  it('says in Dutch what is wrong with the mentor, a milestone and the survey', () => {
    expect(
      problemsOf({
        mentor: { answerWindowDays: 0.5, hoursPerWeek: 0, programmeLengthDays: 366, coffeeMomentOffsetDays: 0 },
        milestones: [
          {
            ...coachTalk,
            id: '',
            title: ' ',
            kind: 'party' as never,
            responsibleRole: 'boss' as never,
            dueOffsetDays: -1,
          },
          { ...coachTalk, id: task.id },
        ],
        survey: { dayOffset: 366, reminderAfterDays: 0.5, phoneFollowUpAfterDays: 0 },
      }),
    ).toEqual([
      { path: 'mentor.answerWindowDays', message: 'De mentor moet minstens één dag krijgen om te antwoorden.' },
      { path: 'mentor.hoursPerWeek', message: 'De begeleidingstijd moet tussen 0 en 40 uur per week liggen.' },
      MENTOR_PERIOD_PROBLEM,
      {
        path: 'mentor.coffeeMomentOffsetDays',
        message: 'Het koffiemoment met de mentor valt vóór de eerste werkdag (-1 of eerder).',
      },
      { path: 'milestones[0].id', message: 'Een mijlpaal heeft een id nodig.' },
      { path: 'milestones[0].title', message: 'Een mijlpaal heeft een titel nodig.' },
      { path: 'milestones[0].kind', message: `Onbekende soort mijlpaal "party"; kies uit: ${KINDS}.` },
      { path: 'milestones[0].responsibleRole', message: `Onbekende rol "boss"; kies uit: ${ROLES}.` },
      {
        path: 'milestones[0].dueOffsetDays',
        message: 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.',
      },
      { path: 'milestones[1].id', message: `De id "${task.id}" komt meer dan één keer voor.` },
      SURVEY_DAY_PROBLEM,
      {
        path: 'survey.reminderAfterDays',
        message: 'De herinnering voor de vragenlijst komt minstens één dag na de uitnodiging.',
      },
      { path: 'survey.phoneFollowUpAfterDays', message: 'Het nabellen komt minstens één dag na de uitnodiging.' },
    ]);
    expect(
      problemsOf({ mentor: { ...valid.mentor, hoursPerWeek: '5' as never } }).map((problem) => problem.path),
    ).toEqual(['mentor.hoursPerWeek']);
    expect(problemsOf({ mentor: { ...valid.mentor, hoursPerWeek: 40.5 } }).map((problem) => problem.path)).toEqual([
      'mentor.hoursPerWeek',
    ]);
    expect(
      problemsOf({ survey: { dayOffset: 90, reminderAfterDays: 7, phoneFollowUpAfterDays: 1.5 } }).map(
        (problem) => problem.path,
      ),
    ).toEqual(['survey.phoneFollowUpAfterDays']);
  });

  it('accepts every value on the edge of its range', () => {
    expect(
      problemsOf({
        version: 1,
        programmeLengthDays: 365,
        preboardingTasks: [
          { ...task, dueOffsetDays: -365 },
          { ...task, id: 'on-day-one', dueOffsetDays: 0, reminderOffsetDays: 0, escalationOffsetDays: 1 },
        ],
        welcomeCard: { ...valid.welcomeCard, dueOffsetDays: -1, welcomeMailOffsetDays: 0 },
        mentor: { answerWindowDays: 1, hoursPerWeek: 40, programmeLengthDays: 365, coffeeMomentOffsetDays: -1 },
        milestones: [
          { ...coachTalk, dueOffsetDays: 0 },
          { ...coachTalk, id: 'last-day', dueOffsetDays: 365 },
        ],
        survey: { dayOffset: 365, reminderAfterDays: 1, phoneFollowUpAfterDays: 1 },
      }),
    ).toEqual([]);
    expect(
      problemsOf({
        mentor: { ...valid.mentor, hoursPerWeek: 0.5, programmeLengthDays: 1, coffeeMomentOffsetDays: -365 },
      }),
    ).toEqual([]);
    expect(problemsOf({ welcomeCard: { ...valid.welcomeCard, dueOffsetDays: -365 } })).toEqual([]);
    expect(problemsOf({ welcomeCard: { ...valid.welcomeCard, welcomeMailOffsetDays: undefined } })).toEqual([]);
    expect(problemsOf({ preboardingTasks: [{ ...task, dueOffsetDays: -366 }] }).map((problem) => problem.path)).toEqual(
      ['preboardingTasks[0].dueOffsetDays'],
    );
    expect(
      problemsOf({ welcomeCard: { ...valid.welcomeCard, welcomeMailOffsetDays: -366 } }).map((problem) => problem.path),
    ).toEqual(['welcomeCard.welcomeMailOffsetDays']);
    expect(
      problemsOf({ mentor: { ...valid.mentor, coffeeMomentOffsetDays: -366 } }).map((problem) => problem.path),
    ).toEqual(['mentor.coffeeMomentOffsetDays']);
    expect(
      problemsOf({ welcomeCard: { ...valid.welcomeCard, dueOffsetDays: -366 } }).map((problem) => problem.path),
    ).toEqual(['welcomeCard.dueOffsetDays']);
    expect(problemsOf({ mentor: { ...valid.mentor, programmeLengthDays: 0 } }).map((problem) => problem.path)).toEqual([
      'mentor.programmeLengthDays',
    ]);
  });

  it('says in Dutch what is wrong with an offboarding task, and keeps a template of its own without one', () => {
    // An offboarding task's id shares the template's ids: one a pre-boarding task has is taken.
    expect(
      problemsOf({ offboardingTasks: [{ id: task.id, title: ' ', titleEn: '', ownerRole: 'nobody' as never }] }),
    ).toEqual([
      { path: 'offboardingTasks[0].id', message: `De id "${task.id}" komt meer dan één keer voor.` },
      { path: 'offboardingTasks[0].title', message: 'Een taak heeft een titel nodig.' },
      {
        path: 'offboardingTasks[0].titleEn',
        message: 'Een Engelse titel mag niet leeg zijn; laat hem weg of vul hem in.',
      },
      { path: 'offboardingTasks[0].ownerRole', message: `Onbekende rol "nobody"; kies uit: ${ROLES}.` },
    ]);
    expect(
      problemsOf({
        offboardingTasks: [{ id: 'keys-returned', title: 'Sleutels ingeleverd', ownerRole: 'facilities' }],
      }),
    ).toEqual([]);
  });

  it('takes a programme of one day and pulses from day one, each day once', () => {
    expect(problemsOf({ programmeLengthDays: 1 }).filter((problem) => problem.path === 'programmeLengthDays')).toEqual(
      [],
    );
    expect(problemsOf({ survey: { ...valid.survey, pulses: [{ dayOffset: 1 }, { dayOffset: 1 }] } })).toEqual([
      { path: 'survey.pulses[1].dayOffset', message: 'Er gaat al een korte vragenlijst uit op dag 1.' },
    ]);
  });

  it('gives a milestone with a missing id one problem, not a second for the id', () => {
    expect(
      problemsOf({
        milestones: [
          { ...coachTalk, id: '' },
          { ...coachTalk, id: '' },
        ],
      }).map((problem) => problem.path),
    ).toEqual(['milestones[0].id', 'milestones[1].id']);
  });
});

describe('changing the learning line for one hire', () => {
  it('adds, moves and drops milestones without touching the shared template', () => {
    const before = JSON.stringify(jbWestTemplate);
    const added = addMilestone(jbWestTemplate, coachTalk);
    expect(added.milestones.at(-1)).toEqual(coachTalk);
    const moved = moveMilestone(added, 'full-caseload', 150);
    expect(moved.milestones.find((m) => m.id === 'full-caseload')?.dueOffsetDays).toBe(150);
    const dropped = dropMilestone(moved, 'development-assessment');
    expect(dropped.milestones.map((m) => m.id)).not.toContain('development-assessment');
    expect(dropped.milestones).toHaveLength(jbWestTemplate.milestones.length);
    expect(JSON.stringify(jbWestTemplate)).toBe(before);
  });

  it('applies a list of changes in order', () => {
    const changed = applyMilestoneChanges(rivierenlandTemplate, [
      { kind: 'add-milestone', milestone: coachTalk },
      { kind: 'move-milestone', milestoneId: coachTalk.id, dueOffsetDays: 60 },
    ]);
    expect(changed.milestones.find((m) => m.id === coachTalk.id)?.dueOffsetDays).toBe(60);
  });

  it('explains in Dutch why a change cannot be made', () => {
    expect(milestoneChangeProblems(rvdkTemplate, { kind: 'drop-milestone', milestoneId: 'nope' })[0]?.message).toBe(
      'Deze reis heeft geen mijlpaal "nope".',
    );
    expect(
      milestoneChangeProblems(rvdkTemplate, {
        kind: 'add-milestone',
        milestone: { ...coachTalk, id: 'product-training-1' },
      }),
    ).toEqual([{ path: 'milestone.id', message: 'De id "product-training-1" bestaat al in deze reis.' }]);
    expect(
      milestoneChangeProblems(rvdkTemplate, {
        kind: 'move-milestone',
        milestoneId: 'product-training-1',
        dueOffsetDays: -1,
      }),
    ).toHaveLength(1);
    expect(() => moveMilestone(rvdkTemplate, 'product-training-1', 900)).toThrow(JourneyTemplateChangeError);
    expect(() => dropMilestone(rvdkTemplate, 'nope')).toThrow(/geen mijlpaal "nope"/);
  });

  it('refuses each change with its exact problems, and says them in the error', () => {
    expect(
      milestoneChangeProblems(rvdkTemplate, {
        kind: 'add-milestone',
        milestone: { ...coachTalk, id: 'read-cv-and-ask-interviewers', dueOffsetDays: 731 },
      }),
    ).toEqual([
      {
        path: 'milestone.dueOffsetDays',
        message: 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.',
      },
      { path: 'milestone.id', message: 'De id "read-cv-and-ask-interviewers" bestaat al in deze reis.' },
    ]);
    expect(
      milestoneChangeProblems(rvdkTemplate, { kind: 'move-milestone', milestoneId: 'nope', dueOffsetDays: 1.5 }),
    ).toEqual([
      { path: 'milestoneId', message: 'Deze reis heeft geen mijlpaal "nope".' },
      { path: 'dueOffsetDays', message: 'Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.' },
    ]);
    for (const dueOffsetDays of [0, 730]) {
      expect(
        milestoneChangeProblems(rvdkTemplate, {
          kind: 'move-milestone',
          milestoneId: 'product-training-1',
          dueOffsetDays,
        }),
      ).toEqual([]);
    }
    expect(
      milestoneChangeProblems(rvdkTemplate, {
        kind: 'move-milestone',
        milestoneId: 'product-training-1',
        dueOffsetDays: 731,
      }),
    ).toHaveLength(1);
    expect(milestoneChangeProblems(rvdkTemplate, { kind: 'add-milestone', milestone: coachTalk })).toEqual([]);
    const error = (() => {
      try {
        moveMilestone(rvdkTemplate, 'nope', -1);
      } catch (caught) {
        return caught as JourneyTemplateChangeError;
      }
      throw new Error('moveMilestone accepted the change');
    })();
    expect(error).toBeInstanceOf(JourneyTemplateChangeError);
    expect(error.name).toBe('JourneyTemplateChangeError');
    expect(error.message).toBe(
      'milestoneId: Deze reis heeft geen mijlpaal "nope". dueOffsetDays: Een mijlpaal valt tussen de eerste werkdag en het einde van het programma.',
    );
    expect(error.problems).toHaveLength(2);
  });

  it('moves and drops only the milestone named', () => {
    const moved = moveMilestone(jbWestTemplate, 'full-caseload', 150);
    expect(moved.milestones.map((m) => [m.id, m.dueOffsetDays])).toEqual(
      jbWestTemplate.milestones.map((m) => [m.id, m.id === 'full-caseload' ? 150 : m.dueOffsetDays]),
    );
    expect(dropMilestone(jbWestTemplate, 'full-caseload').milestones.map((m) => m.id)).toEqual(
      jbWestTemplate.milestones.map((m) => m.id).filter((id) => id !== 'full-caseload'),
    );
    expect(applyMilestoneChanges(jbWestTemplate, [])).toBe(jbWestTemplate);
  });
});

describe('validateJourneyTemplate: gates and legal sources', () => {
  const caseloadIndex = rivierenlandTemplate.milestones.findIndex((m) => m.id === 'first-own-caseload');
  const withMilestone = (index: number, patch: Partial<Milestone>): JourneyTemplate => ({
    ...rivierenlandTemplate,
    milestones: rivierenlandTemplate.milestones.map((m, i) => (i === index ? { ...m, ...patch } : m)),
  });

  it('refuses a gate that names no task or milestone of the template, or the item itself', () => {
    expect(validateJourneyTemplate(withMilestone(caseloadIndex, { requires: ['vog-on-file', 'nope'] }))).toEqual([
      {
        path: `milestones[${caseloadIndex}].requires[1]`,
        message: 'Onbekende taak of mijlpaal "nope"; een voorwaarde moet in deze reis staan.',
      },
    ]);
    expect(validateJourneyTemplate(withMilestone(caseloadIndex, { requires: ['first-own-caseload'] }))).toEqual([
      {
        path: `milestones[${caseloadIndex}].requires[0]`,
        message: '"first-own-caseload" kan niet op zichzelf wachten.',
      },
    ]);
  });

  it('refuses gates that wait on each other in a ring, naming the ring', () => {
    const ringed: JourneyTemplate = {
      ...rivierenlandTemplate,
      preboardingTasks: rivierenlandTemplate.preboardingTasks.map((task) =>
        task.id === 'vog-on-file' ? { ...task, requires: ['skj-registration'] } : task,
      ),
      milestones: rivierenlandTemplate.milestones.map((m) =>
        m.id === 'skj-registration' ? { ...m, requires: ['first-own-caseload'] } : m,
      ),
    };
    const problems = validateJourneyTemplate(ringed);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe(
      'Deze voorwaarden wachten in een kring op elkaar, dus niets ervan kan worden afgerond: ' +
        'vog-on-file → skj-registration → first-own-caseload → vog-on-file.',
    );
  });

  it('wants a legal source with its rule and where it is written, and a known role to escalate to', () => {
    const skjIndex = rivierenlandTemplate.milestones.findIndex((m) => m.id === 'skj-registration');
    expect(
      validateJourneyTemplate(
        withMilestone(skjIndex, { source: { rule: ' ', reference: '' }, escalateTo: 'boss' as never }),
      ).map((problem) => problem.path),
    ).toEqual([
      `milestones[${skjIndex}].escalateTo`,
      `milestones[${skjIndex}].source.rule`,
      `milestones[${skjIndex}].source.reference`,
    ]);
  });

  it('lets a per-hire milestone wait on the journey’s own items only', () => {
    const gated = { ...coachTalk, requires: ['vog-on-file'] };
    expect(milestoneChangeProblems(rivierenlandTemplate, { kind: 'add-milestone', milestone: gated })).toEqual([]);
    expect(
      milestoneChangeProblems(rivierenlandTemplate, {
        kind: 'add-milestone',
        milestone: { ...coachTalk, requires: ['nope'] },
      }),
    ).toEqual([
      {
        path: 'milestone.requires[0]',
        message: 'Onbekende taak of mijlpaal "nope"; een voorwaarde moet in deze reis staan.',
      },
    ]);
  });
});
