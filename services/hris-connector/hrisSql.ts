import { deterministicEventId } from '../event-store/deterministicEventId';
import type { HrisChange, TrackedEmployment } from './employmentChanges';

/** What the two adapters' SQL says differently about the same tables. */
export interface HrisSqlDialect {
  /** `CREATE TABLE IF NOT EXISTS` for SQLite (created at every open), `CREATE TABLE` in a PostgreSQL migration. */
  readonly create: 'CREATE TABLE IF NOT EXISTS' | 'CREATE TABLE';
  readonly createIndex: 'CREATE INDEX IF NOT EXISTS' | 'CREATE INDEX';
  /** The outbox's own order of the records. */
  readonly position: 'INTEGER PRIMARY KEY AUTOINCREMENT' | 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY';
  /** Epoch milliseconds: past INTEGER's 32 bits on PostgreSQL. */
  readonly epochMs: 'INTEGER' | 'BIGINT';
  /** The n-th parameter (from 1): `?` or `$n`. */
  readonly parameter: (n: number) => string;
  /** A change record already in the outbox is left as it is: a repeated or concurrent poll writes nothing new. */
  readonly insertChangeOnce: (columns: string, values: string) => string;
}

export const SQLITE_HRIS: HrisSqlDialect = {
  create: 'CREATE TABLE IF NOT EXISTS',
  createIndex: 'CREATE INDEX IF NOT EXISTS',
  position: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  epochMs: 'INTEGER',
  parameter: () => '?',
  insertChangeOnce: (columns, values) => `INSERT OR IGNORE INTO hris_changes (${columns}) VALUES (${values})`,
};

export const POSTGRES_HRIS: HrisSqlDialect = {
  create: 'CREATE TABLE',
  createIndex: 'CREATE INDEX',
  position: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  epochMs: 'BIGINT',
  parameter: (n) => `$${n}`,
  insertChangeOnce: (columns, values) =>
    `INSERT INTO hris_changes (${columns})
           VALUES (${values}) ON CONFLICT (id) DO NOTHING`,
};

const parameters = (dialect: HrisSqlDialect, count: number): string =>
  Array.from({ length: count }, (_, index) => dialect.parameter(index + 1)).join(', ');

/**
 * The snapshot, the change outbox and the poll cursors, as both adapters created them (hrisStore.ts at open,
 * postgresHrisStore.ts as its first migration). A later change to a table is a new step on each side (a new
 * PostgreSQL migration), never an edit here, since the first migration must stay what it was when it landed.
 */
function tablesSql(dialect: HrisSqlDialect): string {
  const { create, createIndex } = dialect;
  return `
      ${create} hris_employments (
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
      ${createIndex} hris_employments_person ON hris_employments (organisation_id, remote_person_id);
      ${create} hris_changes (
        position        ${dialect.position},
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
      ${createIndex} hris_changes_pending ON hris_changes (stream, dispatched_at, position);
      ${create} hris_cursors (
        organisation_id TEXT PRIMARY KEY,
        changed_until   ${dialect.epochMs},
        reconciled_at   ${dialect.epochMs}
      );`;
}

/** An employment as seen now, in the order of the upsert's first seven columns (vanished_at goes back to NULL). */
export function employmentRowValues(organisationId: string, next: TrackedEmployment, at: Date): unknown[] {
  return [
    organisationId,
    next.facts.remoteEmploymentId,
    next.facts.remotePersonId,
    JSON.stringify(next.facts),
    next.hireId,
    next.revision,
    at.toISOString(),
  ];
}

/** A change record in the outbox, in the order of insertChangeSql's columns, with the event id it will have. */
export function changeRowValues(stream: string, organisationId: string, change: HrisChange, at: Date): unknown[] {
  return [
    stream,
    change.id,
    deterministicEventId(stream, change.id),
    change.kind,
    organisationId,
    change.hireId,
    JSON.stringify(change),
    at.toISOString(),
  ];
}

/** An employment seen now (employmentRowValues): a row seen again takes the HR system's facts and is present again. */
function upsertEmploymentSql(dialect: HrisSqlDialect): string {
  return `INSERT INTO hris_employments (organisation_id, remote_employment_id, remote_person_id, facts, hire_id, revision, seen_at, vanished_at)
       VALUES (${parameters(dialect, 7)}, NULL)
       ON CONFLICT (organisation_id, remote_employment_id) DO UPDATE SET remote_person_id = excluded.remote_person_id,
         facts = excluded.facts, hire_id = excluded.hire_id, revision = excluded.revision, seen_at = excluded.seen_at, vanished_at = NULL`;
}

/** A change record into the outbox (changeRowValues), once. */
function insertChangeSql(dialect: HrisSqlDialect): string {
  return dialect.insertChangeOnce(
    'stream, id, event_id, kind, organisation_id, hire_id, record, detected_at',
    parameters(dialect, 8),
  );
}

/** The statements both adapters share, in the adapter's dialect. */
export function hrisSql(dialect: HrisSqlDialect): { tables: string; upsertEmployment: string; insertChange: string } {
  return {
    tables: tablesSql(dialect),
    upsertEmployment: upsertEmploymentSql(dialect),
    insertChange: insertChangeSql(dialect),
  };
}
