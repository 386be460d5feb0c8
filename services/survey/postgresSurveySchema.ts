import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Migration } from '../shared/postgres/migrations';
import { inTransaction } from '../shared/postgres/transaction';
import { shuffled } from './shuffled';
import { SurveyTokenRefused } from './signedLinkTokens';

/**
 * The survey's tables in PostgreSQL (postgresSurveyStore.ts, postgresExitQuestionnaireStore.ts): the invitations,
 * which know who was invited and whether the link was spent, and the answers, which have no hire id, token, time
 * or sequence column — a random key (BYTEA), the coarse groups fixed at invitation and the answers. The same
 * columns as on SQLite (surveyStore.ts), so the contract reads both alike.
 */
export const SURVEY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'survey and exit questionnaire: invitations, pending and released answers without time or order',
    sql: `
      CREATE TABLE survey_invitations (
        token_id              TEXT PRIMARY KEY,
        organisation_id       TEXT NOT NULL,
        hire_id               TEXT NOT NULL,
        wave_id               TEXT NOT NULL,
        questionnaire_id      TEXT NOT NULL,
        questionnaire_version INTEGER NOT NULL,
        team TEXT NOT NULL, location TEXT NOT NULL, start_quarter TEXT NOT NULL, role_family TEXT NOT NULL, template_id TEXT NOT NULL,
        expires_at            BIGINT NOT NULL,
        spent                 BOOLEAN NOT NULL DEFAULT false,
        UNIQUE (organisation_id, hire_id, questionnaire_id, wave_id)
      );
      CREATE TABLE survey_pending_responses (
        id BYTEA PRIMARY KEY,
        organisation_id TEXT NOT NULL, wave_id TEXT NOT NULL, questionnaire_id TEXT NOT NULL, questionnaire_version INTEGER NOT NULL,
        team TEXT NOT NULL, location TEXT NOT NULL, start_quarter TEXT NOT NULL, role_family TEXT NOT NULL, template_id TEXT NOT NULL,
        answers TEXT NOT NULL
      );
      CREATE INDEX survey_pending_responses_wave ON survey_pending_responses (organisation_id, wave_id);
      CREATE TABLE survey_responses (LIKE survey_pending_responses INCLUDING ALL);
      CREATE TABLE survey_redactions (
        response_id BYTEA NOT NULL, item_id TEXT NOT NULL, PRIMARY KEY (response_id, item_id)
      );
      CREATE TABLE survey_closed_waves (
        organisation_id TEXT NOT NULL, wave_id TEXT NOT NULL, PRIMARY KEY (organisation_id, wave_id)
      );
      CREATE TABLE exit_questionnaire_invitations (
        token_id        TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL,
        hire_id         TEXT NOT NULL,
        team            TEXT NOT NULL,
        expires_at      BIGINT NOT NULL,
        spent           BOOLEAN NOT NULL DEFAULT false,
        UNIQUE (organisation_id, hire_id)
      );
      CREATE TABLE exit_pending (
        id BYTEA PRIMARY KEY, organisation_id TEXT NOT NULL, team TEXT NOT NULL, answer TEXT NOT NULL
      );
      CREATE INDEX exit_pending_team ON exit_pending (organisation_id, team);
      CREATE TABLE exit_responses (LIKE exit_pending INCLUDING ALL);
      CREATE TABLE exit_questionnaire_years (
        organisation_id TEXT NOT NULL, year INTEGER NOT NULL, PRIMARY KEY (organisation_id, year)
      );
      CREATE TABLE exit_questionnaire_first_year (one_row INTEGER PRIMARY KEY CHECK (one_row = 1), year INTEGER NOT NULL);
    `,
  },
];

/**
 * Serialises, until the transaction ends, everything that reads and rewrites one pending pool (a wave's, or an
 * organisation's exit answers): two submissions on two replicas must not each rewrite the pool from what they read
 * before the other's commit, or an answer would be lost or doubled.
 */
export async function lockPool(client: PoolClient, ...pool: readonly string[]): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    JSON.stringify(['soft-landing-survey-pool', ...pool]),
  ]);
}

/** `work` in one transaction that holds the pool's lock (lockPool) from its first statement to its end. */
export function inLockedPool<T>(
  pool: Pool,
  lock: readonly string[],
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return inTransaction(pool, async (client) => {
    await lockPool(client, ...lock);
    return work(client);
  });
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters, for a pool of any size. */
const ROWS_PER_INSERT = 1000;

/**
 * `rows` shuffled, inserted into `table` by multi-row INSERTs: the rows land in the heap in that drawn order, and
 * all of them carry the one xmin of the transaction that wrote them.
 */
export async function insertShuffled<Row>(
  client: PoolClient,
  table: string,
  columns: string,
  rows: readonly Row[],
  valuesOf: (row: Row) => unknown[],
): Promise<void> {
  const all = shuffled(rows);
  for (let start = 0; start < all.length; start += ROWS_PER_INSERT) {
    const values = all.slice(start, start + ROWS_PER_INSERT).map(valuesOf);
    const width = values[0]!.length;
    const placeholders = values.map(
      (_, row) => `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}`).join(', ')})`,
    );
    await client.query(`INSERT INTO ${table} (${columns}) VALUES ${placeholders.join(', ')}`, values.flat());
  }
}

/** The invitations tables, each keyed by the link's token id. */
type InvitationTable = 'survey_invitations' | 'exit_questionnaire_invitations';

/** A link's invitation; a token without one (never issued, or erased since) is no valid link. */
export async function invitationOf<Row extends QueryResultRow>(
  db: Pool | PoolClient,
  table: InvitationTable,
  tokenId: string,
): Promise<Row> {
  const { rows } = await db.query<Row>(`SELECT * FROM ${table} WHERE token_id = $1`, [tokenId]);
  const row = rows[0];
  if (!row) throw new SurveyTokenRefused('invalid');
  return row;
}

/**
 * Claims a link inside the caller's transaction: its invitation marked spent, and returned. Nothing to claim is
 * a link spent meanwhile, or erased meanwhile (then the link is no longer valid at all).
 */
export async function claimInvitation<Row extends QueryResultRow>(
  client: PoolClient,
  table: InvitationTable,
  tokenId: string,
): Promise<Row> {
  const claimed = await client.query<Row>(
    `UPDATE ${table} SET spent = true WHERE token_id = $1 AND NOT spent RETURNING *`,
    [tokenId],
  );
  const row = claimed.rows[0];
  if (row) return row;
  await invitationOf(client, table, tokenId);
  throw new SurveyTokenRefused('spent');
}
