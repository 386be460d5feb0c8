/**
 * Which anonymous survey a journey step is about: the 90-day survey, or a short pulse on day n of the template
 * (journeyTemplate.ts `survey.pulses`). The id is also the questionnaire's, so each pulse has its own link, wave
 * and report, and the same k-anonymity as the 90-day survey. Pure: the workflow bundle imports this module.
 */
export type SurveyId = 'ninety-days' | `pulse-${number}`;

export const NINETY_DAY_SURVEY: SurveyId = 'ninety-days';
const PULSE_ID = /^pulse-([1-9][0-9]*)$/;
const PULSE_ITEM_PREFIX = 'survey-pulse-';

export const pulseSurveyId = (dayOffset: number): SurveyId => `pulse-${dayOffset}`;

/** The pulse's day, or undefined for the 90-day survey and anything that is no pulse id. */
export function pulseDayOf(id: string): number | undefined {
  const match = PULSE_ID.exec(id);
  return match ? Number(match[1]) : undefined;
}

export function isSurveyId(value: unknown): value is SurveyId {
  return value === NINETY_DAY_SURVEY || (typeof value === 'string' && pulseDayOf(value) !== undefined);
}

/** The plan item of a pulse (`survey-pulse-30`): named by the template's day, so a move of the item keeps its id. */
export const pulseItemId = (dayOffset: number): string => `${PULSE_ITEM_PREFIX}${dayOffset}`;

/** The survey a pulse item invites to; undefined for an item that is no pulse. */
export function surveyOfPulseItem(itemId: string): SurveyId | undefined {
  if (!itemId.startsWith(PULSE_ITEM_PREFIX)) return undefined;
  const survey = `pulse-${itemId.slice(PULSE_ITEM_PREFIX.length)}`;
  return isSurveyId(survey) ? survey : undefined;
}
