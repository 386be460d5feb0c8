/**
 * `mentor_load`: per mentor, what the pool offers and what journeys put on them (mentees, hours per week), from
 * the mentorpool-<org> streams (services/people/mentorPool.ts), plus the requests still waiting for an answer,
 * from the hire streams (MentorRequested not yet accepted, declined, expired or made moot by the journey ending).
 */
import type { RecordedEvent } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import { hireEventFacts, numberOr, occurredAtOf, text } from './eventFacts';
import { type Projection, type ReadModelDb, statementsFor } from './projection';
import { upsertStatement } from './wholeRowStatements';

export const MENTOR_POOL_STREAM_PREFIX = 'mentorpool-';

export interface MentorLoadRow {
  readonly organisationId: string;
  readonly mentorRef: string;
  /** Null for a mentor assigned without an offer this projection has seen. */
  readonly team: string | null;
  readonly location: string | null;
  readonly active: boolean;
  readonly maxMentees: number | null;
  readonly hoursPerWeekAvailable: number | null;
  readonly mentees: number;
  /** Hours per week given to current mentees. */
  readonly hoursPerWeek: number;
  /** Requests asked of this mentor and not yet answered. */
  readonly pendingRequests: number;
  readonly updatedAt: string;
}

export interface MentorRequestRow {
  readonly organisationId: string;
  readonly hireId: string;
  readonly mentorRef: string;
  readonly requestedAt: string;
  readonly answerDeadline: string | null;
  readonly hoursPerWeek: number | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS mentor_load (
    org                      TEXT    NOT NULL,
    mentor_ref               TEXT    NOT NULL,
    team                     TEXT,
    location                 TEXT,
    active                   INTEGER NOT NULL DEFAULT 1,
    max_mentees              INTEGER,
    hours_per_week_available REAL,
    mentees                  INTEGER NOT NULL DEFAULT 0,
    hours_per_week           REAL    NOT NULL DEFAULT 0,
    updated_at               TEXT    NOT NULL,
    PRIMARY KEY (org, mentor_ref)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS mentor_assignments (
    org            TEXT NOT NULL,
    mentor_ref     TEXT NOT NULL,
    hire_id        TEXT NOT NULL,
    hours_per_week REAL NOT NULL,
    PRIMARY KEY (org, mentor_ref, hire_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS mentor_requests (
    org             TEXT NOT NULL,
    hire_id         TEXT NOT NULL,
    mentor_ref      TEXT NOT NULL,
    requested_at    TEXT NOT NULL,
    answer_deadline TEXT,
    hours_per_week  REAL,
    PRIMARY KEY (org, hire_id, mentor_ref)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS mentor_requests_by_mentor ON mentor_requests (org, mentor_ref, requested_at);
`;

const prepared = new WeakMap<ReadModelDb, ReturnType<typeof prepare>>();

function prepare(db: ReadModelDb) {
  return {
    load: db.prepare<[string, string], DbLoadRow>(`SELECT * FROM mentor_load WHERE org = ? AND mentor_ref = ?`),
    writeLoad: db.prepare<unknown[]>(upsertStatement('mentor_load', LOAD_COLUMNS, 2)),
    assignment: db.prepare<[string, string, string], { hours_per_week: number }>(
      `SELECT hours_per_week FROM mentor_assignments WHERE org = ? AND mentor_ref = ? AND hire_id = ?`,
    ),
    writeAssignment: db.prepare<[string, string, string, number]>(
      `INSERT OR REPLACE INTO mentor_assignments (org, mentor_ref, hire_id, hours_per_week) VALUES (?, ?, ?, ?)`,
    ),
    dropAssignment: db.prepare<[string, string, string]>(
      `DELETE FROM mentor_assignments WHERE org = ? AND mentor_ref = ? AND hire_id = ?`,
    ),
    requests: db.prepare<[string, string], DbRequestRow>(`SELECT * FROM mentor_requests WHERE org = ? AND hire_id = ?`),
    writeRequest: db.prepare<[string, string, string, string, string | null, number | null]>(
      `INSERT OR REPLACE INTO mentor_requests (org, hire_id, mentor_ref, requested_at, answer_deadline, hours_per_week) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    dropRequest: db.prepare<[string, string, string]>(
      `DELETE FROM mentor_requests WHERE org = ? AND hire_id = ? AND mentor_ref = ?`,
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

interface DbLoadRow {
  org: string;
  mentor_ref: string;
  team: string | null;
  location: string | null;
  active: number;
  max_mentees: number | null;
  hours_per_week_available: number | null;
  mentees: number;
  hours_per_week: number;
  updated_at: string;
}

/** mentor_load's columns, key first (org, mentor_ref), in the order its row is written. */
const LOAD_COLUMNS = [
  'org',
  'mentor_ref',
  'team',
  'location',
  'active',
  'max_mentees',
  'hours_per_week_available',
  'mentees',
  'hours_per_week',
  'updated_at',
] as const satisfies readonly (keyof DbLoadRow)[];

interface DbRequestRow {
  org: string;
  hire_id: string;
  mentor_ref: string;
  requested_at: string;
  answer_deadline: string | null;
  hours_per_week: number | null;
}

const NUL = '\u0000';

/**
 * The rows a batch has touched, as the statements of one event at a time would have left them: each read once, on
 * the batch's first event that needs it, and the ones that changed written (or deleted) once at the batch's end.
 * A journey asks, is accepted, is assigned and released within a batch mostly: then nothing of it is written but
 * the mentor's load.
 */
class MentorBatch {
  /** By org and mentor; undefined: no row. */
  private readonly loads = new Map<string, DbLoadRow | undefined>();
  private readonly changedLoads = new Set<string>();
  /** By org, mentor and hire: the hours of the assignment; undefined: none. */
  private readonly assignments = new Map<string, number | undefined>();
  /** Org, mentor and hire of the assignments that were made or went. */
  private readonly changedAssignments = new Map<string, [org: string, mentorRef: string, hireId: string]>();
  /** By org and hire: every request of the hire, by mentor. */
  private readonly requestsByHire = new Map<string, Map<string, DbRequestRow>>();
  /** Org, hire and mentor of the requests that were made or went. */
  private readonly changedRequests = new Map<string, [org: string, hireId: string, mentorRef: string]>();

  constructor(private readonly s: Statements) {}

  private load(org: string, mentorRef: string): DbLoadRow | undefined {
    const key = `${org}${NUL}${mentorRef}`;
    if (!this.loads.has(key)) this.loads.set(key, this.s.load.get(org, mentorRef));
    return this.loads.get(key);
  }

  offer(
    org: string,
    mentorRef: string,
    at: string,
    offer: Pick<DbLoadRow, 'team' | 'location' | 'active' | 'max_mentees' | 'hours_per_week_available'>,
  ): void {
    const row = this.load(org, mentorRef);
    const key = `${org}${NUL}${mentorRef}`;
    if (row) Object.assign(row, offer, { updated_at: at });
    else this.loads.set(key, { org, mentor_ref: mentorRef, ...offer, mentees: 0, hours_per_week: 0, updated_at: at });
    this.changedLoads.add(key);
  }

  addLoad(org: string, mentorRef: string, at: string, mentees: number, hours: number): void {
    const row = this.load(org, mentorRef);
    const key = `${org}${NUL}${mentorRef}`;
    if (row) {
      row.mentees += mentees;
      row.hours_per_week += hours;
      row.updated_at = at;
    } else {
      this.loads.set(key, {
        org,
        mentor_ref: mentorRef,
        team: null,
        location: null,
        active: 1,
        max_mentees: null,
        hours_per_week_available: null,
        mentees,
        hours_per_week: hours,
        updated_at: at,
      });
    }
    this.changedLoads.add(key);
  }

  /** INSERT OR IGNORE: true if the assignment is new. */
  assign(org: string, mentorRef: string, hireId: string, hours: number): boolean {
    const key = `${org}${NUL}${mentorRef}${NUL}${hireId}`;
    if (!this.assignments.has(key))
      this.assignments.set(key, this.s.assignment.get(org, mentorRef, hireId)?.hours_per_week);
    if (this.assignments.get(key) !== undefined) return false;
    this.assignments.set(key, hours);
    this.changedAssignments.set(key, [org, mentorRef, hireId]);
    return true;
  }

  /** DELETE ... RETURNING: the hours of the assignment that went, or undefined if there was none. */
  release(org: string, mentorRef: string, hireId: string): number | undefined {
    const key = `${org}${NUL}${mentorRef}${NUL}${hireId}`;
    const hours = this.assignments.has(key)
      ? this.assignments.get(key)
      : this.s.assignment.get(org, mentorRef, hireId)?.hours_per_week;
    this.assignments.set(key, undefined);
    if (hours !== undefined) this.changedAssignments.set(key, [org, mentorRef, hireId]);
    return hours;
  }

  private requestsOf(org: string, hireId: string): Map<string, DbRequestRow> {
    const key = `${org}${NUL}${hireId}`;
    let requests = this.requestsByHire.get(key);
    if (!requests) {
      requests = new Map(this.s.requests.all(org, hireId).map((row) => [row.mentor_ref, row]));
      this.requestsByHire.set(key, requests);
    }
    return requests;
  }

  request(row: DbRequestRow): void {
    this.requestsOf(row.org, row.hire_id).set(row.mentor_ref, row);
    this.changedRequests.set(`${row.org}${NUL}${row.hire_id}${NUL}${row.mentor_ref}`, [
      row.org,
      row.hire_id,
      row.mentor_ref,
    ]);
  }

  answered(org: string, hireId: string, mentorRef: string): void {
    if (this.requestsOf(org, hireId).delete(mentorRef))
      this.changedRequests.set(`${org}${NUL}${hireId}${NUL}${mentorRef}`, [org, hireId, mentorRef]);
  }

  hireStopsAsking(org: string, hireId: string): void {
    for (const mentorRef of [...this.requestsOf(org, hireId).keys()]) this.answered(org, hireId, mentorRef);
  }

  write(): void {
    const s = this.s;
    for (const key of this.changedLoads) {
      const r = this.loads.get(key)!;
      s.writeLoad.run(...LOAD_COLUMNS.map((column) => r[column]));
    }
    for (const [key, [org, mentorRef, hireId]] of this.changedAssignments) {
      const hours = this.assignments.get(key);
      if (hours === undefined) s.dropAssignment.run(org, mentorRef, hireId);
      else s.writeAssignment.run(org, mentorRef, hireId, hours);
    }
    for (const [org, hireId, mentorRef] of this.changedRequests.values()) {
      const row = this.requestsByHire.get(`${org}${NUL}${hireId}`)?.get(mentorRef);
      if (row)
        s.writeRequest.run(
          row.org,
          row.hire_id,
          row.mentor_ref,
          row.requested_at,
          row.answer_deadline,
          row.hours_per_week,
        );
      else s.dropRequest.run(org, hireId, mentorRef);
    }
    this.changedLoads.clear();
    this.changedAssignments.clear();
    this.changedRequests.clear();
  }
}

/** The batch being folded, per read-model connection; set by beginBatch, written and dropped by endBatch. */
const batches = new WeakMap<ReadModelDb, MentorBatch>();

export const mentorLoadProjection: Projection = {
  name: 'mentor_load',
  version: 1,
  streamPrefixes: [MENTOR_POOL_STREAM_PREFIX, HIRE_STREAM_PREFIX],
  tables: ['mentor_load', 'mentor_assignments', 'mentor_requests'],
  setup(db) {
    db.exec(SCHEMA);
  },
  beginBatch(db) {
    // Whatever a failed batch left behind was rolled back with it: forget it.
    batches.set(db, new MentorBatch(statementsFor(prepared, db, prepare)));
  },
  endBatch(db) {
    const batch = batches.get(db);
    batches.delete(db);
    batch?.write();
  },
  apply(db, event) {
    const batch = batches.get(db);
    // Outside a batch: this one event's rows, read, changed and written at once.
    const b = batch ?? new MentorBatch(statementsFor(prepared, db, prepare));
    if (event.streamName.startsWith(MENTOR_POOL_STREAM_PREFIX)) applyPoolEvent(b, event);
    else applyHireEvent(b, event);
    if (!batch) b.write();
  },
};

function applyPoolEvent(b: MentorBatch, event: RecordedEvent): void {
  const org = event.streamName.slice(MENTOR_POOL_STREAM_PREFIX.length);
  const d = event.data;
  const at = occurredAtOf(event);
  const mentorRef = text(event.type === 'MentorOffered' ? d.id : d.mentorRef);
  if (!org || !mentorRef) return;
  switch (event.type) {
    case 'MentorOffered':
      b.offer(org, mentorRef, at, {
        team: text(d.team) ?? null,
        location: text(d.location) ?? null,
        active: d.active === false ? 0 : 1,
        max_mentees: typeof d.maxMentees === 'number' ? d.maxMentees : null,
        hours_per_week_available: typeof d.hoursPerWeekAvailable === 'number' ? d.hoursPerWeekAvailable : null,
      });
      return;
    case 'MentorAssigned': {
      const hours = numberOr(d.hoursPerWeek, 0);
      // Load counts an assignment once, however often the pool records it (its ids make repeats rare, not impossible).
      if (b.assign(org, mentorRef, text(d.hireId) ?? '', hours)) b.addLoad(org, mentorRef, at, 1, hours);
      return;
    }
    case 'MentorReleased': {
      const released = b.release(org, mentorRef, text(d.hireId) ?? '');
      if (released !== undefined) b.addLoad(org, mentorRef, at, -1, -released);
      return;
    }
    default:
      return;
  }
}

function applyHireEvent(b: MentorBatch, event: RecordedEvent): void {
  const facts = hireEventFacts(event);
  if (!facts) return;
  const org = facts.organisationId;
  const hireId = facts.hireId;
  const mentorRef = text(event.data.mentorRef);
  switch (event.type) {
    case 'MentorRequested':
      if (!mentorRef) return;
      b.request({
        org,
        hire_id: hireId,
        mentor_ref: mentorRef,
        requested_at: facts.occurredAt,
        answer_deadline: text(event.data.answerDeadline) ?? null,
        hours_per_week: typeof event.data.hoursPerWeek === 'number' ? event.data.hoursPerWeek : null,
      });
      return;
    case 'MentorAccepted':
    case 'MentorDeclined':
    case 'MentorRequestExpired':
    case 'MentorRequestWithdrawn':
      if (mentorRef) b.answered(org, hireId, mentorRef);
      return;
    // A journey that is withdrawn, terminated or ended stops asking (it records no answer for that).
    case 'CandidateWithdrawn':
    case 'TerminationRegistered':
    case 'OpenTasksCancelled':
    case 'JourneyEnded':
      b.hireStopsAsking(org, hireId);
      return;
    default:
      return;
  }
}

interface DbLoad extends DbLoadRow {
  pending: number;
}

/** Every mentor of an organisation with their load and the requests waiting for them, by mentor reference. */
export function mentorLoad(db: ReadModelDb, organisationId: string): MentorLoadRow[] {
  return db
    .prepare<[string], DbLoad>(
      `SELECT l.*, (SELECT COUNT(*) FROM mentor_requests r WHERE r.org = l.org AND r.mentor_ref = l.mentor_ref) AS pending
       FROM mentor_load l WHERE l.org = ? ORDER BY l.mentor_ref`,
    )
    .all(organisationId)
    .map(toLoadRow);
}

/** One mentor's load, or undefined when the pool never mentioned them. */
export function mentorLoadOf(db: ReadModelDb, organisationId: string, mentorRef: string): MentorLoadRow | undefined {
  const row = db
    .prepare<[string, string], DbLoad>(
      `SELECT l.*, (SELECT COUNT(*) FROM mentor_requests r WHERE r.org = l.org AND r.mentor_ref = l.mentor_ref) AS pending
       FROM mentor_load l WHERE l.org = ? AND l.mentor_ref = ?`,
    )
    .get(organisationId, mentorRef);
  return row && toLoadRow(row);
}

/** Requests waiting for this mentor's answer, oldest first. */
export function requestsWaitingFor(db: ReadModelDb, organisationId: string, mentorRef: string): MentorRequestRow[] {
  return db
    .prepare<[string, string], DbRequestRow>(
      `SELECT * FROM mentor_requests WHERE org = ? AND mentor_ref = ? ORDER BY requested_at, hire_id`,
    )
    .all(organisationId, mentorRef)
    .map((row) => ({
      organisationId: row.org,
      hireId: row.hire_id,
      mentorRef: row.mentor_ref,
      requestedAt: row.requested_at,
      answerDeadline: row.answer_deadline,
      hoursPerWeek: row.hours_per_week,
    }));
}

function toLoadRow(row: DbLoad): MentorLoadRow {
  return {
    organisationId: row.org,
    mentorRef: row.mentor_ref,
    team: row.team,
    location: row.location,
    active: row.active === 1,
    maxMentees: row.max_mentees,
    hoursPerWeekAvailable: row.hours_per_week_available,
    mentees: row.mentees,
    hoursPerWeek: row.hours_per_week,
    pendingRequests: row.pending,
    updatedAt: row.updated_at,
  };
}
