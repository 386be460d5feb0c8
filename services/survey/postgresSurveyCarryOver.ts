import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { carryOverIntoEmpty } from '../shared/postgres/carryOver';
import { insertShuffled } from './postgresSurveySchema';
import {
  ANSWER_ROW_COLUMNS,
  answerRowValues,
  groupValues,
  INVITATION_COLUMNS,
  type InvitationRecord,
  type SurveyStoreContents,
} from './surveyAnswerRows';

/** Taken by every process that starts on the database, so one copies and the others find the copy done. */
const CARRY_OVER_LOCK = 'soft-landing-survey-carry-over';

/** The tables that hold what the stores were given (not the one-row first year, which every start writes). */
const CONTENT_TABLES = [
  'survey_invitations',
  'survey_pending_responses',
  'survey_responses',
  'survey_redactions',
  'survey_closed_waves',
  'exit_questionnaire_invitations',
  'exit_pending',
  'exit_responses',
  'exit_questionnaire_years',
] as const;

const EXIT_ANSWER_COLUMNS = 'id, organisation_id, team, answer';

/**
 * The first start on PostgreSQL of a deployment whose survey lived in the two SQLite files: everything they hold,
 * in one transaction, into tables that are all still empty, so its open links still open, its spent and closed
 * ones stay refused and its answers, waiting or released, stay where they were. Once any table holds anything the
 * files are history: `contentsOf` (which reads them) is not called. The copy adds nothing that links an answer to
 * a person: no time (an invitation keeps its expiry, an answer has none), and no order — every table is written
 * shuffled (insertShuffled), so the heap's order says nothing, and all rows carry this one transaction's xmin.
 * Waiting answers get new random keys, as whenever their pool is written; released ones keep theirs, which their
 * redactions and the ids of their open answers are made from.
 */
export async function carryOverSurvey(
  pool: Pool,
  contentsOf: () => Promise<SurveyStoreContents | undefined>,
): Promise<void> {
  await carryOverIntoEmpty(pool, {
    lock: CARRY_OVER_LOCK,
    tables: CONTENT_TABLES,
    contentsOf,
    copy: async (client, contents) => {
      await insertShuffled(
        client,
        'survey_invitations',
        `${INVITATION_COLUMNS}, spent`,
        contents.invitations,
        invitationValues,
      );
      await insertShuffled(client, 'survey_pending_responses', ANSWER_ROW_COLUMNS, contents.pending, (row) =>
        answerRowValues(randomBytes(16), row),
      );
      await insertShuffled(client, 'survey_responses', ANSWER_ROW_COLUMNS, contents.released, (row) =>
        answerRowValues(row.id, row),
      );
      await insertShuffled(client, 'survey_redactions', 'response_id, item_id', contents.redactions, (row) => [
        row.response_id,
        row.item_id,
      ]);
      await insertShuffled(client, 'survey_closed_waves', 'organisation_id, wave_id', contents.closedWaves, (row) => [
        row.organisation_id,
        row.wave_id,
      ]);
      const { exit } = contents;
      await insertShuffled(
        client,
        'exit_questionnaire_invitations',
        'token_id, organisation_id, hire_id, team, expires_at, spent',
        exit.invitations,
        (row) => [row.token_id, row.organisation_id, row.hire_id, row.team, row.expires_at, row.spent],
      );
      for (const [table, rows] of [
        ['exit_pending', exit.pending],
        ['exit_responses', exit.released],
      ] as const)
        await insertShuffled(client, table, EXIT_ANSWER_COLUMNS, rows, (row) => [
          randomBytes(16),
          row.organisation_id,
          row.team,
          row.answer,
        ]);
      await insertShuffled(client, 'exit_questionnaire_years', 'organisation_id, year', exit.closedYears, (row) => [
        row.organisation_id,
        row.year,
      ]);
      // The year the SQLite store began, not this start's (an empty start may have written that already): a year
      // the files had answers waiting in is closed at its New Year as it would have been there.
      if (exit.firstYear !== undefined)
        await client.query(
          `INSERT INTO exit_questionnaire_first_year (one_row, year) VALUES (1, $1)
         ON CONFLICT (one_row) DO UPDATE SET year = LEAST(exit_questionnaire_first_year.year, excluded.year)`,
          [exit.firstYear],
        );
    },
  });
}

/** An invitation's columns (INVITATION_COLUMNS) with its spent mark last. */
function invitationValues(row: InvitationRecord): unknown[] {
  return [
    row.token_id,
    row.organisation_id,
    row.hire_id,
    row.wave_id,
    row.questionnaire_id,
    row.questionnaire_version,
    ...groupValues(row),
    row.expires_at,
    row.spent,
  ];
}
