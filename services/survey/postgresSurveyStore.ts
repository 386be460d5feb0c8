import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { AnswerSet } from '../../workflows/domain/questionnaire';
import type { GroupCell, ReleasedResponse } from '../../workflows/domain/surveyReport';
import { releasableAnswers } from '../../workflows/domain/surveyRelease';
import { migrate } from '../shared/postgres/migrations';
import { inTransaction } from '../shared/postgres/transaction';
import { PostgresExitQuestionnaireStore } from './postgresExitQuestionnaireStore';
import { carryOverSurvey } from './postgresSurveyCarryOver';
import {
  claimInvitation,
  inLockedPool,
  insertShuffled,
  invitationOf,
  lockPool,
  SURVEY_MIGRATIONS,
} from './postgresSurveySchema';
import { SignedLinkTokens, SurveyTokenRefused } from './signedLinkTokens';
import {
  ANSWER_ROW_COLUMNS,
  type AnswerRow,
  answerRowValues,
  canonicalAnswers,
  GROUP_COLUMNS,
  type GroupRow,
  groupOf,
  INVITATION_COLUMNS,
  invitationRowValues,
  openAnswerNamed,
  type ReleasedRow,
  releasedResponseOf,
  type InvitationRecord,
  type SurveyStoreContents,
  surveyInvitationOf,
  type WaveRow,
  waveSummaryOf,
} from './surveyAnswerRows';
import type { SurveyInvitation, SurveyInvitationInput, SurveyStorage, WaveSummary } from './surveyStorage';

/**
 * The survey in PostgreSQL (DATABASE_URL), shared by every API replica and worker, with the SQLite store's
 * promises (surveyStore.ts) kept against what PostgreSQL adds:
 *
 * - Order. A heap keeps rows where they were inserted (ctid, and an unordered SELECT), and every row version
 *   carries the id of the transaction that wrote it (xmin), the same id as the invitation row the submission
 *   marked spent. So a submission does not add its answer to the pending pool: it rewrites the wave's whole pool,
 *   deleted and inserted again in one statement, shuffled and under new random keys. Every waiting answer then has
 *   the latest submission's xmin and a place drawn at random; a release writes its batch the same way.
 * - Time. No column holds one, and no sequence numbers the rows; released answers are read in key order.
 * - Concurrency. Spending is one `UPDATE … WHERE NOT spent`: of two submissions of one link on two replicas, the
 *   second waits for the first and then finds nothing to update. Whatever rewrites a pool first takes that pool's
 *   advisory lock (postgresSurveySchema.ts), so two submissions to one wave never rewrite it from stale reads.
 */
export class PostgresSurveyStore implements SurveyStorage {
  private readonly tokens: SignedLinkTokens;

  private constructor(
    private readonly pool: Pool,
    private readonly key: Buffer,
    private readonly now: () => number,
    readonly exitQuestionnaire: PostgresExitQuestionnaireStore,
  ) {
    this.tokens = new SignedLinkTokens(key, 'sst_', 'survey-token');
  }

  /**
   * Migrates, then (given `carriedOver`, the SQLite files of a deployment moving to DATABASE_URL) copies their
   * contents into the tables if these are all still empty (postgresSurveyCarryOver.ts): before the exit
   * questionnaire records the year it began, since the files' store began earlier.
   */
  static async open(
    pool: Pool,
    key: Buffer,
    now: () => number = Date.now,
    carriedOver?: () => Promise<SurveyStoreContents | undefined>,
  ): Promise<PostgresSurveyStore> {
    await migrate(pool, 'survey', SURVEY_MIGRATIONS);
    if (carriedOver) await carryOverSurvey(pool, carriedOver);
    return new PostgresSurveyStore(pool, key, now, await PostgresExitQuestionnaireStore.open(pool, key, now));
  }

  async invite(input: SurveyInvitationInput): Promise<string> {
    await this.pool.query(
      `INSERT INTO survey_invitations (${INVITATION_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
      invitationRowValues(input),
    );
    const { rows } = await this.pool.query<{ token_id: string }>(
      `SELECT token_id FROM survey_invitations WHERE organisation_id = $1 AND hire_id = $2 AND questionnaire_id = $3 AND wave_id = $4`,
      [input.organisationId, input.hireId, input.questionnaire.id, input.waveId],
    );
    return this.tokens.tokenOf(rows[0]!.token_id);
  }

  async invitationOf(
    organisationId: string,
    hireId: string,
    questionnaireId: string,
  ): Promise<{ token: string; spent: boolean } | undefined> {
    const { rows } = await this.pool.query<{ token_id: string; spent: boolean }>(
      `SELECT token_id, spent FROM survey_invitations WHERE organisation_id = $1 AND hire_id = $2 AND questionnaire_id = $3
       ORDER BY expires_at DESC LIMIT 1`,
      [organisationId, hireId, questionnaireId],
    );
    const row = rows[0];
    return row && { token: this.tokens.tokenOf(row.token_id), spent: row.spent };
  }

  async open(token: string): Promise<SurveyInvitation> {
    const row = await this.invitation(this.pool, this.tokens.verify(token));
    if (row.spent) throw new SurveyTokenRefused('spent');
    await this.refuseExpired(this.pool, row);
    return surveyInvitationOf(row);
  }

  async submit(
    token: string,
    answers: AnswerSet,
    minimumGroupSize: number,
  ): Promise<{ organisationId: string; hireId: string; waveId: string; released: number }> {
    const tokenId = this.tokens.verify(token);
    return inTransaction(this.pool, async (client) => {
      const found = await this.invitation(client, tokenId);
      // The wave's lock before the claim: a close of the wave, or another answer to it, waits or went first.
      await lockPool(client, 'wave', found.organisation_id, found.wave_id);
      const row = await claimInvitation<InvitationRow>(client, 'survey_invitations', tokenId);
      // Refused after the claim: the rollback gives the link back as it was.
      await this.refuseExpired(client, row);
      const pending = await this.pendingOf(client, row.organisation_id, row.wave_id);
      const released = await this.rewritePool(
        client,
        row.organisation_id,
        row.wave_id,
        [...pending, { ...row, answers: canonicalAnswers(answers) }],
        minimumGroupSize,
      );
      return { organisationId: row.organisation_id, hireId: row.hire_id, waveId: row.wave_id, released };
    });
  }

  async closeWave(
    organisationId: string,
    waveId: string,
    minimumGroupSize: number,
  ): Promise<{ released: number; withheld: number }> {
    return inLockedPool(this.pool, ['wave', organisationId, waveId], async (client) => {
      await client.query(
        `INSERT INTO survey_closed_waves (organisation_id, wave_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [organisationId, waveId],
      );
      const pending = await this.pendingOf(client, organisationId, waveId);
      const releasable = releasableAnswers(pending.map(groupOf), minimumGroupSize);
      const batch = pending.filter((_, index) => releasable[index]);
      await client.query(`DELETE FROM survey_pending_responses WHERE organisation_id = $1 AND wave_id = $2`, [
        organisationId,
        waveId,
      ]);
      await this.insertAnswers(client, 'survey_responses', batch);
      return { released: batch.length, withheld: pending.length - batch.length };
    });
  }

  async released(
    organisationId: string,
    waveId: string,
  ): Promise<(ReleasedResponse & { questionnaireVersion: number })[]> {
    const rows = await this.releasedRows(this.pool, organisationId, waveId);
    return rows.map((row) => releasedResponseOf(this.key, row, row.redacted));
  }

  async redactOpenAnswer(
    organisationId: string,
    waveId: string,
    answerId: string,
  ): Promise<{ itemId: string; already: boolean } | undefined> {
    // Two redactions of one answer at once: the second sees the first's and answers `already`.
    return inLockedPool(this.pool, ['wave', organisationId, waveId], async (client) => {
      const found = openAnswerNamed(this.key, await this.releasedRows(client, organisationId, waveId), answerId);
      if (!found) return undefined;
      if (!found.already) {
        await client.query(`UPDATE survey_responses SET answers = $1 WHERE id = $2`, [found.remaining, found.row.id]);
        await client.query(`INSERT INTO survey_redactions (response_id, item_id) VALUES ($1, $2)`, [
          found.row.id,
          found.itemId,
        ]);
      }
      return { itemId: found.itemId, already: found.already };
    });
  }

  async invitedCells(organisationId: string, waveId: string): Promise<GroupCell[]> {
    const { rows } = await this.pool.query<GroupRow & { n: number }>(
      `SELECT ${GROUP_COLUMNS}, count(*)::int AS n FROM survey_invitations WHERE organisation_id = $1 AND wave_id = $2
       GROUP BY ${GROUP_COLUMNS}`,
      [organisationId, waveId],
    );
    return rows.map((row) => ({ group: groupOf(row), count: row.n }));
  }

  async waves(organisationId: string): Promise<WaveSummary[]> {
    const { rows } = await this.pool.query<WaveRow & { closed: boolean }>(
      `SELECT i.wave_id, i.questionnaire_id, count(*)::int AS invited, count(*) FILTER (WHERE i.spent)::int AS answered,
              (SELECT count(*)::int FROM survey_responses r WHERE r.organisation_id = i.organisation_id AND r.wave_id = i.wave_id) AS released,
              EXISTS (SELECT 1 FROM survey_closed_waves c WHERE c.organisation_id = i.organisation_id AND c.wave_id = i.wave_id) AS closed
       FROM survey_invitations i WHERE i.organisation_id = $1
       GROUP BY i.organisation_id, i.wave_id, i.questionnaire_id ORDER BY i.wave_id COLLATE "C"`,
      [organisationId],
    );
    return rows.map((row) => waveSummaryOf(row, row.closed));
  }

  async forgetHire(organisationId: string, hireId: string): Promise<void> {
    await this.pool.query(`DELETE FROM survey_invitations WHERE organisation_id = $1 AND hire_id = $2`, [
      organisationId,
      hireId,
    ]);
    await this.exitQuestionnaire.forget(organisationId, hireId);
  }

  /**
   * Writes the wave's pool anew from `pool` (what waited, and the new answer): what reaches k in every group goes to
   * the released answers, the rest back to the pending pool; both shuffled, under new keys, in one INSERT each.
   */
  private async rewritePool(
    client: PoolClient,
    organisationId: string,
    waveId: string,
    pool: readonly AnswerRow[],
    minimumGroupSize: number,
  ): Promise<number> {
    const releasable = releasableAnswers(pool.map(groupOf), minimumGroupSize);
    await client.query(`DELETE FROM survey_pending_responses WHERE organisation_id = $1 AND wave_id = $2`, [
      organisationId,
      waveId,
    ]);
    const batch = pool.filter((_, index) => releasable[index]);
    await this.insertAnswers(client, 'survey_responses', batch);
    await this.insertAnswers(
      client,
      'survey_pending_responses',
      pool.filter((_, index) => !releasable[index]),
    );
    return batch.length;
  }

  private insertAnswers(
    client: PoolClient,
    table: 'survey_pending_responses' | 'survey_responses',
    rows: readonly AnswerRow[],
  ): Promise<void> {
    return insertShuffled(client, table, ANSWER_ROW_COLUMNS, rows, (row) => answerRowValues(randomBytes(16), row));
  }

  private async pendingOf(client: PoolClient, organisationId: string, waveId: string): Promise<AnswerRow[]> {
    const { rows } = await client.query<AnswerRow>(
      `SELECT ${ANSWER_ROW_COLUMNS} FROM survey_pending_responses WHERE organisation_id = $1 AND wave_id = $2`,
      [organisationId, waveId],
    );
    return rows;
  }

  /** In key order: random, so it says nothing about who answered when (the heap's order would say which batch). */
  private async releasedRows(
    db: Pool | PoolClient,
    organisationId: string,
    waveId: string,
  ): Promise<(ReleasedRow & { redacted: string[] })[]> {
    const { rows } = await db.query<ReleasedRow & { redacted: string[] }>(
      `SELECT r.id, r.questionnaire_version, ${GROUP_COLUMNS.replace(/(\w+)/g, 'r.$1')}, r.answers,
              coalesce((SELECT array_agg(d.item_id ORDER BY d.item_id) FROM survey_redactions d WHERE d.response_id = r.id), '{}') AS redacted
       FROM survey_responses r WHERE r.organisation_id = $1 AND r.wave_id = $2 ORDER BY r.id`,
      [organisationId, waveId],
    );
    return rows;
  }

  private invitation(db: Pool | PoolClient, tokenId: string): Promise<InvitationRow> {
    return invitationOf<InvitationRow>(db, 'survey_invitations', tokenId);
  }

  private async refuseExpired(db: Pool | PoolClient, row: InvitationRow): Promise<void> {
    if (!(Number(row.expires_at) > this.now())) throw new SurveyTokenRefused('expired');
    const closed = await db.query(`SELECT 1 FROM survey_closed_waves WHERE organisation_id = $1 AND wave_id = $2`, [
      row.organisation_id,
      row.wave_id,
    ]);
    if ((closed.rowCount ?? 0) > 0) throw new SurveyTokenRefused('expired');
  }
}

interface InvitationRow extends Omit<InvitationRecord, 'expires_at'> {
  /** BIGINT: the driver gives a string. */
  readonly expires_at: string;
}
