import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  type ExitQuestionnaireAnswer,
  POOLED_TEAMS,
  type ReleasedExitAnswer,
} from '../../workflows/domain/exitQuestionnaire';
import { dutchDate } from '../shared/dutchClock';
import { shuffled } from './shuffled';
import { SignedLinkTokens, SurveyTokenRefused } from './signedLinkTokens';
import {
  canonicalExitAnswer,
  releasedExitAnswerOf,
  type ExitAnswerRow,
  type ExitInvitationRecord,
  type SurveyStoreContents,
} from './surveyAnswerRows';
import type { ExitQuestionnaireStorage } from './surveyStorage';

/**
 * The exit questionnaire's links and answers on SQLite (postgresExitQuestionnaireStore.ts with DATABASE_URL), on the
 * survey store's connection and in its two files, under the
 * survey's rules (surveyStore.ts): the invitation (tokens file) knows whose link it is and whether it was spent,
 * never the answer; the answer (answers file) holds no hire id, token, time or order — a random key in a WITHOUT
 * ROWID table, and a pending pool per organisation and team that is released only once k answers wait in it, all
 * at once, shuffled and under new keys. So every released team is none or at least k, and an operator watching
 * links being spent cannot tell which answer is whose. Links are signed like the survey's (HMAC, own purpose).
 */
export class ExitQuestionnaireStore implements ExitQuestionnaireStorage {
  // Its own prefix and purpose: a survey token's signature is no exit questionnaire token's, and the other way round.
  private readonly tokens: SignedLinkTokens;

  constructor(
    private readonly db: Database.Database,
    key: Buffer,
    private readonly now: () => number,
  ) {
    this.tokens = new SignedLinkTokens(key, 'sxt_', 'exit-questionnaire-token');
    db.exec(`
      CREATE TABLE IF NOT EXISTS exit_questionnaire_invitations (
        token_id        TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL,
        hire_id         TEXT NOT NULL,
        team            TEXT NOT NULL,
        expires_at      INTEGER NOT NULL,
        spent           INTEGER NOT NULL DEFAULT 0,
        UNIQUE (organisation_id, hire_id)
      );
      CREATE TABLE IF NOT EXISTS answers.exit_pending (
        id BLOB PRIMARY KEY, organisation_id TEXT NOT NULL, team TEXT NOT NULL, answer TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS answers.exit_responses (
        id BLOB PRIMARY KEY, organisation_id TEXT NOT NULL, team TEXT NOT NULL, answer TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS exit_questionnaire_years (
        organisation_id TEXT NOT NULL, year INTEGER NOT NULL, PRIMARY KEY (organisation_id, year)
      );
      CREATE TABLE IF NOT EXISTS exit_questionnaire_first_year (only INTEGER PRIMARY KEY CHECK (only = 1), year INTEGER NOT NULL);
    `);
    // The year this store began: no year before it is closed, so answers of its first months are not swept at once.
    db.prepare(`INSERT INTO exit_questionnaire_first_year (only, year) VALUES (1, ?) ON CONFLICT DO NOTHING`).run(
      Number(dutchDate(now()).slice(0, 4)),
    );
  }

  /** The leaver's personal link token, made on first call: a retried mail carries the same one. */
  async invite(input: { organisationId: string; hireId: string; team: string; expiresAt: number }): Promise<string> {
    this.db
      .prepare(
        `INSERT INTO exit_questionnaire_invitations (token_id, organisation_id, hire_id, team, expires_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(randomBytes(16).toString('hex'), input.organisationId, input.hireId, input.team, input.expiresAt);
    const row = this.db
      .prepare(`SELECT token_id FROM exit_questionnaire_invitations WHERE organisation_id = ? AND hire_id = ?`)
      .get(input.organisationId, input.hireId) as { token_id: string };
    return this.tokens.tokenOf(row.token_id);
  }

  /** Which organisation a valid, unspent, unexpired link belongs to; SurveyTokenRefused otherwise. */
  async open(token: string): Promise<{ organisationId: string; expiresAt: number }> {
    const row = this.usable(token);
    return { organisationId: row.organisation_id, expiresAt: row.expires_at };
  }

  /** Spends the link and adds the answer to the pending pool in one transaction; releases the team at k. */
  async submit(
    token: string,
    answer: ExitQuestionnaireAnswer,
    minimumGroupSize: number,
  ): Promise<{ released: number }> {
    // IMMEDIATE, as every write here: see SurveyStore.submit.
    return this.db
      .transaction(() => {
        const row = this.usable(token);
        // Before this answer joins the pool: last year's remainder is closed without it.
        this.closeYearOf(row.organisation_id, this.lastYear(), minimumGroupSize);
        const spent = this.db
          .prepare(`UPDATE exit_questionnaire_invitations SET spent = 1 WHERE token_id = ? AND spent = 0`)
          .run(row.token_id);
        if (spent.changes !== 1) throw new SurveyTokenRefused('spent');
        this.db
          .prepare(`INSERT INTO answers.exit_pending (id, organisation_id, team, answer) VALUES (?, ?, ?, ?)`)
          .run(randomBytes(16), row.organisation_id, row.team, canonicalExitAnswer(answer));
        return { released: this.release(row.organisation_id, row.team, minimumGroupSize) };
      })
      .immediate();
  }

  /**
   * The released answers of an organisation, in key order: random, so it says nothing about who answered when.
   * Reading (like submitting) closes last year first, so the report never shows a pool that should have closed.
   */
  async released(organisationId: string, minimumGroupSize: number): Promise<ReleasedExitAnswer[]> {
    this.closeYearOf(organisationId, this.lastYear(), minimumGroupSize);
    const rows = this.db
      .prepare(`SELECT team, answer FROM answers.exit_responses WHERE organisation_id = ? ORDER BY id`)
      .all(organisationId) as { team: string; answer: string }[];
    return rows.map(releasedExitAnswerOf);
  }

  /**
   * The yearly close (RvdK analyses the year's answers once a year): whatever still waits in a team's pending pool
   * when `year` is over is pooled across the organisation's teams and released under POOLED_TEAMS if that reaches
   * k, and deleted otherwise — so no answer waits for its team for ever, and none is released below k. No answer
   * carries a time, so the year is closed for every answer waiting then. Once per organisation and year; run by the
   * first submission or report of the organisation after New Year (no schedule: until then nothing is shown).
   */
  async closeYear(
    organisationId: string,
    year: number,
    minimumGroupSize: number,
  ): Promise<{ pooled: number; deleted: number }> {
    return this.closeYearOf(organisationId, year, minimumGroupSize);
  }

  /** An erasure removes the person's invitation; an answer they gave stays, as it names nobody. */
  async forget(organisationId: string, hireId: string): Promise<void> {
    this.db
      .prepare(`DELETE FROM exit_questionnaire_invitations WHERE organisation_id = ? AND hire_id = ?`)
      .run(organisationId, hireId);
  }

  /** Every row, for the move to PostgreSQL (SurveyStoreContents' `exit`), each table in its random key's order. */
  contents(): SurveyStoreContents['exit'] {
    const all = <Row>(sql: string) => this.db.prepare<[], Row>(sql).all();
    return {
      invitations: all<Omit<ExitInvitationRecord, 'spent'> & { spent: number }>(
        `SELECT token_id, organisation_id, hire_id, team, expires_at, spent FROM exit_questionnaire_invitations ORDER BY token_id`,
      ).map((row) => ({ ...row, spent: row.spent === 1 })),
      pending: all<ExitAnswerRow>(`SELECT organisation_id, team, answer FROM answers.exit_pending ORDER BY id`),
      released: all<ExitAnswerRow>(`SELECT organisation_id, team, answer FROM answers.exit_responses ORDER BY id`),
      closedYears: all<{ organisation_id: string; year: number }>(
        `SELECT organisation_id, year FROM exit_questionnaire_years ORDER BY organisation_id, year`,
      ),
      firstYear: all<{ year: number }>(`SELECT year FROM exit_questionnaire_first_year`)[0]?.year,
    };
  }

  /** closeYear, synchronously: also inside a submission's transaction (a savepoint there). */
  private closeYearOf(
    organisationId: string,
    year: number,
    minimumGroupSize: number,
  ): { pooled: number; deleted: number } {
    return this.db
      .transaction(() => {
        const first = this.db.prepare(`SELECT year FROM exit_questionnaire_first_year`).get() as { year: number };
        if (year < first.year) return { pooled: 0, deleted: 0 };
        const closed = this.db
          .prepare(`INSERT INTO exit_questionnaire_years (organisation_id, year) VALUES (?, ?) ON CONFLICT DO NOTHING`)
          .run(organisationId, year);
        if (closed.changes === 0) return { pooled: 0, deleted: 0 };
        const pending = this.db
          .prepare(`SELECT answer FROM answers.exit_pending WHERE organisation_id = ?`)
          .all(organisationId) as { answer: string }[];
        this.db.prepare(`DELETE FROM answers.exit_pending WHERE organisation_id = ?`).run(organisationId);
        if (pending.length < minimumGroupSize) return { pooled: 0, deleted: pending.length };
        const insert = this.db.prepare(
          `INSERT INTO answers.exit_responses (id, organisation_id, team, answer) VALUES (?, ?, ?, ?)`,
        );
        for (const row of shuffled(pending)) insert.run(randomBytes(16), organisationId, POOLED_TEAMS, row.answer);
        return { pooled: pending.length, deleted: 0 };
      })
      .immediate();
  }

  /** The Dutch calendar year before today's: closed at the first submission or report after New Year. */
  private lastYear(): number {
    return Number(dutchDate(this.now()).slice(0, 4)) - 1;
  }

  private release(organisationId: string, team: string, minimumGroupSize: number): number {
    const pending = this.db
      .prepare(`SELECT id, answer FROM answers.exit_pending WHERE organisation_id = ? AND team = ?`)
      .all(organisationId, team) as { id: Buffer; answer: string }[];
    if (pending.length < minimumGroupSize) return 0;
    const insert = this.db.prepare(
      `INSERT INTO answers.exit_responses (id, organisation_id, team, answer) VALUES (?, ?, ?, ?)`,
    );
    for (const row of shuffled(pending)) insert.run(randomBytes(16), organisationId, team, row.answer);
    this.db
      .prepare(`DELETE FROM answers.exit_pending WHERE organisation_id = ? AND team = ?`)
      .run(organisationId, team);
    return pending.length;
  }

  private usable(token: string) {
    const row = this.db
      .prepare(`SELECT * FROM exit_questionnaire_invitations WHERE token_id = ?`)
      .get(this.tokens.verify(token)) as
      | { token_id: string; organisation_id: string; team: string; expires_at: number; spent: number }
      | undefined;
    if (!row) throw new SurveyTokenRefused('invalid');
    if (row.spent === 1) throw new SurveyTokenRefused('spent');
    if (!(row.expires_at > this.now())) throw new SurveyTokenRefused('expired');
    return row;
  }
}
