import type Database from 'better-sqlite3';
import type { EmploymentFacts, HrisChange, HrisChangeKind, TrackedEmployment } from './employmentChanges';
import { SQLITE_HRIS, changeRowValues, employmentRowValues, hrisSql } from './hrisSql';
import { openSqliteFile } from '../shared/sqliteFile';
import type { StoreAnswer } from '../shared/storeAnswer';

/**
 * The connector's memory, in a SQLite file of its own (HRIS_DB_PATH; PostgreSQL with DATABASE_URL, see
 * postgresHrisStore.ts), not in the event store. Why:
 * - The snapshot is a mutable mirror of the HR system (rows are overwritten on every change and marked when they
 *   vanish); an event stream per organisation would grow with every poll and have to be replayed to diff.
 * - The event store is validated against contracts/events, and HRIS change records are not (yet) contracts there;
 *   the hire's own history still lands in the event store, written by the journey the records start and signal.
 * - It is an outbox: a change record and the snapshot row it follows from are written in one transaction, and a
 *   dispatcher works the records off in order, so a crash between "seen" and "told the journey" loses nothing.
 * Records live in a per-organisation stream `hris-<org>` with a position, their deterministic id is unique (a
 * repeated or concurrent poll writes nothing new), and each carries the UUID it would have as an event
 * (deterministicEventId), ready for the day the records move into the event store.
 */

export type DispatchOutcome =
  | 'started'
  | 'already-started'
  | 'signalled'
  | 'no-running-journey'
  | 'not-followed'
  | 'recorded';

export interface StoredChange {
  readonly position: number;
  readonly stream: string;
  readonly eventId: string;
  readonly detectedAt: string;
  readonly change: HrisChange;
  readonly dispatchedAt?: string;
  readonly outcome?: DispatchOutcome;
  readonly attempts: number;
  readonly lastError?: string;
}

export interface Cursor {
  /** Up to when changes were read (epoch ms), the `to` of the last successful poll. */
  readonly changedUntil?: number;
  /** When the last full reconcile finished (epoch ms). */
  readonly reconciledAt?: number;
}

export const hrisStreamName = (organisationId: string): string => `hris-${organisationId}`;

/**
 * The connector's snapshot and outbox as the sync, the poller and the dispatcher use it, on either adapter: this
 * file's SQLite store, or PostgreSQL (postgresHrisStore.ts) when DATABASE_URL is set. test/contracts/hrisStore.test.ts
 * holds both to the same behaviour.
 */
export interface HrisSnapshots {
  tracked(organisationId: string, remoteEmploymentId: string): StoreAnswer<TrackedEmployment | undefined>;
  trackedOfPerson(organisationId: string, remotePersonId: string): StoreAnswer<TrackedEmployment[]>;
  /** Employments the HR system still returned at the last full read (not vanished). */
  present(organisationId: string): StoreAnswer<TrackedEmployment[]>;
  apply(organisationId: string, next: TrackedEmployment, changes: readonly HrisChange[], at: Date): StoreAnswer<number>;
  markVanished(organisationId: string, remoteEmploymentIds: readonly string[], at: Date): StoreAnswer<void>;
  changes(organisationId: string, options?: { pendingOnly?: boolean }): StoreAnswer<StoredChange[]>;
  markDispatched(id: string, outcome: DispatchOutcome, at: Date): StoreAnswer<void>;
  markFailed(id: string, error: string): StoreAnswer<void>;
  cursor(organisationId: string): StoreAnswer<Cursor>;
  saveCursor(organisationId: string, cursor: { changedUntil: number; reconciledAt?: number }): StoreAnswer<void>;
}

const SQL = hrisSql(SQLITE_HRIS);

/** A failed dispatch's error as kept: long stack-laden messages are cut, the record stays readable. */
export const MAX_ERROR_LENGTH = 2000;

export class HrisStore implements HrisSnapshots {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSqliteFile(path);
    this.db.exec(SQL.tables);
  }

  tracked(organisationId: string, remoteEmploymentId: string): TrackedEmployment | undefined {
    const row = this.db
      .prepare<[string, string], EmploymentRow>(
        `SELECT * FROM hris_employments WHERE organisation_id = ? AND remote_employment_id = ?`,
      )
      .get(organisationId, remoteEmploymentId);
    return row && toTracked(row);
  }

  trackedOfPerson(organisationId: string, remotePersonId: string): TrackedEmployment[] {
    return this.db
      .prepare<[string, string], EmploymentRow>(
        `SELECT * FROM hris_employments WHERE organisation_id = ? AND remote_person_id = ?`,
      )
      .all(organisationId, remotePersonId)
      .map(toTracked);
  }

  present(organisationId: string): TrackedEmployment[] {
    return this.db
      .prepare<[string], EmploymentRow>(
        `SELECT * FROM hris_employments WHERE organisation_id = ? AND vanished_at IS NULL`,
      )
      .all(organisationId)
      .map(toTracked);
  }

  apply(organisationId: string, next: TrackedEmployment, changes: readonly HrisChange[], at: Date): number {
    const stream = hrisStreamName(organisationId);
    const upsert = this.db.prepare(SQL.upsertEmployment);
    const insert = this.db.prepare(SQL.insertChange);
    return this.db.transaction(() => {
      upsert.run(...employmentRowValues(organisationId, next, at));
      let written = 0;
      for (const change of changes)
        written += insert.run(...changeRowValues(stream, organisationId, change, at)).changes;
      return written;
    })();
  }

  markVanished(organisationId: string, remoteEmploymentIds: readonly string[], at: Date): void {
    const mark = this.db.prepare(
      `UPDATE hris_employments SET vanished_at = ? WHERE organisation_id = ? AND remote_employment_id = ?`,
    );
    this.db.transaction(() => {
      for (const id of remoteEmploymentIds) mark.run(at.toISOString(), organisationId, id);
    })();
  }

  changes(organisationId: string, options: { pendingOnly?: boolean } = {}): StoredChange[] {
    return this.db
      .prepare<[string], ChangeRow>(
        `SELECT * FROM hris_changes WHERE stream = ? ${options.pendingOnly ? 'AND dispatched_at IS NULL' : ''} ORDER BY position`,
      )
      .all(hrisStreamName(organisationId))
      .map(toStoredChange);
  }

  markDispatched(id: string, outcome: DispatchOutcome, at: Date): void {
    this.db
      .prepare(
        `UPDATE hris_changes SET dispatched_at = ?, outcome = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`,
      )
      .run(at.toISOString(), outcome, id);
  }

  markFailed(id: string, error: string): void {
    this.db
      .prepare(`UPDATE hris_changes SET attempts = attempts + 1, last_error = ? WHERE id = ?`)
      .run(error.slice(0, MAX_ERROR_LENGTH), id);
  }

  cursor(organisationId: string): Cursor {
    const row = this.db
      .prepare<[string], { changed_until: number | null; reconciled_at: number | null }>(
        `SELECT changed_until, reconciled_at FROM hris_cursors WHERE organisation_id = ?`,
      )
      .get(organisationId);
    return {
      ...(row?.changed_until == null ? {} : { changedUntil: row.changed_until }),
      ...(row?.reconciled_at == null ? {} : { reconciledAt: row.reconciled_at }),
    };
  }

  saveCursor(organisationId: string, cursor: { changedUntil: number; reconciledAt?: number }): void {
    this.db
      .prepare(
        `INSERT INTO hris_cursors (organisation_id, changed_until, reconciled_at) VALUES (?, ?, ?)
         ON CONFLICT (organisation_id) DO UPDATE SET changed_until = excluded.changed_until,
           reconciled_at = COALESCE(excluded.reconciled_at, hris_cursors.reconciled_at)`,
      )
      .run(organisationId, cursor.changedUntil, cursor.reconciledAt ?? null);
  }

  close(): void {
    this.db.close();
  }
}

/** The columns both adapters keep (PostgreSQL's BIGINT position comes back as a string: Number() it first). */
export interface EmploymentRow {
  facts: string;
  hire_id: string | null;
  revision: number;
}

export interface ChangeRow {
  position: number;
  stream: string;
  event_id: string;
  kind: HrisChangeKind;
  record: string;
  detected_at: string;
  dispatched_at: string | null;
  outcome: DispatchOutcome | null;
  attempts: number;
  last_error: string | null;
}

export function toTracked(row: EmploymentRow): TrackedEmployment {
  return { facts: JSON.parse(row.facts) as EmploymentFacts, hireId: row.hire_id, revision: row.revision };
}

export function toStoredChange(row: ChangeRow): StoredChange {
  return {
    position: row.position,
    stream: row.stream,
    eventId: row.event_id,
    detectedAt: row.detected_at,
    change: JSON.parse(row.record) as HrisChange,
    ...(row.dispatched_at ? { dispatchedAt: row.dispatched_at } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
    attempts: row.attempts,
    ...(row.last_error ? { lastError: row.last_error } : {}),
  };
}
