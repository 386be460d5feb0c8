/**
 * `hires`: one row per hire, for the API's lists ("hires by stage").
 *
 * The stage is what the journey's own view says (workflows/journeyState.ts `stageOf`), but "preboarding" and
 * "onboarding" differ only by the calendar — nothing is recorded on day one — so the row keeps the phase that
 * events decide (registered, active, on-leave, leaving, ended) and the query turns an active phase into
 * preboarding or onboarding by comparing the start date with the day asked about.
 */
import { type IsoDate, isoDateOfEpochMs } from '../../workflows/domain/calendar';
import type { JourneyOutcome, JourneyStage } from '../../workflows/hireJourneyContract';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import { type Page, type PageRequest, decodeCursor, hireEventFacts, pageLimit, text, toPage } from './eventFacts';
import { type Projection, type ReadModelDb, statementsFor } from './projection';

type Phase = 'registered' | 'active' | 'on-leave' | 'leaving' | 'ended';
type MentorStatus = 'searching' | 'asked' | 'accepted' | 'none-available' | 'ended';

export interface HireRow {
  readonly organisationId: string;
  readonly hireId: string;
  readonly stage: JourneyStage;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  readonly role: string;
  readonly team: string | null;
  readonly location: string | null;
  readonly templateId: string | null;
  readonly templateVersion: number | null;
  /** Only when the registration recorded one (HireRegistered carries no managerRef yet). */
  readonly managerRef: string | null;
  /** The mentor who accepted; kept after the mentorship ended (see mentorStatus). */
  readonly mentorRef: string | null;
  readonly mentorStatus: MentorStatus | null;
  readonly pausedSince: IsoDate | null;
  readonly lastWorkingDay: IsoDate | null;
  readonly outcome: JourneyOutcome | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
  /** Revision of the last event folded in: the API can wait for it to reach an append's revision (read your writes). */
  readonly streamRevision: number;
}

const TABLE = 'hires';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS hires (
    org              TEXT NOT NULL,
    hire_id          TEXT NOT NULL,
    phase            TEXT NOT NULL,
    start_date       TEXT NOT NULL,
    end_date         TEXT,
    role             TEXT NOT NULL,
    team             TEXT,
    location         TEXT,
    template_id      TEXT,
    template_version INTEGER,
    manager_ref      TEXT,
    mentor_ref       TEXT,
    mentor_status    TEXT,
    paused_since     TEXT,
    last_working_day TEXT,
    outcome          TEXT,
    registered_at    TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    stream_revision  INTEGER NOT NULL,
    PRIMARY KEY (org, hire_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS hires_by_phase ON hires (org, phase, start_date, hire_id);
  CREATE INDEX IF NOT EXISTS hires_by_start ON hires (org, start_date, hire_id);
`;

interface DbRow {
  org: string;
  hire_id: string;
  phase: Phase;
  start_date: string;
  end_date: string | null;
  role: string;
  team: string | null;
  location: string | null;
  template_id: string | null;
  template_version: number | null;
  manager_ref: string | null;
  mentor_ref: string | null;
  mentor_status: MentorStatus | null;
  paused_since: string | null;
  last_working_day: string | null;
  outcome: JourneyOutcome | null;
  registered_at: string;
  updated_at: string;
  stream_revision: number;
}

const prepared = new WeakMap<ReadModelDb, ReturnType<typeof prepare>>();

function prepare(db: ReadModelDb) {
  const update = (assignments: string) =>
    db.prepare(`UPDATE hires SET ${assignments}, updated_at = @at, stream_revision = @revision WHERE org = @org AND hire_id = @hireId`);
  return {
    register: db.prepare(
      `INSERT INTO hires (org, hire_id, phase, start_date, role, team, location, manager_ref, registered_at, updated_at, stream_revision)
       VALUES (@org, @hireId, 'registered', @startDate, @role, @team, @location, @managerRef, @at, @at, @revision)
       ON CONFLICT (org, hire_id) DO UPDATE SET start_date = excluded.start_date, role = excluded.role, team = excluded.team,
         location = excluded.location, manager_ref = COALESCE(excluded.manager_ref, manager_ref),
         updated_at = excluded.updated_at, stream_revision = excluded.stream_revision`,
    ),
    journeyStarted: update(
      `phase = CASE phase WHEN 'registered' THEN 'active' ELSE phase END, start_date = @startDate,
       end_date = @endDate, template_id = @templateId, template_version = @templateVersion,
       mentor_status = COALESCE(mentor_status, 'searching')`,
    ),
    mentorStatus: update(`mentor_status = @status`),
    mentorAccepted: update(`mentor_status = 'accepted', mentor_ref = @mentorRef`),
    // Leaving with a mentor still being asked ends the asking (the journey does so without an event of its own).
    stopAsking: update(`mentor_status = CASE mentor_status WHEN 'asked' THEN 'ended' ELSE mentor_status END`),
    startDateChanged: update(`start_date = @startDate, end_date = COALESCE(@endDate, end_date)`),
    leaveStarted: update(`phase = 'on-leave', paused_since = @from`),
    leaveEnded: update(`phase = CASE phase WHEN 'on-leave' THEN 'active' ELSE phase END, paused_since = NULL, end_date = COALESCE(@endDate, end_date)`),
    terminated: update(`phase = 'leaving', last_working_day = @lastWorkingDay,
       mentor_status = CASE mentor_status WHEN 'asked' THEN 'ended' ELSE mentor_status END`),
    ended: update(`phase = 'ended', outcome = @outcome, paused_since = NULL`),
    touch: db.prepare(`UPDATE hires SET updated_at = @at, stream_revision = @revision WHERE org = @org AND hire_id = @hireId`),
  };
}

interface Touch {
  readonly org: string;
  readonly hireId: string;
  readonly at: string;
  readonly revision: number;
}

/**
 * Most events (reminders, mails, completions) change nothing of a hire's row but when it last changed. Those are
 * kept back per batch, the latest per hire, and written once at its end: a hire has tens of them.
 */
const touches = new WeakMap<ReadModelDb, Map<string, Touch>>();

export const hiresProjection: Projection = {
  name: 'hires',
  version: 1,
  streamPrefixes: [HIRE_STREAM_PREFIX],
  tables: [TABLE],
  setup(db) {
    db.exec(SCHEMA);
  },
  beginBatch(db) {
    touches.set(db, new Map());
  },
  endBatch(db) {
    const pending = touches.get(db);
    if (!pending || pending.size === 0) return;
    const s = statementsFor(prepared, db, prepare);
    for (const touch of pending.values()) s.touch.run(touch);
    pending.clear();
  },
  apply(db, event) {
    const facts = hireEventFacts(event);
    if (!facts) return;
    const s = statementsFor(prepared, db, prepare);
    const d = event.data;
    const key = { org: facts.organisationId, hireId: facts.hireId, at: facts.occurredAt, revision: Number(event.revision) };
    const pending = touches.get(db);
    const hireKey = `${facts.organisationId}\u0000${facts.hireId}`;
    if (!STATEFUL.has(event.type)) {
      if (pending) pending.set(hireKey, key);
      else s.touch.run(key);
      return;
    }
    // This event writes the row with its own time and revision, which supersede any kept back before it.
    pending?.delete(hireKey);
    switch (event.type) {
      case 'HireRegistered':
        s.register.run({
          ...key,
          startDate: text(d.startDate) ?? '',
          role: text(d.role) ?? '',
          team: text(d.team) ?? null,
          location: text(d.location) ?? null,
          managerRef: text(d.managerRef) ?? null,
        });
        return;
      case 'JourneyStarted':
        s.journeyStarted.run({
          ...key,
          startDate: text(d.startDate) ?? '',
          endDate: text(d.endDate) ?? null,
          templateId: text(d.templateId) ?? null,
          templateVersion: typeof d.templateVersion === 'number' ? d.templateVersion : null,
        });
        return;
      case 'MentorRequested':
        s.mentorStatus.run({ ...key, status: 'asked' });
        return;
      case 'MentorNotFound':
        s.mentorStatus.run({ ...key, status: 'none-available' });
        return;
      case 'MentorAccepted':
        s.mentorAccepted.run({ ...key, mentorRef: text(d.mentorRef) ?? null });
        return;
      case 'MentorshipEnded':
        s.mentorStatus.run({ ...key, status: 'ended' });
        return;
      case 'StartDateChanged':
        s.startDateChanged.run({ ...key, startDate: text(d.to) ?? '', endDate: text(d.endDate) ?? null });
        return;
      case 'LeaveStarted':
        s.leaveStarted.run({ ...key, from: text(d.from) ?? facts.day });
        return;
      case 'LeaveEnded':
        s.leaveEnded.run({ ...key, endDate: text(d.endDate) ?? null });
        return;
      case 'TerminationRegistered':
        s.terminated.run({ ...key, lastWorkingDay: text(d.lastWorkingDay) ?? null });
        return;
      case 'CandidateWithdrawn':
        s.stopAsking.run(key);
        return;
      case 'JourneyEnded':
        s.ended.run({ ...key, outcome: text(d.outcome) ?? null });
        return;
      default:
        s.touch.run(key);
    }
  },
};

/** Event types that change more of the row than its time and revision. */
const STATEFUL = new Set([
  'HireRegistered',
  'JourneyStarted',
  'MentorRequested',
  'MentorNotFound',
  'MentorAccepted',
  'MentorshipEnded',
  'StartDateChanged',
  'LeaveStarted',
  'LeaveEnded',
  'TerminationRegistered',
  'CandidateWithdrawn',
  'JourneyEnded',
]);

const STAGE_SQL = `CASE phase WHEN 'active' THEN CASE WHEN start_date > @today THEN 'preboarding' ELSE 'onboarding' END ELSE phase END`;

/** The condition on `phase` (and the start date) that selects one stage on `today`. */
function stageCondition(stage: JourneyStage): string {
  switch (stage) {
    case 'preboarding':
      return `phase = 'active' AND start_date > @today`;
    case 'onboarding':
      return `phase = 'active' AND start_date <= @today`;
    default:
      return `phase = @stage`;
  }
}

export const JOURNEY_STAGES: readonly JourneyStage[] = ['registered', 'preboarding', 'onboarding', 'on-leave', 'leaving', 'ended'];

export interface HiresQuery extends PageRequest {
  /** The day the stage is judged on (preboarding until the start date); default: today (UTC). */
  readonly today?: IsoDate;
}

/** An organisation's hires, optionally of one stage, by start date then hire id; keyset-paged. */
export function hiresByStage(db: ReadModelDb, organisationId: string, stage?: JourneyStage, query: HiresQuery = {}): Page<HireRow> {
  if (stage !== undefined && !JOURNEY_STAGES.includes(stage)) throw new RangeError(`Unknown stage: ${String(stage)}`);
  const limit = pageLimit(query);
  const today = query.today ?? isoDateOfEpochMs(Date.now());
  const conditions = ['org = @org'];
  if (stage) conditions.push(stageCondition(stage));
  const params: Record<string, unknown> = { org: organisationId, today, stage: stage ?? null, limit: limit + 1 };
  if (query.after) {
    const [startDate, hireId] = decodeCursor(query.after, 2);
    conditions.push(`(start_date, hire_id) > (@afterStart, @afterHire)`);
    Object.assign(params, { afterStart: startDate, afterHire: hireId });
  }
  const rows = db
    .prepare<[Record<string, unknown>], DbRow & { stage: JourneyStage }>(
      `SELECT *, ${STAGE_SQL} AS stage FROM hires WHERE ${conditions.join(' AND ')} ORDER BY start_date, hire_id LIMIT @limit`,
    )
    .all(params);
  return toPage(rows, limit, toHireRow, (row) => [row.start_date, row.hire_id]);
}

/** One hire's row, or undefined when the projection has not (yet) seen its registration. */
export function hireById(db: ReadModelDb, organisationId: string, hireId: string, today: IsoDate = isoDateOfEpochMs(Date.now())): HireRow | undefined {
  const row = db
    .prepare<[Record<string, unknown>], DbRow & { stage: JourneyStage }>(
      `SELECT *, ${STAGE_SQL} AS stage FROM hires WHERE org = @org AND hire_id = @hireId`,
    )
    .get({ org: organisationId, hireId, today });
  return row && toHireRow(row);
}

/** How many hires an organisation has in each stage on `today` (every stage present, zero included). */
export function hireCountsByStage(db: ReadModelDb, organisationId: string, today: IsoDate = isoDateOfEpochMs(Date.now())): Record<JourneyStage, number> {
  const counts = Object.fromEntries(JOURNEY_STAGES.map((stage) => [stage, 0])) as Record<JourneyStage, number>;
  const rows = db
    .prepare<[Record<string, unknown>], { stage: JourneyStage; count: number }>(
      `SELECT ${STAGE_SQL} AS stage, COUNT(*) AS count FROM hires WHERE org = @org GROUP BY 1`,
    )
    .all({ org: organisationId, today });
  for (const row of rows) counts[row.stage] = row.count;
  return counts;
}

function toHireRow(row: DbRow & { stage: JourneyStage }): HireRow {
  return {
    organisationId: row.org,
    hireId: row.hire_id,
    stage: row.stage,
    startDate: row.start_date,
    endDate: row.end_date,
    role: row.role,
    team: row.team,
    location: row.location,
    templateId: row.template_id,
    templateVersion: row.template_version,
    managerRef: row.manager_ref,
    mentorRef: row.mentor_ref,
    mentorStatus: row.mentor_status,
    pausedSince: row.paused_since,
    lastWorkingDay: row.last_working_day,
    outcome: row.outcome,
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
    streamRevision: row.stream_revision,
  };
}
