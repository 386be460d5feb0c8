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
    expect(rvdkTemplate.milestones.filter((m) => m.kind === 'training')).toHaveLength(4);
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
    const base = rivierenlandTemplate.preboardingTasks[0]!;
    expect(paths({ ...rivierenlandTemplate, preboardingTasks: [{ ...base, escalationOffsetDays: 0 }] })).toEqual([
      'preboardingTasks[0].escalationOffsetDays',
    ]);
    expect(
      paths({ ...rivierenlandTemplate, preboardingTasks: [{ ...base, reminderOffsetDays: 4, escalationOffsetDays: 2 }] }),
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
      expect.arrayContaining(['mentor.programmeLengthDays', 'milestones[0].dueOffsetDays', 'milestones[0].id', 'survey.dayOffset']),
    );
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
      milestoneChangeProblems(rvdkTemplate, { kind: 'add-milestone', milestone: { ...coachTalk, id: 'product-training-1' } }),
    ).toEqual([{ path: 'milestone.id', message: 'De id "product-training-1" bestaat al in deze reis.' }]);
    expect(
      milestoneChangeProblems(rvdkTemplate, { kind: 'move-milestone', milestoneId: 'product-training-1', dueOffsetDays: -1 }),
    ).toHaveLength(1);
    expect(() => moveMilestone(rvdkTemplate, 'product-training-1', 900)).toThrow(JourneyTemplateChangeError);
    expect(() => dropMilestone(rvdkTemplate, 'nope')).toThrow(/geen mijlpaal "nope"/);
  });
});
