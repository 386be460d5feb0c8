import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import type { JourneyTemplate } from '../../web/src/api/schemas';
import { draftOf, templatePointers, versionOf } from '../../web/src/features/setup/templateDraft';

const rvdk = rvdkTemplate as unknown as JourneyTemplate;

describe('the reminder policy in the template form', () => {
  it('shows a template without a policy with the defaults, and publishes it without one', () => {
    const draft = draftOf(rvdk);
    expect(draft.reminderPolicy).toEqual({ daysBefore: '7, 2', overdueDaily: true, escalateAfterDays: '' });
    expect(versionOf(draft, 2)).not.toHaveProperty('reminderPolicy');
  });

  it('publishes what was typed, and what is no number as typed so the API names it', () => {
    const draft = draftOf(rvdk);
    draft.reminderPolicy = { daysBefore: '10, 3,1', overdueDaily: false, escalateAfterDays: '4' };
    expect(versionOf(draft, 2).reminderPolicy).toEqual({
      daysBefore: [10, 3, 1],
      overdueDaily: false,
      escalateAfterDays: 4,
    });
    draft.reminderPolicy = { daysBefore: '7, twee', overdueDaily: true, escalateAfterDays: '' };
    expect(versionOf(draft, 2).reminderPolicy).toEqual({ daysBefore: [7, 'twee'], overdueDaily: true });
    expect(templatePointers(draft)).toEqual(
      expect.arrayContaining([
        '/reminderPolicy/daysBefore',
        '/reminderPolicy/overdueDaily',
        '/reminderPolicy/escalateAfterDays',
      ]),
    );
  });

  it('reads a published policy back into the form', () => {
    const draft = draftOf({
      ...rvdk,
      reminderPolicy: { daysBefore: [5], overdueDaily: false, escalateAfterDays: 9 },
    });
    expect(draft.reminderPolicy).toEqual({ daysBefore: '5', overdueDaily: false, escalateAfterDays: '9' });
  });
});
