import { createHmac, randomBytes } from 'node:crypto';
import type { ExitQuestionnaireAnswer, ReleasedExitAnswer } from '../../workflows/domain/exitQuestionnaire';
import type { ExitReasonCode } from '../../workflows/domain/exitReasons';
import type { AnswerSet } from '../../workflows/domain/questionnaire';
import type { ReleasedResponse } from '../../workflows/domain/surveyReport';
import type { RoleFamily, SurveyGroup } from '../../workflows/domain/surveyGroups';
import type { SurveyInvitation, SurveyInvitationInput, WaveSummary } from './surveyStorage';

/**
 * What both survey adapters (SQLite and PostgreSQL) store and read the same way: the columns of an answer row, the
 * canonical bytes of an answer, and the keyed ids of open answers. One home, so the two cannot drift apart.
 */
export const GROUP_COLUMNS = 'team, location, start_quarter, role_family, template_id';
/** The columns of an invitation row, in invitationRowValues' order. */
export const INVITATION_COLUMNS = `token_id, organisation_id, hire_id, wave_id, questionnaire_id, questionnaire_version, ${GROUP_COLUMNS}, expires_at`;
/** An answer row's columns besides its key, in answerRowValues' order after it. */
export const ANSWER_FIELDS = `organisation_id, wave_id, questionnaire_id, questionnaire_version, ${GROUP_COLUMNS}, answers`;
export const ANSWER_ROW_COLUMNS = `id, ${ANSWER_FIELDS}`;

export interface GroupRow {
  readonly team: string;
  readonly location: string;
  readonly start_quarter: string;
  readonly role_family: string;
  readonly template_id: string;
}

/** An answer row's fields besides its key: the wave, the questionnaire, the coarse groups and the answers. */
export interface AnswerRow extends GroupRow {
  readonly organisation_id: string;
  readonly wave_id: string;
  readonly questionnaire_id: string;
  readonly questionnaire_version: number;
  readonly answers: string;
}

/** An invitation row as both adapters hold it: who was invited to which wave, until when, and whether it was spent. */
export interface InvitationRecord extends GroupRow {
  readonly token_id: string;
  readonly organisation_id: string;
  readonly hire_id: string;
  readonly wave_id: string;
  readonly questionnaire_id: string;
  readonly questionnaire_version: number;
  readonly expires_at: number;
  readonly spent: boolean;
}

/** What an invitation's link opens (SurveyStorage.open); PostgreSQL gives the BIGINT expiry as a string. */
export function surveyInvitationOf(
  row: Pick<InvitationRecord, 'organisation_id' | 'wave_id' | 'questionnaire_id' | 'questionnaire_version'> & {
    readonly expires_at: number | string;
  },
): SurveyInvitation {
  return {
    organisationId: row.organisation_id,
    waveId: row.wave_id,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    expiresAt: Number(row.expires_at),
  };
}

/** A wave's counts as both adapters' `waves` query answers them; `closed` each reads in its own column type. */
export interface WaveRow {
  readonly wave_id: string;
  readonly questionnaire_id: string;
  readonly invited: number;
  readonly answered: number;
  readonly released: number;
}

export function waveSummaryOf(row: WaveRow, closed: boolean): WaveSummary {
  return {
    waveId: row.wave_id,
    questionnaireId: row.questionnaire_id,
    invited: row.invited,
    answered: row.answered,
    released: row.released,
    closed,
  };
}

/** An exit questionnaire invitation row: only the team, no wave or finer group. */
export interface ExitInvitationRecord {
  readonly token_id: string;
  readonly organisation_id: string;
  readonly hire_id: string;
  readonly team: string;
  readonly expires_at: number;
  readonly spent: boolean;
}

/** An exit questionnaire answer row besides its key: the organisation, the team and the answer. */
export interface ExitAnswerRow {
  readonly organisation_id: string;
  readonly team: string;
  readonly answer: string;
}

/**
 * Everything a SQLite survey store holds (surveyStore.ts contents()), for the move to PostgreSQL
 * (postgresSurveyCarryOver.ts). Nothing here is finer than what the files keep: an invitation's expiry is the one
 * time, an answer has none, and every list comes in the order of its rows' random keys, not of their writing.
 */
export interface SurveyStoreContents {
  readonly invitations: readonly InvitationRecord[];
  /** Without their keys: a waiting answer gets a new one whenever its pool is written, and so at the move. */
  readonly pending: readonly AnswerRow[];
  /** With their keys: the redactions, and the ids HR redacts open answers by, are made from them. */
  readonly released: readonly (AnswerRow & { readonly id: Buffer })[];
  readonly redactions: readonly { readonly response_id: Buffer; readonly item_id: string }[];
  readonly closedWaves: readonly { readonly organisation_id: string; readonly wave_id: string }[];
  readonly exit: {
    readonly invitations: readonly ExitInvitationRecord[];
    readonly pending: readonly ExitAnswerRow[];
    readonly released: readonly ExitAnswerRow[];
    readonly closedYears: readonly { readonly organisation_id: string; readonly year: number }[];
    /** The year the store began: no year before it is closed. */
    readonly firstYear: number | undefined;
  };
}

/** A released answer as both adapters read it: its random key, version, groups and answers. */
export interface ReleasedRow extends GroupRow {
  readonly id: Buffer;
  readonly questionnaire_version: number;
  readonly answers: string;
}

export function groupOf(row: GroupRow): SurveyGroup {
  return {
    team: row.team,
    location: row.location,
    startQuarter: row.start_quarter,
    roleFamily: row.role_family as RoleFamily,
    templateId: row.template_id,
  };
}

/** The values of an answer row in ANSWER_ROW_COLUMNS order, under `key` (a fresh random one). */
export function answerRowValues(key: Buffer, row: AnswerRow): unknown[] {
  return [
    key,
    row.organisation_id,
    row.wave_id,
    row.questionnaire_id,
    row.questionnaire_version,
    ...groupValues(row),
    row.answers,
  ];
}

/** A row's coarse groups in GROUP_COLUMNS order. */
export function groupValues(row: GroupRow): unknown[] {
  return [row.team, row.location, row.start_quarter, row.role_family, row.template_id];
}

/** Keys in item order of their ids: two people's identical answers are identical bytes. */
export function canonicalAnswers(answers: AnswerSet): string {
  return JSON.stringify(Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** Key order of the JSON fixed, so two equal exit answers are stored as equal bytes. */
export function canonicalExitAnswer(answer: ExitQuestionnaireAnswer): string {
  const reasons: ExitReasonCode[] = [...answer.reasons].sort();
  return JSON.stringify(answer.openText ? { reasons, openText: answer.openText } : { reasons });
}

/** A released exit answer as read back: its team and the answer canonicalExitAnswer stored. */
export function releasedExitAnswerOf(row: { readonly team: string; readonly answer: string }): ReleasedExitAnswer {
  return { team: row.team, ...(JSON.parse(row.answer) as ExitQuestionnaireAnswer) };
}

/** Keyed, so the id says nothing of the row it names to anyone without the key, and differs per item. */
export function openAnswerId(key: Buffer, responseId: Buffer, itemId: string): string {
  return createHmac('sha256', key)
    .update('survey-open-answer\0')
    .update(responseId)
    .update(`\0${itemId}`)
    .digest('base64url')
    .slice(0, 22);
}

/** A released row as the report reads it, with the ids HR can redact its open answers by. */
export function releasedResponseOf(
  key: Buffer,
  row: ReleasedRow,
  redacted: readonly string[],
): ReleasedResponse & { questionnaireVersion: number } {
  const answers = JSON.parse(row.answers) as AnswerSet;
  const openItems = [...Object.keys(answers).filter((itemId) => typeof answers[itemId] === 'string'), ...redacted];
  return {
    group: groupOf(row),
    answers,
    questionnaireVersion: row.questionnaire_version,
    openAnswerIds: Object.fromEntries(openItems.map((itemId) => [itemId, openAnswerId(key, row.id, itemId)])),
    redacted: [...redacted],
  };
}

/**
 * Which open answer of the released rows `answerId` names: one redacted before (`already`), or one still there,
 * with the row's answers without it (`remaining`, canonical) to store in its place; undefined when none.
 */
export function openAnswerNamed(
  key: Buffer,
  rows: readonly (ReleasedRow & { readonly redacted: readonly string[] })[],
  answerId: string,
):
  | { readonly row: ReleasedRow; readonly itemId: string; readonly already: true }
  | { readonly row: ReleasedRow; readonly itemId: string; readonly already: false; readonly remaining: string }
  | undefined {
  for (const row of rows) {
    for (const itemId of row.redacted)
      if (openAnswerId(key, row.id, itemId) === answerId) return { row, itemId, already: true };
    const answers = JSON.parse(row.answers) as Record<string, unknown>;
    for (const [itemId, value] of Object.entries(answers)) {
      if (typeof value !== 'string' || openAnswerId(key, row.id, itemId) !== answerId) continue;
      delete answers[itemId];
      return { row, itemId, already: false, remaining: canonicalAnswers(answers as AnswerSet) };
    }
  }
  return undefined;
}

/** A new invitation's row: a fresh random token id, then the fields of INVITATION_COLUMNS in order. */
export function invitationRowValues(input: SurveyInvitationInput): unknown[] {
  const { group } = input;
  return [
    randomBytes(16).toString('hex'),
    input.organisationId,
    input.hireId,
    input.waveId,
    input.questionnaire.id,
    input.questionnaire.version,
    group.team,
    group.location,
    group.startQuarter,
    group.roleFamily,
    group.templateId,
    input.expiresAt,
  ];
}
