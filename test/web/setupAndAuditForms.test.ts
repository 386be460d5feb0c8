import { DEFAULT_TEMPLATES } from '../../workflows/domain/defaultTemplates';
import { eventsBy, fromLocalInput, toLocalInput } from '../../web/src/features/audit/moments';
import { EMPTY_TASK, draftOf, templatePointers, versionOf } from '../../web/src/features/setup/templateDraft';
import type { JourneyTemplate } from '../../web/src/api/schemas';

/** The pure parts of the set-up and audit pages: the template form's draft and the as-of moments. */
describe('the template form draft', () => {
  const templates = DEFAULT_TEMPLATES.map(
    (template) => ({ ...template, organisationId: 'org-1' }) as unknown as JourneyTemplate,
  );

  it.each(templates.map((template) => [template.id, template] as const))(
    'publishes %s unchanged when nothing is edited',
    (_id, template) => {
      const { id: _ignored, organisationId: _org, version: _v, ...content } = template;
      expect(versionOf(draftOf(template), template.version + 1)).toEqual({ ...content, version: template.version + 1 });
    },
  );

  it('sends typed numbers as numbers and leaves empty ones out, so the API names what is missing', () => {
    const draft = draftOf(templates[0]!);
    draft.preboardingTasks.push({ ...EMPTY_TASK, id: 'parking', title: ' Parkeren ', dueOffsetDays: '-10' });
    draft.mentor.hoursPerWeek = '2.5';
    draft.survey.phoneFollowUpAfterDays = '';
    const body = versionOf(draft, 2);
    expect(body.preboardingTasks.at(-1)).toEqual({
      id: 'parking',
      ownerRole: 'hr',
      title: 'Parkeren',
      dueOffsetDays: -10,
    });
    expect(body.mentor.hoursPerWeek).toBe(2.5);
    expect(body.survey).not.toHaveProperty('phoneFollowUpAfterDays');
  });

  it('knows the pointer of every field it shows', () => {
    const draft = draftOf(templates[0]!);
    const pointers = templatePointers(draft);
    expect(pointers).toContain('/milestones/0/dueOffsetDays');
    expect(pointers).toContain(`/preboardingTasks/${draft.preboardingTasks.length - 1}/escalationOffsetDays`);
    expect(pointers).toContain('/welcomeCard/card');
    expect(pointers).not.toContain(`/milestones/${draft.milestones.length}/id`);
  });
});

describe('the as-of moments', () => {
  it('reads a calendar value as the end of the second (or minute) it names, in the browser’s time zone', () => {
    const second = fromLocalInput('2027-03-01T10:42:05')!;
    expect(new Date(second).getTime() - new Date('2027-03-01T10:42:05').getTime()).toBe(999);
    const minute = fromLocalInput('2027-03-01T10:42')!;
    expect(new Date(minute).getTime() - new Date('2027-03-01T10:42').getTime()).toBe(59_999);
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput(second)).toBe('2027-03-01T10:42:05');
  });

  it('puts the slider on the number of events that happened by the moment, all of them for now', () => {
    const moments = ['2027-01-01T10:00:00.000Z', '2027-01-01T10:00:01.000Z', '2027-01-02T09:00:00.000Z'];
    expect(eventsBy(moments, undefined)).toBe(3);
    expect(eventsBy(moments, '2027-01-01T10:00:01.000Z')).toBe(2);
    expect(eventsBy(moments, '2026-12-31T00:00:00.000Z')).toBe(0);
  });
});
