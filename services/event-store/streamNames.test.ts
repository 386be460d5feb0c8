import { hireStreamName, parseHireStreamName, parseSurveyWaveStreamName, surveyWaveStreamName } from './streamNames';

describe('stream names of an organisation and an id', () => {
  it('names a hire stream `hire-<organisation>.<hire>` and reads the name back', () => {
    const name = hireStreamName({ organisationId: 'org-a', hireId: 'h-1' });
    expect(name).toBe('hire-org-a.h-1');
    expect(parseHireStreamName(name)).toEqual({ organisationId: 'org-a', hireId: 'h-1' });
  });

  it('names a survey wave stream `surveywave-<organisation>.<wave>` and reads the name back', () => {
    const name = surveyWaveStreamName({ organisationId: 'org-a', waveId: '2026-q1' });
    expect(name).toBe('surveywave-org-a.2026-q1');
    expect(parseSurveyWaveStreamName(name)).toEqual({ organisationId: 'org-a', waveId: '2026-q1' });
  });

  it.each([
    ['another category', 'surveywave-org-a.w-1'],
    ['a rehire stream', 'rehires-org-a.h-1'],
    ['no id', 'hire-org-a'],
    ['an empty organisation', 'hire-.h-1'],
    ['an empty id', 'hire-org-a.'],
    ['a third part', 'hire-org-a.h-1.x'],
  ])('reads no hire from %s (%s)', (_what, name) => {
    expect(parseHireStreamName(name)).toBeUndefined();
  });

  it.each([
    ['a hire stream', 'hire-org-a.h-1'],
    ['no id', 'surveywave-org-a'],
    ['a third part', 'surveywave-org-a.w-1.x'],
  ])('reads no survey wave from %s (%s)', (_what, name) => {
    expect(parseSurveyWaveStreamName(name)).toBeUndefined();
  });
});
