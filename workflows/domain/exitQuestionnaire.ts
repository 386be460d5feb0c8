/**
 * The exit questionnaire a leaver may fill in from the link in their mail, beside the exit interview HR holds:
 * the exit-reason taxonomy (several may apply) and one open text. Anonymous like the 90-day survey — answers are
 * stored apart from people and reported only for groups of at least five, with complementary suppression
 * (smallGroups.ts). Pure: what an answer may be, and what a report of released answers shows.
 */
import { EXIT_REASONS, type ExitReasonCode, type Language, validateExitReasons } from './exitReasons';
import { type Margin, MINIMUM_GROUP_SIZE, WHOLE, suppressedGroups } from './smallGroups';

export const EXIT_QUESTIONNAIRE_OPEN_TEXT_MAX_LENGTH = 2_000;

export interface ExitQuestionnaireAnswer {
  readonly reasons: readonly ExitReasonCode[];
  readonly openText?: string;
}

export interface ExitAnswerProblem {
  /** A JSON pointer into the submission. */
  readonly pointer: '/reasons' | '/openText';
  readonly detail: string;
}

const OPEN_TEXT_TOO_LONG: Record<Language, string> = {
  nl: `De toelichting is langer dan ${EXIT_QUESTIONNAIRE_OPEN_TEXT_MAX_LENGTH} tekens.`,
  en: `The comment is longer than ${EXIT_QUESTIONNAIRE_OPEN_TEXT_MAX_LENGTH} characters.`,
};

/** The same taxonomy and rules as the exit interview (at least one reason, each once); the text is optional. */
export function validateExitQuestionnaireAnswer(
  input: { readonly reasons?: unknown; readonly openText?: unknown },
  language: Language = 'nl',
): { ok: true; value: ExitQuestionnaireAnswer } | { ok: false; problems: ExitAnswerProblem[] } {
  const problems: ExitAnswerProblem[] = [];
  const reasons = validateExitReasons({ reasons: input.reasons }, language);
  if (!reasons.ok) problems.push(...reasons.problems.map((detail) => ({ pointer: '/reasons' as const, detail })));
  const text = typeof input.openText === 'string' ? input.openText.trim() : '';
  if (text.length > EXIT_QUESTIONNAIRE_OPEN_TEXT_MAX_LENGTH)
    problems.push({ pointer: '/openText', detail: OPEN_TEXT_TOO_LONG[language] });
  if (!reasons.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { reasons: reasons.value.reasons, ...(text ? { openText: text } : {}) } };
}

/**
 * The group of answers whose team had not reached k when their year was closed, released together across the
 * organisation's teams (services/survey/exitQuestionnaireStore.ts `closeYear`). The API refuses a team of only
 * asterisks; the HRIS gives unit names.
 */
export const POOLED_TEAMS = '*';

/** A released answer as the report sees it: the coarse group it is reported by, never who or when. */
export interface ReleasedExitAnswer extends ExitQuestionnaireAnswer {
  /** The leaver's team at the time of the mail; '' for a hire without a team; POOLED_TEAMS for a year's remainder. */
  readonly team: string;
}

export interface ExitReasonCount {
  readonly code: ExitReasonCode;
  /** How many respondents ticked it. */
  readonly respondents: number;
}

export interface ExitQuestionnaireGroup {
  readonly team: string;
  /** Undefined when hidden: under k, or it would give a hidden group away. */
  readonly figures?: { readonly respondents: number; readonly reasons: readonly ExitReasonCount[] };
}

export interface ExitQuestionnaireReport {
  readonly minimumGroupSize: number;
  /** The organisation as a whole; undefined under k. */
  readonly whole?: { readonly respondents: number; readonly reasons: readonly ExitReasonCount[] };
  readonly teams: readonly ExitQuestionnaireGroup[];
  /** The open texts of the whole, sorted (no order of arrival); only when the whole is shown. */
  readonly openTexts: readonly string[];
}

export function exitQuestionnaireReport(
  answers: readonly ReleasedExitAnswer[],
  minimum: number = MINIMUM_GROUP_SIZE,
): ExitQuestionnaireReport {
  const k = Math.max(minimum, MINIMUM_GROUP_SIZE);
  const byTeam = new Map<string, ReleasedExitAnswer[]>();
  for (const answer of answers) byTeam.set(answer.team, [...(byTeam.get(answer.team) ?? []), answer]);
  const teams = [...byTeam.entries()]
    .map(([team, members]) => ({ team, size: members.length, members }))
    .sort((a, b) => a.team.localeCompare(b.team));
  const hidden = suppressedGroups(teams, [WHOLE as Margin<(typeof teams)[number]>], k);
  const wholeShown = answers.length >= k;
  return {
    minimumGroupSize: k,
    ...(wholeShown ? { whole: figuresOf(answers) } : {}),
    teams: teams.map((group, index) => ({
      team: group.team,
      ...(hidden[index] ? {} : { figures: figuresOf(group.members) }),
    })),
    openTexts: wholeShown
      ? answers.flatMap((answer) => (answer.openText ? [answer.openText] : [])).sort((a, b) => a.localeCompare(b))
      : [],
  };
}

function figuresOf(answers: readonly ExitQuestionnaireAnswer[]) {
  return {
    respondents: answers.length,
    reasons: EXIT_REASONS.map(({ code }) => ({
      code,
      respondents: answers.filter((answer) => answer.reasons.includes(code)).length,
    })),
  };
}
