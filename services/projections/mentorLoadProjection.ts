/**
 * `mentor_load`: per mentor, what the pool offers and what journeys put on them (mentees, hours per week), from
 * the mentorpool-<org> streams (services/people/mentorPool.ts), plus the requests still waiting for an answer,
 * from the hire streams (MentorRequested not yet accepted, declined, expired or made moot by the journey ending).
 */
import type { RecordedEvent } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import { hireEventFacts, numberOr, occurredAtOf, text } from './eventFacts';
import { type Projection, type ReadModelDb, statementsFor } from './projection';

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
    offer: db.prepare(
      `INSERT INTO mentor_load (org, mentor_ref, team, location, active, max_mentees, hours_per_week_available, updated_at)
       VALUES (@org, @mentorRef, @team, @location, @active, @maxMentees, @hoursAvailable, @at)
       ON CONFLICT (org, mentor_ref) DO UPDATE SET team = excluded.team, location = excluded.location, active = excluded.active,
         max_mentees = excluded.max_mentees, hours_per_week_available = excluded.hours_per_week_available, updated_at = excluded.updated_at`,
    ),
    assign: db.prepare(
      `INSERT OR IGNORE INTO mentor_assignments (org, mentor_ref, hire_id, hours_per_week) VALUES (@org, @mentorRef, @hireId, @hours)`,
    ),
    release: db.prepare<[Record<string, unknown>], { hours_per_week: number }>(
      `DELETE FROM mentor_assignments WHERE org = @org AND mentor_ref = @mentorRef AND hire_id = @hireId RETURNING hours_per_week`,
    ),
    addLoad: db.prepare(
      `INSERT INTO mentor_load (org, mentor_ref, mentees, hours_per_week, updated_at) VALUES (@org, @mentorRef, @mentees, @hours, @at)
       ON CONFLICT (org, mentor_ref) DO UPDATE SET mentees = mentees + excluded.mentees,
         hours_per_week = hours_per_week + excluded.hours_per_week, updated_at = excluded.updated_at`,
    ),
    request: db.prepare(
      `INSERT OR REPLACE INTO mentor_requests (org, hire_id, mentor_ref, requested_at, answer_deadline, hours_per_week)
       VALUES (@org, @hireId, @mentorRef, @at, @answerDeadline, @hours)`,
    ),
    answered: db.prepare(`DELETE FROM mentor_requests WHERE org = @org AND hire_id = @hireId AND mentor_ref = @mentorRef`),
    hireStopsAsking: db.prepare(`DELETE FROM mentor_requests WHERE org = @org AND hire_id = @hireId`),
  };
}

export const mentorLoadProjection: Projection = {
  name: 'mentor_load',
  version: 1,
  streamPrefixes: [MENTOR_POOL_STREAM_PREFIX, HIRE_STREAM_PREFIX],
  tables: ['mentor_load', 'mentor_assignments', 'mentor_requests'],
  setup(db) {
    db.exec(SCHEMA);
  },
  apply(db, event) {
    const s = statementsFor(prepared, db, prepare);
    if (event.streamName.startsWith(MENTOR_POOL_STREAM_PREFIX)) applyPoolEvent(s, event);
    else applyHireEvent(s, event);
  },
};

function applyPoolEvent(s: ReturnType<typeof prepare>, event: RecordedEvent): void {
  const org = event.streamName.slice(MENTOR_POOL_STREAM_PREFIX.length);
  const d = event.data;
  const at = occurredAtOf(event);
  const mentorRef = text(event.type === 'MentorOffered' ? d.id : d.mentorRef);
  if (!org || !mentorRef) return;
  switch (event.type) {
    case 'MentorOffered':
      s.offer.run({
        org,
        mentorRef,
        at,
        team: text(d.team) ?? null,
        location: text(d.location) ?? null,
        active: d.active === false ? 0 : 1,
        maxMentees: typeof d.maxMentees === 'number' ? d.maxMentees : null,
        hoursAvailable: typeof d.hoursPerWeekAvailable === 'number' ? d.hoursPerWeekAvailable : null,
      });
      return;
    case 'MentorAssigned': {
      const hours = numberOr(d.hoursPerWeek, 0);
      // Load counts an assignment once, however often the pool records it (its ids make repeats rare, not impossible).
      if (s.assign.run({ org, mentorRef, hireId: text(d.hireId) ?? '', hours }).changes === 1) {
        s.addLoad.run({ org, mentorRef, at, mentees: 1, hours });
      }
      return;
    }
    case 'MentorReleased': {
      const released = s.release.get({ org, mentorRef, hireId: text(d.hireId) ?? '' });
      if (released) s.addLoad.run({ org, mentorRef, at, mentees: -1, hours: -released.hours_per_week });
      return;
    }
    default:
      return;
  }
}

function applyHireEvent(s: ReturnType<typeof prepare>, event: RecordedEvent): void {
  const facts = hireEventFacts(event);
  if (!facts) return;
  const key = { org: facts.organisationId, hireId: facts.hireId };
  const mentorRef = text(event.data.mentorRef);
  switch (event.type) {
    case 'MentorRequested':
      if (!mentorRef) return;
      s.request.run({
        ...key,
        mentorRef,
        at: facts.occurredAt,
        answerDeadline: text(event.data.answerDeadline) ?? null,
        hours: typeof event.data.hoursPerWeek === 'number' ? event.data.hoursPerWeek : null,
      });
      return;
    case 'MentorAccepted':
    case 'MentorDeclined':
    case 'MentorRequestExpired':
      if (mentorRef) s.answered.run({ ...key, mentorRef });
      return;
    // A journey that is withdrawn, terminated or ended stops asking (it records no answer for that).
    case 'CandidateWithdrawn':
    case 'TerminationRegistered':
    case 'OpenTasksCancelled':
    case 'JourneyEnded':
      s.hireStopsAsking.run(key);
      return;
    default:
      return;
  }
}

interface DbLoad {
  org: string;
  mentor_ref: string;
  team: string | null;
  location: string | null;
  active: number;
  max_mentees: number | null;
  hours_per_week_available: number | null;
  mentees: number;
  hours_per_week: number;
  pending: number;
  updated_at: string;
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
    .prepare<[string, string], { org: string; hire_id: string; mentor_ref: string; requested_at: string; answer_deadline: string | null; hours_per_week: number | null }>(
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
