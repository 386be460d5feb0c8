import {
  DEFAULT_QUESTIONNAIRE,
  DEFAULT_PULSE_QUESTIONNAIRE,
  MINIMUM_GROUP_SIZE_FLOOR,
  defaultQuestionnaireOf,
  validateQuestionnaire,
  validateAnswers,
} from './questionnaire';
import { isSurveyId, pulseDayOf, surveyOfPulseItem } from './surveyIds';

describe('the built-in questionnaires', () => {
  it('gives each pulse day the short pulse questionnaire under its own id and name', () => {
    const pulse = defaultQuestionnaireOf('pulse-30');
    expect(pulse).toMatchObject({
      id: 'pulse-30',
      version: 1,
      name: { nl: 'Je eerste 30 dagen', en: 'Your first 30 days' },
      minimumGroupSize: MINIMUM_GROUP_SIZE_FLOOR,
      items: DEFAULT_PULSE_QUESTIONNAIRE.items,
    });
    expect(defaultQuestionnaireOf('pulse-60')?.id).toBe('pulse-60');
    expect(defaultQuestionnaireOf('ninety-days')).toBe(DEFAULT_QUESTIONNAIRE);
  });

  it('knows no built-in version of any other id', () => {
    for (const id of ['pulse-0', 'pulse-', 'pulse-07', 'exit', 'pulse-30-2026-Q3'])
      expect(defaultQuestionnaireOf(id)).toBeUndefined();
  });

  it('keeps the pulse short, valid and in both languages: five scale items and one open question', () => {
    const pulse = { ...defaultQuestionnaireOf('pulse-30')!, organisationId: 'o1' };
    expect(validateQuestionnaire(pulse)).toEqual([]);
    expect(pulse.items.filter((item) => item.kind === 'likert')).toHaveLength(5);
    expect(pulse.items.filter((item) => item.kind === 'open')).toHaveLength(1);
    for (const item of pulse.items) expect(item.text.nl && item.text.en).toBeTruthy();
    const answers = pulse.items.filter((item) => item.kind !== 'open').map((item) => ({ itemId: item.id, value: 4 }));
    expect(validateAnswers(pulse, answers).ok).toBe(true);
  });
});

describe('survey ids', () => {
  it('are the 90-day survey or a pulse on a day from 1 on', () => {
    expect(['ninety-days', 'pulse-1', 'pulse-30'].every(isSurveyId)).toBe(true);
    expect(['pulse-0', 'pulse-030', 'ninety', 'pulse-3a', 30].some(isSurveyId)).toBe(false);
    expect(pulseDayOf('pulse-60')).toBe(60);
    expect(surveyOfPulseItem('survey-pulse-30')).toBe('pulse-30');
    expect(surveyOfPulseItem('survey-invitation')).toBeUndefined();
  });
});
