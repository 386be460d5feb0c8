import type { Pool } from 'pg';
import type { HrisChange, TrackedEmployment } from './employmentChanges';
import {
  type ChangeRow,
  type Cursor,
  type DispatchOutcome,
  type EmploymentRow,
  type HrisSnapshots,
  MAX_ERROR_LENGTH,
  type StoredChange,
  hrisStreamName,
  toStoredChange,
  toTracked,
} from './hrisStore';
import { POSTGRES_HRIS, changeRowValues, employmentRowValues, hrisSql } from './hrisSql';
import { type Migration, migrate } from '../shared/postgres/migrations';
import { inTransaction } from '../shared/postgres/transaction';

const SQL = hrisSql(POSTGRES_HRIS);

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'the snapshot, the change outbox and the poll cursors, as the SQLite store keeps them',
    sql: SQL.tables,
  },
];

/**
 * The HRIS snapshot and outbox on PostgreSQL (DATABASE_URL): what a connector on another node, or its successor
 * after a failover, finds where the last one left off. Same contract as HrisStore, async.
 */
export class PostgresHrisStore implements HrisSnapshots {
  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PostgresHrisStore> {
    await migrate(pool, 'hris', MIGRATIONS);
    return new PostgresHrisStore(pool);
  }

  async tracked(organisationId: string, remoteEmploymentId: string): Promise<TrackedEmployment | undefined> {
    const { rows } = await this.pool.query<EmploymentRow>(
      `SELECT * FROM hris_employments WHERE organisation_id = $1 AND remote_employment_id = $2`,
      [organisationId, remoteEmploymentId],
    );
    return rows[0] && toTracked(rows[0]);
  }

  async trackedOfPerson(organisationId: string, remotePersonId: string): Promise<TrackedEmployment[]> {
    const { rows } = await this.pool.query<EmploymentRow>(
      `SELECT * FROM hris_employments WHERE organisation_id = $1 AND remote_person_id = $2`,
      [organisationId, remotePersonId],
    );
    return rows.map(toTracked);
  }

  async present(organisationId: string): Promise<TrackedEmployment[]> {
    const { rows } = await this.pool.query<EmploymentRow>(
      `SELECT * FROM hris_employments WHERE organisation_id = $1 AND vanished_at IS NULL`,
      [organisationId],
    );
    return rows.map(toTracked);
  }

  async apply(
    organisationId: string,
    next: TrackedEmployment,
    changes: readonly HrisChange[],
    at: Date,
  ): Promise<number> {
    const stream = hrisStreamName(organisationId);
    return inTransaction(this.pool, async (client) => {
      await client.query(SQL.upsertEmployment, employmentRowValues(organisationId, next, at));
      let written = 0;
      for (const change of changes) {
        const inserted = await client.query(SQL.insertChange, changeRowValues(stream, organisationId, change, at));
        written += inserted.rowCount ?? 0;
      }
      return written;
    });
  }

  async markVanished(organisationId: string, remoteEmploymentIds: readonly string[], at: Date): Promise<void> {
    await this.pool.query(
      `UPDATE hris_employments SET vanished_at = $1 WHERE organisation_id = $2 AND remote_employment_id = ANY($3)`,
      [at.toISOString(), organisationId, [...remoteEmploymentIds]],
    );
  }

  async changes(organisationId: string, options: { pendingOnly?: boolean } = {}): Promise<StoredChange[]> {
    const { rows } = await this.pool.query<ChangeRow>(
      `SELECT * FROM hris_changes WHERE stream = $1 ${options.pendingOnly ? 'AND dispatched_at IS NULL' : ''} ORDER BY position`,
      [hrisStreamName(organisationId)],
    );
    return rows.map((row) => toStoredChange({ ...row, position: Number(row.position) }));
  }

  async markDispatched(id: string, outcome: DispatchOutcome, at: Date): Promise<void> {
    await this.pool.query(
      `UPDATE hris_changes SET dispatched_at = $1, outcome = $2, attempts = attempts + 1, last_error = NULL WHERE id = $3`,
      [at.toISOString(), outcome, id],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.pool.query(`UPDATE hris_changes SET attempts = attempts + 1, last_error = $1 WHERE id = $2`, [
      error.slice(0, MAX_ERROR_LENGTH),
      id,
    ]);
  }

  async cursor(organisationId: string): Promise<Cursor> {
    const { rows } = await this.pool.query<{ changed_until: string | null; reconciled_at: string | null }>(
      `SELECT changed_until, reconciled_at FROM hris_cursors WHERE organisation_id = $1`,
      [organisationId],
    );
    const row = rows[0];
    return {
      ...(row?.changed_until == null ? {} : { changedUntil: Number(row.changed_until) }),
      ...(row?.reconciled_at == null ? {} : { reconciledAt: Number(row.reconciled_at) }),
    };
  }

  async saveCursor(organisationId: string, cursor: { changedUntil: number; reconciledAt?: number }): Promise<void> {
    await this.pool.query(
      `INSERT INTO hris_cursors (organisation_id, changed_until, reconciled_at) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id) DO UPDATE SET changed_until = excluded.changed_until,
         reconciled_at = COALESCE(excluded.reconciled_at, hris_cursors.reconciled_at)`,
      [organisationId, cursor.changedUntil, cursor.reconciledAt ?? null],
    );
  }
}
