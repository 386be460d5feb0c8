import { rvdkTemplate } from '../../workflows/domain/defaultTemplates';
import type { JourneyTemplate } from '../../web/src/api/schemas';
import { draftOf, templatePointers, versionOf } from '../../web/src/features/setup/templateDraft';

const rvdk = rvdkTemplate as unknown as JourneyTemplate;

describe('the pulse surveys in the template form', () => {
  it('shows a template without pulses as an empty field, and publishes it without them', () => {
    const draft = draftOf(rvdk);
    expect(draft.survey.pulses).toBe('');
    expect(versionOf(draft, 2).survey).not.toHaveProperty('pulses');
    expect(templatePointers(draft)).toContain('/survey/pulses');
  });

  it('publishes the days as typed, and what is no number as typed so the API names it', () => {
    const draft = draftOf(rvdk);
    draft.survey.pulses = '30, 60';
    expect(versionOf(draft, 2).survey.pulses).toEqual([{ dayOffset: 30 }, { dayOffset: 60 }]);
    // The API's word on either day is placed at the one field, not in the alert.
    expect(templatePointers(draft)).toEqual(
      expect.arrayContaining(['/survey/pulses', '/survey/pulses/0/dayOffset', '/survey/pulses/1/dayOffset']),
    );
    draft.survey.pulses = '30,dertig';
    expect(versionOf(draft, 2).survey.pulses).toEqual([{ dayOffset: 30 }, { dayOffset: 'dertig' }]);
  });

  it('reads published pulses back into the form', () => {
    const draft = draftOf({ ...rvdk, survey: { ...rvdk.survey, pulses: [{ dayOffset: 30 }, { dayOffset: 60 }] } });
    expect(draft.survey.pulses).toBe('30, 60');
  });
});
