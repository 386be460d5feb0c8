import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AnswerSet } from '../../workflows/domain/questionnaire';
import type { GroupCell, ReleasedResponse } from '../../workflows/domain/surveyReport';
import { releasableAnswers } from '../../workflows/domain/surveyRelease';
import { openSqliteFile } from '../shared/sqliteFile';
import { ExitQuestionnaireStore } from './exitQuestionnaireStore';
import { shuffled } from './shuffled';
import { SignedLinkTokens, SurveyTokenRefused } from './signedLinkTokens';
import {
  ANSWER_FIELDS,
  ANSWER_ROW_COLUMNS,
  type AnswerRow,
  answerRowValues,
  canonicalAnswers,
  GROUP_COLUMNS,
  type GroupRow,
  groupOf,
  INVITATION_COLUMNS,
  type InvitationRecord,
  invitationRowValues,
  openAnswerNamed,
  type ReleasedRow,
  releasedResponseOf,
  type SurveyStoreContents,
  surveyInvitationOf,
  type WaveRow,
  waveSummaryOf,
} from './surveyAnswerRows';
import type { SurveyInvitation, SurveyInvitationInput, SurveyStorage, WaveSummary } from './surveyStorage';

export { type SurveyTokenRefusal, SurveyTokenRefused } from './signedLinkTokens';
export type { SurveyInvitation, SurveyStorage, WaveSummary } from './surveyStorage';

/** The pending pool and the released answers have the same columns: a random key, coarse groups, the answers. */
const ANSWER_COLUMNS = `
  id BLOB PRIMARY KEY,
  organisation_id TEXT NOT NULL, wave_id TEXT NOT NULL, questionnaire_id TEXT NOT NULL, questionnaire_version INTEGER NOT NULL,
  team TEXT NOT NULL, location TEXT NOT NULL, start_quarter TEXT NOT NULL, role_family TEXT NOT NULL, template_id TEXT NOT NULL,
  answers TEXT NOT NULL`;

/**
 * The survey on SQLite (the embedded default; postgresSurveyStore.ts with DATABASE_URL), in two files kept apart on
 * purpose:
 *
 * - the invitations (`survey-tokens.sqlite`): one row per invited hire, so that the personal link can be checked,
 *   spent once and left out of the reminder. It knows who was invited, never what anyone answered.
 * - the answers (`survey-answers.sqlite`): no hire id, token, person reference, time or order. Rows have random
 *   keys in WITHOUT ROWID tables (so neither a rowid nor the file's order follows the order of submission), and an
 *   answer waits in a pending pool until each of its reporting groups has at least k answers waiting
 *   (surveyRelease.ts); then those answers are released at once, shuffled and under new random keys, into the table
 *   reports read. When a wave closes, what can be released that way is, and the rest — answers of groups that never
 *   reached k — is deleted unread (secure_delete), since releasing it would give a small group away.
 *
 * A submission spends the token and adds the answer in one transaction over both files (ATTACH; rollback journals,
 * not a write-ahead log, so a commit is atomic across them and no log keeps pages in the order they were written).
 * The work is synchronous (better-sqlite3); the methods answer promises only to keep SurveyStorage's shape.
 */
export class SurveyStore implements SurveyStorage {
  private readonly db: Database.Database;
  private readonly tokens: SignedLinkTokens;
  /** The exit questionnaire's links and answers: the same two files, the same rules (exitQuestionnaireStore.ts). */
  readonly exitQuestionnaire: ExitQuestionnaireStore;

  constructor(
    paths: { readonly tokensPath: string; readonly answersPath: string },
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = new SignedLinkTokens(key, 'sst_', 'survey-token');
    this.db = openSqliteFile(paths.tokensPath, { journalMode: 'DELETE' });
    this.db.prepare('ATTACH DATABASE ? AS answers').run(paths.answersPath);
    this.db.pragma('answers.secure_delete = ON');
    this.db.pragma('answers.journal_mode = DELETE');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS survey_invitations (
        token_id              TEXT PRIMARY KEY,
        organisation_id       TEXT NOT NULL,
        hire_id               TEXT NOT NULL,
        wave_id               TEXT NOT NULL,
        questionnaire_id      TEXT NOT NULL,
        questionnaire_version INTEGER NOT NULL,
        team TEXT NOT NULL, location TEXT NOT NULL, start_quarter TEXT NOT NULL, role_family TEXT NOT NULL, template_id TEXT NOT NULL,
        expires_at            INTEGER NOT NULL,
        spent                 INTEGER NOT NULL DEFAULT 0,
        UNIQUE (organisation_id, hire_id, questionnaire_id, wave_id)
      );
      CREATE TABLE IF NOT EXISTS answers.pending_responses (${ANSWER_COLUMNS}) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS answers.responses (${ANSWER_COLUMNS}) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS answers.redactions (
        response_id BLOB NOT NULL, item_id TEXT NOT NULL, PRIMARY KEY (response_id, item_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS answers.closed_waves (
        organisation_id TEXT NOT NULL, wave_id TEXT NOT NULL, PRIMARY KEY (organisation_id, wave_id)
      ) WITHOUT ROWID;
    `);
    this.exitQuestionnaire = new ExitQuestionnaireStore(this.db, key, now);
  }

  /** A store of this process only (an API whose survey nobody answers, tests of other things). */
  static inMemory(): SurveyStore {
    return new SurveyStore({ tokensPath: ':memory:', answersPath: ':memory:' }, randomBytes(32));
  }

  async invite(input: SurveyInvitationInput): Promise<string> {
    this.db
      .prepare(
        `INSERT INTO survey_invitations (${INVITATION_COLUMNS})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(...invitationRowValues(input));
    const row = this.db
      .prepare(
        `SELECT token_id FROM survey_invitations WHERE organisation_id = ? AND hire_id = ? AND questionnaire_id = ? AND wave_id = ?`,
      )
      .get(input.organisationId, input.hireId, input.questionnaire.id, input.waveId) as { token_id: string };
    return this.tokens.tokenOf(row.token_id);
  }

  async invitationOf(
    organisationId: string,
    hireId: string,
    questionnaireId: string,
  ): Promise<{ token: string; spent: boolean } | undefined> {
    const row = this.db
      .prepare(
        `SELECT token_id, spent FROM survey_invitations WHERE organisation_id = ? AND hire_id = ? AND questionnaire_id = ? ORDER BY expires_at DESC LIMIT 1`,
      )
      .get(organisationId, hireId, questionnaireId) as { token_id: string; spent: number } | undefined;
    return row && { token: this.tokens.tokenOf(row.token_id), spent: row.spent === 1 };
  }

  async open(token: string): Promise<SurveyInvitation> {
    return surveyInvitationOf(this.usable(token));
  }

  async submit(
    token: string,
    answers: AnswerSet,
    minimumGroupSize: number,
  ): Promise<{ organisationId: string; hireId: string; waveId: string; released: number }> {
    // IMMEDIATE, as every write here: reads, then writes, while API replicas and workers share the file; a deferred
    // transaction another process wrote past meanwhile fails at once with SQLITE_BUSY, past the busy timeout.
    return this.db
      .transaction(() => {
        const row = this.usable(token);
        const spent = this.db
          .prepare(`UPDATE survey_invitations SET spent = 1 WHERE token_id = ? AND spent = 0`)
          .run(row.token_id);
        if (spent.changes !== 1) throw new SurveyTokenRefused('spent');
        this.insertAnswerRow('answers.pending_responses').run(
          ...answerRowValues(randomBytes(16), { ...row, answers: canonicalAnswers(answers) }),
        );
        const released = this.release(row.organisation_id, row.wave_id, minimumGroupSize).released;
        return { organisationId: row.organisation_id, hireId: row.hire_id, waveId: row.wave_id, released };
      })
      .immediate();
  }

  async closeWave(
    organisationId: string,
    waveId: string,
    minimumGroupSize: number,
  ): Promise<{ released: number; withheld: number }> {
    return this.db
      .transaction(() => {
        this.db
          .prepare(`INSERT INTO answers.closed_waves (organisation_id, wave_id) VALUES (?, ?) ON CONFLICT DO NOTHING`)
          .run(organisationId, waveId);
        const { released } = this.release(organisationId, waveId, minimumGroupSize);
        const withheld = this.db
          .prepare(`DELETE FROM answers.pending_responses WHERE organisation_id = ? AND wave_id = ?`)
          .run(organisationId, waveId).changes;
        return { released, withheld };
      })
      .immediate();
  }

  async released(
    organisationId: string,
    waveId: string,
  ): Promise<(ReleasedResponse & { questionnaireVersion: number })[]> {
    return this.releasedRows(organisationId, waveId).map((row) => releasedResponseOf(this.key, row, row.redacted));
  }

  async redactOpenAnswer(
    organisationId: string,
    waveId: string,
    answerId: string,
  ): Promise<{ itemId: string; already: boolean } | undefined> {
    return this.db
      .transaction(() => {
        const found = openAnswerNamed(this.key, this.releasedRows(organisationId, waveId), answerId);
        if (!found) return undefined;
        if (!found.already) {
          this.db.prepare(`UPDATE answers.responses SET answers = ? WHERE id = ?`).run(found.remaining, found.row.id);
          this.db
            .prepare(`INSERT INTO answers.redactions (response_id, item_id) VALUES (?, ?)`)
            .run(found.row.id, found.itemId);
        }
        return { itemId: found.itemId, already: found.already };
      })
      .immediate();
  }

  async invitedCells(organisationId: string, waveId: string): Promise<GroupCell[]> {
    const rows = this.db
      .prepare(
        `SELECT ${GROUP_COLUMNS}, count(*) AS n FROM survey_invitations WHERE organisation_id = ? AND wave_id = ? GROUP BY ${GROUP_COLUMNS}`,
      )
      .all(organisationId, waveId) as (GroupRow & { n: number })[];
    return rows.map((row) => ({ group: groupOf(row), count: row.n }));
  }

  async waves(organisationId: string): Promise<WaveSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT i.wave_id, i.questionnaire_id, count(*) AS invited, sum(i.spent) AS answered,
                (SELECT count(*) FROM answers.responses r WHERE r.organisation_id = i.organisation_id AND r.wave_id = i.wave_id) AS released,
                EXISTS (SELECT 1 FROM answers.closed_waves c WHERE c.organisation_id = i.organisation_id AND c.wave_id = i.wave_id) AS closed
         FROM survey_invitations i WHERE i.organisation_id = ? GROUP BY i.wave_id, i.questionnaire_id ORDER BY i.wave_id`,
      )
      .all(organisationId) as (WaveRow & { closed: number })[];
    return rows.map((row) => waveSummaryOf(row, row.closed === 1));
  }

  async forgetHire(organisationId: string, hireId: string): Promise<void> {
    this.db
      .prepare(`DELETE FROM survey_invitations WHERE organisation_id = ? AND hire_id = ?`)
      .run(organisationId, hireId);
    await this.exitQuestionnaire.forget(organisationId, hireId);
  }

  /**
   * Every row, for the move to PostgreSQL (SurveyStoreContents). Each table in the order of its random key (the
   * invitations' token id, the answers' id), not of its rowid: none says who was invited, or answered, when.
   */
  contents(): SurveyStoreContents {
    const invitations = this.db
      .prepare(`SELECT ${INVITATION_COLUMNS}, spent FROM survey_invitations ORDER BY token_id`)
      .all() as InvitationRow[];
    return {
      invitations: invitations.map((row) => ({ ...row, spent: row.spent === 1 })),
      pending: this.db
        .prepare(`SELECT ${ANSWER_FIELDS} FROM answers.pending_responses ORDER BY id`)
        .all() as AnswerRow[],
      released: this.db
        .prepare(`SELECT ${ANSWER_ROW_COLUMNS} FROM answers.responses ORDER BY id`)
        .all() as (AnswerRow & {
        id: Buffer;
      })[],
      redactions: this.db
        .prepare(`SELECT response_id, item_id FROM answers.redactions ORDER BY response_id, item_id`)
        .all() as { response_id: Buffer; item_id: string }[],
      closedWaves: this.db
        .prepare(`SELECT organisation_id, wave_id FROM answers.closed_waves ORDER BY organisation_id, wave_id`)
        .all() as { organisation_id: string; wave_id: string }[],
      exit: this.exitQuestionnaire.contents(),
    };
  }

  close(): void {
    this.db.close();
  }

  private release(organisationId: string, waveId: string, minimumGroupSize: number): { released: number } {
    const pending = this.db
      .prepare(`SELECT ${ANSWER_ROW_COLUMNS} FROM answers.pending_responses WHERE organisation_id = ? AND wave_id = ?`)
      .all(organisationId, waveId) as (AnswerRow & { id: Buffer })[];
    const releasable = releasableAnswers(pending.map(groupOf), minimumGroupSize);
    const batch = pending.filter((_, index) => releasable[index]);
    const insert = this.insertAnswerRow('answers.responses');
    const remove = this.db.prepare(`DELETE FROM answers.pending_responses WHERE id = ?`);
    // New keys, so a pending row seen earlier cannot be recognised among the released ones; shuffled for good measure.
    for (const row of shuffled(batch)) {
      remove.run(row.id);
      insert.run(...answerRowValues(randomBytes(16), row));
    }
    return { released: batch.length };
  }

  /** The pending pool and the released answers have the same columns (ANSWER_COLUMNS), written the same way. */
  private insertAnswerRow(table: 'answers.pending_responses' | 'answers.responses'): Database.Statement<unknown[]> {
    return this.db.prepare(`INSERT INTO ${table} (${ANSWER_ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /** In key order (the table's own, WITHOUT ROWID): random, so it says nothing about who answered when. */
  private releasedRows(organisationId: string, waveId: string): (ReleasedRow & { redacted: string[] })[] {
    const rows = this.db
      .prepare(
        `SELECT id, questionnaire_version, ${GROUP_COLUMNS}, answers FROM answers.responses WHERE organisation_id = ? AND wave_id = ? ORDER BY id`,
      )
      .all(organisationId, waveId) as ReleasedRow[];
    const redactions = this.db.prepare(`SELECT item_id FROM answers.redactions WHERE response_id = ?`);
    return rows.map((row) => ({
      ...row,
      redacted: (redactions.all(row.id) as { item_id: string }[]).map((entry) => entry.item_id),
    }));
  }

  private isClosed(organisationId: string, waveId: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM answers.closed_waves WHERE organisation_id = ? AND wave_id = ?`)
        .get(organisationId, waveId) !== undefined
    );
  }

  /** The invitation of a valid, unspent, unexpired token of an open wave; SurveyTokenRefused otherwise. */
  private usable(token: string): InvitationRow {
    const tokenId = this.tokens.verify(token);
    const row = this.db.prepare(`SELECT * FROM survey_invitations WHERE token_id = ?`).get(tokenId) as
      | InvitationRow
      | undefined;
    if (!row) throw new SurveyTokenRefused('invalid');
    if (row.spent === 1) throw new SurveyTokenRefused('spent');
    if (!(row.expires_at > this.now()) || this.isClosed(row.organisation_id, row.wave_id))
      throw new SurveyTokenRefused('expired');
    return row;
  }
}

/** SQLite keeps the spent mark as 0 or 1. */
interface InvitationRow extends Omit<InvitationRecord, 'spent'> {
  readonly spent: number;
}
