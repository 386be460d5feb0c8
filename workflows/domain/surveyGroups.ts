import { type IsoDate, isIsoDate } from './calendar';

/**
 * The coarse attributes an answer is reported by, fixed when the invitation is sent: never the hire, never a day.
 * A team or location below the organisation's minimum group size is simply never shown (surveyReport.ts).
 */
export interface SurveyGroup {
  readonly team: string;
  readonly location: string;
  /** The quarter the hire started in (`2026-Q3`): a start cohort, not a date. */
  readonly startQuarter: string;
  readonly roleFamily: RoleFamily;
  readonly templateId: string;
}

export const SURVEY_DIMENSIONS = [
  'team',
  'location',
  'startQuarter',
  'roleFamily',
  'templateId',
] as const satisfies readonly (keyof SurveyGroup)[];
export type SurveyDimension = (typeof SURVEY_DIMENSIONS)[number];

export type RoleFamily = 'client-work' | 'behavioural-science' | 'leadership' | 'support';

/** Words in Dutch and English role titles that place a role in a family; the rest is support. */
const ROLE_FAMILY_WORDS: readonly (readonly [RoleFamily, RegExp])[] = [
  ['leadership', /leidinggevend|manager|teamleider|teamlead|directeur|director|coördinator|coordinator/i],
  ['behavioural-science', /gedragswetenschap|psycholoog|psychologist|orthopedagoog|behavioural|behavioral/i],
  [
    'client-work',
    /jeugdzorg|jeugdhulp|jeugdbescherm|gezinsvoogd|ambulant|hulpverlen|begeleider|pedagogisch|raadsonderzoek|casemanager|youth|social worker|care worker|family/i,
  ],
];

export function roleFamilyOf(role: string): RoleFamily {
  return ROLE_FAMILY_WORDS.find(([, words]) => words.test(role))?.[0] ?? 'support';
}

export function quarterOf(date: IsoDate): string {
  if (!isIsoDate(date)) throw new RangeError(`Geen datum: "${String(date)}"`);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * A wave is every invitation to one questionnaire in one calendar quarter: answers are reported per wave, never
 * finer in time, and a wave closes (its last answers released) once its invitations can no longer be answered.
 */
export function waveIdOf(questionnaireId: string, invitedOn: IsoDate): string {
  return `${questionnaireId}-${quarterOf(invitedOn)}`;
}

export const NOT_GIVEN = '-';

export function surveyGroupOf(hire: {
  team?: string;
  location?: string;
  startDate: IsoDate;
  role: string;
  templateId: string;
}): SurveyGroup {
  return {
    team: hire.team ?? NOT_GIVEN,
    location: hire.location ?? NOT_GIVEN,
    startQuarter: quarterOf(hire.startDate),
    roleFamily: roleFamilyOf(hire.role),
    templateId: hire.templateId,
  };
}
