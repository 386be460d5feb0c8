import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import {
  type ExitQuestionnaireAnswer,
  POOLED_TEAMS,
  type ReleasedExitAnswer,
} from '../../workflows/domain/exitQuestionnaire';
import { dutchDate } from '../shared/dutchClock';
import { inTransaction } from '../shared/postgres/transaction';
import { claimInvitation, inLockedPool, insertShuffled, invitationOf, lockPool } from './postgresSurveySchema';
import { SignedLinkTokens, SurveyTokenRefused } from './signedLinkTokens';
import { canonicalExitAnswer, releasedExitAnswerOf } from './surveyAnswerRows';
import type { ExitQuestionnaireStorage } from './surveyStorage';

/**
 * The exit questionnaire in PostgreSQL, beside the survey's tables and under its rules (postgresSurveyStore.ts):
 * a submission rewrites its team's pending pool whole, shuffled and under new keys, so neither the heap's order nor
 * xmin says which waiting answer came last; a team is released at k all at once, and the yearly close pools what
 * is left. Everything that touches an organisation's pools holds its advisory lock, so two replicas take turns.
 * (The schema and its migration: postgresSurveySchema.ts, migrated by PostgresSurveyStore.open.)
 */
export class PostgresExitQuestionnaireStore implements ExitQuestionnaireStorage {
  private readonly tokens: SignedLinkTokens;

  private constructor(
    private readonly pool: Pool,
    key: Buffer,
    private readonly now: () => number,
  ) {
    this.tokens = new SignedLinkTokens(key, 'sxt_', 'exit-questionnaire-token');
  }

  /** On a migrated database: the year this store began is recorded once (no year before it is closed). */
  static async open(pool: Pool, key: Buffer, now: () => number): Promise<PostgresExitQuestionnaireStore> {
    await pool.query(
      `INSERT INTO exit_questionnaire_first_year (one_row, year) VALUES (1, $1) ON CONFLICT DO NOTHING`,
      [Number(dutchDate(now()).slice(0, 4))],
    );
    return new PostgresExitQuestionnaireStore(pool, key, now);
  }

  async invite(input: { organisationId: string; hireId: string; team: string; expiresAt: number }): Promise<string> {
    await this.pool.query(
      `INSERT INTO exit_questionnaire_invitations (token_id, organisation_id, hire_id, team, expires_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [randomBytes(16).toString('hex'), input.organisationId, input.hireId, input.team, input.expiresAt],
    );
    const { rows } = await this.pool.query<{ token_id: string }>(
      `SELECT token_id FROM exit_questionnaire_invitations WHERE organisation_id = $1 AND hire_id = $2`,
      [input.organisationId, input.hireId],
    );
    return this.tokens.tokenOf(rows[0]!.token_id);
  }

  async open(token: string): Promise<{ organisationId: string; expiresAt: number }> {
    const row = await this.invitation(this.pool, this.tokens.verify(token));
    if (row.spent) throw new SurveyTokenRefused('spent');
    this.refuseExpired(row);
    return { organisationId: row.organisation_id, expiresAt: Number(row.expires_at) };
  }

  async submit(
    token: string,
    answer: ExitQuestionnaireAnswer,
    minimumGroupSize: number,
  ): Promise<{ released: number }> {
    const tokenId = this.tokens.verify(token);
    return inTransaction(this.pool, async (client) => {
      const found = await this.invitation(client, tokenId);
      await lockPool(client, 'exit', found.organisation_id);
      const row = await claimInvitation<InvitationRow>(client, 'exit_questionnaire_invitations', tokenId);
      this.refuseExpired(row);
      // Before this answer joins the pool: last year's remainder is closed without it.
      await this.closeYearIn(client, row.organisation_id, this.lastYear(), minimumGroupSize);
      const { rows } = await client.query<{ answer: string }>(
        `DELETE FROM exit_pending WHERE organisation_id = $1 AND team = $2 RETURNING answer`,
        [row.organisation_id, row.team],
      );
      const pool = [...rows.map((entry) => entry.answer), canonicalExitAnswer(answer)];
      const released = pool.length >= minimumGroupSize;
      await insertShuffled(
        client,
        released ? 'exit_responses' : 'exit_pending',
        'id, organisation_id, team, answer',
        pool,
        (text) => [randomBytes(16), row.organisation_id, row.team, text],
      );
      return { released: released ? pool.length : 0 };
    });
  }

  async released(organisationId: string, minimumGroupSize: number): Promise<ReleasedExitAnswer[]> {
    await this.closeYear(organisationId, this.lastYear(), minimumGroupSize);
    const { rows } = await this.pool.query<{ team: string; answer: string }>(
      `SELECT team, answer FROM exit_responses WHERE organisation_id = $1 ORDER BY id`,
      [organisationId],
    );
    return rows.map(releasedExitAnswerOf);
  }

  async closeYear(
    organisationId: string,
    year: number,
    minimumGroupSize: number,
  ): Promise<{ pooled: number; deleted: number }> {
    return inLockedPool(this.pool, ['exit', organisationId], (client) =>
      this.closeYearIn(client, organisationId, year, minimumGroupSize),
    );
  }

  async forget(organisationId: string, hireId: string): Promise<void> {
    await this.pool.query(`DELETE FROM exit_questionnaire_invitations WHERE organisation_id = $1 AND hire_id = $2`, [
      organisationId,
      hireId,
    ]);
  }

  /** The yearly close (ExitQuestionnaireStore.closeYear), in a transaction that holds the organisation's lock. */
  private async closeYearIn(
    client: PoolClient,
    organisationId: string,
    year: number,
    minimumGroupSize: number,
  ): Promise<{ pooled: number; deleted: number }> {
    const first = await client.query<{ year: number }>(`SELECT year FROM exit_questionnaire_first_year`);
    if (year < first.rows[0]!.year) return { pooled: 0, deleted: 0 };
    const closed = await client.query(
      `INSERT INTO exit_questionnaire_years (organisation_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [organisationId, year],
    );
    if ((closed.rowCount ?? 0) === 0) return { pooled: 0, deleted: 0 };
    const { rows } = await client.query<{ answer: string }>(
      `DELETE FROM exit_pending WHERE organisation_id = $1 RETURNING answer`,
      [organisationId],
    );
    if (rows.length < minimumGroupSize) return { pooled: 0, deleted: rows.length };
    await insertShuffled(client, 'exit_responses', 'id, organisation_id, team, answer', rows, (row) => [
      randomBytes(16),
      organisationId,
      POOLED_TEAMS,
      row.answer,
    ]);
    return { pooled: rows.length, deleted: 0 };
  }

  /** The Dutch calendar year before today's: closed at the first submission or report after New Year. */
  private lastYear(): number {
    return Number(dutchDate(this.now()).slice(0, 4)) - 1;
  }

  private invitation(db: Pool | PoolClient, tokenId: string): Promise<InvitationRow> {
    return invitationOf<InvitationRow>(db, 'exit_questionnaire_invitations', tokenId);
  }

  private refuseExpired(row: InvitationRow): void {
    if (!(Number(row.expires_at) > this.now())) throw new SurveyTokenRefused('expired');
  }
}

interface InvitationRow {
  readonly token_id: string;
  readonly organisation_id: string;
  readonly hire_id: string;
  readonly team: string;
  /** BIGINT: the driver gives a string. */
  readonly expires_at: string;
  readonly spent: boolean;
}
