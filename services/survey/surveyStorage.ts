import type { ExitQuestionnaireAnswer, ReleasedExitAnswer } from '../../workflows/domain/exitQuestionnaire';
import type { AnswerSet } from '../../workflows/domain/questionnaire';
import type { GroupCell, ReleasedResponse } from '../../workflows/domain/surveyReport';
import type { SurveyGroup } from '../../workflows/domain/surveyGroups';

export interface SurveyInvitation {
  readonly organisationId: string;
  readonly waveId: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly expiresAt: number;
}

export interface WaveSummary {
  readonly waveId: string;
  readonly questionnaireId: string;
  readonly invited: number;
  readonly answered: number;
  readonly released: number;
  readonly closed: boolean;
}

export interface SurveyInvitationInput {
  readonly organisationId: string;
  readonly hireId: string;
  readonly waveId: string;
  readonly questionnaire: { readonly id: string; readonly version: number };
  readonly group: SurveyGroup;
  readonly expiresAt: number;
}

/**
 * The anonymous survey's invitations and answers, on SQLite (surveyStore.ts, the embedded default) or PostgreSQL
 * (postgresSurveyStore.ts, DATABASE_URL, shared by replicas). Both keep the same promises, checked by one contract
 * (test/contracts/surveyStore.test.ts): the invitations know who was invited and whether the link was spent, never
 * what anyone answered; an answer carries no hire id, token, time or order; it waits in a pending pool until every
 * reporting group of its own reached k and is then released with the others under a new random key; a link is
 * spent once, also by submissions at the same moment on two replicas.
 */
export interface SurveyStorage {
  /** The exit questionnaire's links and answers, under the same rules. */
  readonly exitQuestionnaire: ExitQuestionnaireStorage;
  /**
   * The hire's personal link token for the wave, made on first call; a retry (or the reminder) gets the same one.
   * Its group attributes are fixed here, at invitation, and are what the answer will be reported by.
   */
  invite(input: SurveyInvitationInput): Promise<string>;
  /** The hire's newest invitation to a questionnaire: its token and whether it was spent (for the reminder). */
  invitationOf(
    organisationId: string,
    hireId: string,
    questionnaireId: string,
  ): Promise<{ token: string; spent: boolean } | undefined>;
  /** What a valid, unspent, unexpired token was invited to; SurveyTokenRefused otherwise. */
  open(token: string): Promise<SurveyInvitation>;
  /**
   * Spends the token and adds the answers to the pending pool, in one transaction; releases what has reached k
   * (`minimumGroupSize`) in every group. Returns whose token it was, for the hire's stream (that they answered).
   */
  submit(
    token: string,
    answers: AnswerSet,
    minimumGroupSize: number,
  ): Promise<{ organisationId: string; hireId: string; waveId: string; released: number }>;
  /**
   * Ends the wave: its tokens can no longer be spent, what reached k in every group is released, and the answers of
   * groups that never did are withheld for good (deleted): `withheld` counts them. Again: nothing more.
   */
  closeWave(
    organisationId: string,
    waveId: string,
    minimumGroupSize: number,
  ): Promise<{ released: number; withheld: number }>;
  /** The released answers of a wave, in the order of their random keys: it says nothing about who answered when. */
  released(organisationId: string, waveId: string): Promise<(ReleasedResponse & { questionnaireVersion: number })[]>;
  /**
   * HR's redaction of one open answer (it names someone, say): the text is removed from the stored answers for good,
   * a redaction keeps the fact. `already` when it was redacted before; undefined for an id the wave lacks.
   */
  redactOpenAnswer(
    organisationId: string,
    waveId: string,
    answerId: string,
  ): Promise<{ itemId: string; already: boolean } | undefined>;
  /** How many hires of each group were invited to the wave (for response rates). */
  invitedCells(organisationId: string, waveId: string): Promise<GroupCell[]>;
  waves(organisationId: string): Promise<WaveSummary[]>;
  /** Erasure: the person's invitation records go (the exit questionnaire's too); the answers, which point at nobody, stay. */
  forgetHire(organisationId: string, hireId: string): Promise<void>;
}

/**
 * The exit questionnaire's links and answers (exitQuestionnaireStore.ts, postgresExitQuestionnaireStore.ts): a
 * pending pool per organisation and team, released at k all at once; what still waits when a year is over is
 * pooled across the organisation's teams and released at k, or deleted.
 */
export interface ExitQuestionnaireStorage {
  /** The leaver's personal link token, made on first call: a retried mail carries the same one. */
  invite(input: { organisationId: string; hireId: string; team: string; expiresAt: number }): Promise<string>;
  /** Which organisation a valid, unspent, unexpired link belongs to; SurveyTokenRefused otherwise. */
  open(token: string): Promise<{ organisationId: string; expiresAt: number }>;
  /** Spends the link and adds the answer to the pending pool in one transaction; releases the team at k. */
  submit(token: string, answer: ExitQuestionnaireAnswer, minimumGroupSize: number): Promise<{ released: number }>;
  /** The released answers of an organisation, in key order; closes last year first, as a submission does. */
  released(organisationId: string, minimumGroupSize: number): Promise<ReleasedExitAnswer[]>;
  /** Closes `year` for the organisation once: what waits is pooled and released at k, or deleted. */
  closeYear(
    organisationId: string,
    year: number,
    minimumGroupSize: number,
  ): Promise<{ pooled: number; deleted: number }>;
  /** An erasure removes the person's invitation; an answer they gave stays, as it names nobody. */
  forget(organisationId: string, hireId: string): Promise<void>;
}
