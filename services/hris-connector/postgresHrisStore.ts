import type { Pool } from 'pg';
import { deterministicEventId } from '../event-store/deterministicEventId';
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
import { type Migration, migrate } from '../shared/postgres/migrations';
import { inTransaction } from '../shared/postgres/transaction';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'the snapshot, the change outbox and the poll cursors, as the SQLite store keeps them',
    sql: `
      CREATE TABLE hris_employments (
        organisation_id      TEXT NOT NULL,
        remote_employment_id TEXT NOT NULL,
        remote_person_id     TEXT NOT NULL,
        facts                TEXT NOT NULL,
        hire_id              TEXT,
        revision             INTEGER NOT NULL,
        seen_at              TEXT NOT NULL,
        vanished_at          TEXT,
        PRIMARY KEY (organisation_id, remote_employment_id)
      );
      CREATE INDEX hris_employments_person ON hris_employments (organisation_id, remote_person_id);
      CREATE TABLE hris_changes (
        position        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream          TEXT NOT NULL,
        id              TEXT NOT NULL UNIQUE,
        event_id        TEXT NOT NULL,
        kind            TEXT NOT NULL,
        organisation_id TEXT NOT NULL,
        hire_id         TEXT,
        record          TEXT NOT NULL,
        detected_at     TEXT NOT NULL,
        dispatched_at   TEXT,
        outcome         TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT
      );
      CREATE INDEX hris_changes_pending ON hris_changes (stream, dispatched_at, position);
      CREATE TABLE hris_cursors (
        organisation_id TEXT PRIMARY KEY,
        changed_until   BIGINT,
        reconciled_at   BIGINT
      );`,
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
      await client.query(
        `INSERT INTO hris_employments (organisation_id, remote_employment_id, remote_person_id, facts, hire_id, revision, seen_at, vanished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)
         ON CONFLICT (organisation_id, remote_employment_id) DO UPDATE SET remote_person_id = excluded.remote_person_id,
           facts = excluded.facts, hire_id = excluded.hire_id, revision = excluded.revision, seen_at = excluded.seen_at, vanished_at = NULL`,
        [
          organisationId,
          next.facts.remoteEmploymentId,
          next.facts.remotePersonId,
          JSON.stringify(next.facts),
          next.hireId,
          next.revision,
          at.toISOString(),
        ],
      );
      let written = 0;
      for (const change of changes) {
        const inserted = await client.query(
          `INSERT INTO hris_changes (stream, id, event_id, kind, organisation_id, hire_id, record, detected_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
          [
            stream,
            change.id,
            deterministicEventId(stream, change.id),
            change.kind,
            organisationId,
            change.hireId,
            JSON.stringify(change),
            at.toISOString(),
          ],
        );
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
