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
import type { RecordedEvent } from '../event-store/eventStore';
import {
  type HireEventFacts,
  type Page,
  type PageRequest,
  decodeCursor,
  hireEventFacts,
  pageLimit,
  text,
  toPage,
} from './eventFacts';
import { type Projection, type ReadModelDb, statementsFor } from './projection';
import { type HireRowStatements, hireRowStatements } from './wholeRowStatements';
import { WriteBehind } from './writeBehind';

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
  /** Only when the registration recorded one. */
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
  -- The overview's filters and search (hiresByStage, hireCountsByStage, hireFilterChoices) read through these.
  CREATE INDEX IF NOT EXISTS hires_by_team_phase ON hires (org, team, start_date, hire_id, phase);
  CREATE INDEX IF NOT EXISTS hires_by_location_phase ON hires (org, location, start_date, hire_id, phase);
  CREATE INDEX IF NOT EXISTS hires_by_code_nocase ON hires (org, hire_id COLLATE NOCASE);
  CREATE INDEX IF NOT EXISTS hires_by_role_nocase ON hires (org, role COLLATE NOCASE);
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

const COLUMNS = [
  'org',
  'hire_id',
  'phase',
  'start_date',
  'end_date',
  'role',
  'team',
  'location',
  'template_id',
  'template_version',
  'manager_ref',
  'mentor_ref',
  'mentor_status',
  'paused_since',
  'last_working_day',
  'outcome',
  'registered_at',
  'updated_at',
  'stream_revision',
] as const satisfies readonly (keyof DbRow)[];

const prepare = (db: ReadModelDb) => hireRowStatements<DbRow>(db, TABLE, COLUMNS);

type Statements = HireRowStatements<DbRow>;

/**
 * One hire's row as a batch sees it: read once, on the batch's first event of the hire, changed in memory as the
 * statements of one event at a time would change it, and written back once at the batch's end if it changed. A
 * journey writes tens of events per hire (most only move `updated_at`), mostly in one batch.
 */
class HireRowState {
  row: DbRow | undefined;
  changed = false;

  constructor(
    readonly org: string,
    readonly hireId: string,
    s: Statements,
  ) {
    this.row = s.row(org, hireId);
  }

  write(s: Statements): void {
    const r = this.row;
    if (!this.changed || !r) return;
    s.write(r);
    this.changed = false;
  }
}

/** Each hire a batch touches, by org and hire id, written once at its end. */
const writeBehind = new WriteBehind<HireRowState>((db, hire) => hire.write(statementsFor(prepared, db, prepare)));

export const hiresProjection: Projection = {
  name: 'hires',
  version: 2,
  streamPrefixes: [HIRE_STREAM_PREFIX],
  tables: [TABLE],
  setup(db) {
    db.exec(SCHEMA);
  },
  ...writeBehind.batchHooks,
  apply(db, event) {
    const facts = hireEventFacts(event);
    if (!facts) return;
    writeBehind.change(
      db,
      facts,
      () => new HireRowState(facts.organisationId, facts.hireId, statementsFor(prepared, db, prepare)),
      (hire) => applyToRow(hire, facts, event),
    );
  },
};

/** What the event does to the hire's row: the registration makes it; every other event changes it only if it exists. */
function applyToRow(hire: HireRowState, facts: HireEventFacts, event: RecordedEvent): void {
  const d = event.data;
  const at = facts.occurredAt;
  const revision = Number(event.revision);
  if (event.type === 'HireRegistered') {
    const startDate = text(d.startDate) ?? '';
    const role = text(d.role) ?? '';
    const team = text(d.team) ?? null;
    const location = text(d.location) ?? null;
    const managerRef = text(d.managerRef) ?? null;
    const row = hire.row;
    if (row) {
      row.start_date = startDate;
      row.role = role;
      row.team = team;
      row.location = location;
      row.manager_ref = managerRef ?? row.manager_ref;
      row.updated_at = at;
      row.stream_revision = revision;
    } else {
      hire.row = {
        org: facts.organisationId,
        hire_id: facts.hireId,
        phase: 'registered',
        start_date: startDate,
        end_date: null,
        role,
        team,
        location,
        template_id: null,
        template_version: null,
        manager_ref: managerRef,
        mentor_ref: null,
        mentor_status: null,
        paused_since: null,
        last_working_day: null,
        outcome: null,
        registered_at: at,
        updated_at: at,
        stream_revision: revision,
      };
    }
    hire.changed = true;
    return;
  }

  const row = hire.row;
  if (!row) return;
  switch (event.type) {
    case 'JourneyStarted':
      if (row.phase === 'registered') row.phase = 'active';
      row.start_date = text(d.startDate) ?? '';
      row.end_date = text(d.endDate) ?? null;
      row.template_id = text(d.templateId) ?? null;
      row.template_version = typeof d.templateVersion === 'number' ? d.templateVersion : null;
      row.mentor_status = row.mentor_status ?? 'searching';
      break;
    case 'MentorRequested':
      row.mentor_status = 'asked';
      break;
    // As the decider's fold has it (workflows/domain/journey/evolve.ts), which test/journey/viewsAgree.test.ts holds
    // this fold to: a declined or lapsed request searches again until the next mentor is asked.
    case 'MentorDeclined':
    case 'MentorRequestExpired':
      row.mentor_status = 'searching';
      break;
    case 'MentorNotFound':
      row.mentor_status = 'none-available';
      break;
    case 'MentorAccepted':
      row.mentor_status = 'accepted';
      row.mentor_ref = text(d.mentorRef) ?? null;
      break;
    case 'MentorshipEnded':
    // Recorded since the decider (journey-decider-v1): the request closed unanswered, or the mentor period passed.
    case 'MentorRequestWithdrawn':
    case 'MentorPeriodEnded':
      row.mentor_status = 'ended';
      break;
    case 'StartDateChanged':
      row.start_date = text(d.to) ?? '';
      row.end_date = text(d.endDate) ?? row.end_date;
      break;
    case 'LeaveStarted':
      row.phase = 'on-leave';
      row.paused_since = text(d.from) ?? facts.day;
      break;
    case 'LeaveEnded':
      if (row.phase === 'on-leave') row.phase = 'active';
      row.paused_since = null;
      row.end_date = text(d.endDate) ?? row.end_date;
      break;
    case 'TerminationRegistered':
      row.phase = 'leaving';
      row.last_working_day = text(d.lastWorkingDay) ?? null;
      // Leaving ends the mentorship and any search or request with it, whether or not a mentor had accepted;
      // journeys before the decider record no MentorRequestWithdrawn for it, so the fold closes it itself.
      row.mentor_status = 'ended';
      break;
    case 'CandidateWithdrawn':
      row.mentor_status = 'ended';
      break;
    case 'JourneyEnded':
      row.phase = 'ended';
      row.outcome = (text(d.outcome) ?? null) as JourneyOutcome | null;
      row.paused_since = null;
      if (row.outcome === 'landed') row.mentor_status = 'ended';
      break;
    default:
      // Most events (reminders, mails, completions) change nothing of the row but when it last changed.
      break;
  }
  row.updated_at = at;
  row.stream_revision = revision;
  hire.changed = true;
}

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

export const JOURNEY_STAGES: readonly JourneyStage[] = [
  'registered',
  'preboarding',
  'onboarding',
  'on-leave',
  'leaving',
  'ended',
];

/** The overview's filters besides the stage; each narrows the list and the stage counts alike. */
export interface HireFilter {
  readonly team?: string;
  readonly location?: string;
  /** YYYY-MM: hires starting in that month. */
  readonly startMonth?: string;
  /** The start of the hire's code or role, any case: a prefix, so an index answers it (no scan of every row). */
  readonly search?: string;
  /** Only the hires this person is related to in one of these ways: their manager, their mentor, or the hire. */
  readonly relatedTo?: { readonly personRef: string; readonly as: readonly HireRelation[] };
}

export interface HiresQuery extends PageRequest, HireFilter {
  /** The day the stage is judged on (preboarding until the start date); default: today (UTC). */
  readonly today?: IsoDate;
}

export type HireRelation = 'manager' | 'mentor' | 'new-hire';

const RELATION_SQL: Record<HireRelation, string> = {
  manager: 'manager_ref = @personRef',
  // The mentor of an ongoing mentorship, or one asked and not yet answered (mentor_requests: the mentor-load projection's
  // table in the same read-model file); a mentorship that ended gives no access.
  mentor: `((mentor_ref = @personRef AND mentor_status IS NOT 'ended')
    OR hire_id IN (SELECT hire_id FROM mentor_requests WHERE org = @org AND mentor_ref = @personRef))`,
  'new-hire': 'hire_id = @personRef',
};

const START_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Beyond every character a prefix can be followed by: `x >= prefix AND x < prefix || PAST_EVERY_CHARACTER`. */
const PAST_EVERY_CHARACTER = '\u{10FFFF}';

/** The FROM and WHERE terms (and their parameters) of the org and the filters other than the stage and the page. */
function filterConditions(
  organisationId: string,
  filter: HireFilter,
): { from: string; conditions: string[]; params: Record<string, unknown> } {
  const conditions = ['org = @org'];
  const params: Record<string, unknown> = { org: organisationId };
  if (filter.relatedTo) {
    const related = filter.relatedTo.as.map((relation) => RELATION_SQL[relation]);
    conditions.push(related.length > 0 ? `(${related.join(' OR ')})` : '0');
    params.personRef = filter.relatedTo.personRef;
  }
  if (filter.team !== undefined) {
    conditions.push('team = @team');
    params.team = filter.team;
  }
  if (filter.location !== undefined) {
    conditions.push('location = @location');
    params.location = filter.location;
  }
  if (filter.startMonth !== undefined) {
    const month = START_MONTH.exec(filter.startMonth);
    if (!month) throw new RangeError(`startMonth must be YYYY-MM, got ${filter.startMonth}`);
    const [year, monthOfYear] = [Number(month[1]), Number(month[2])];
    const next = monthOfYear === 12 ? `${year + 1}-01` : `${year}-${String(monthOfYear + 1).padStart(2, '0')}`;
    conditions.push('start_date >= @monthStart AND start_date < @monthEnd');
    Object.assign(params, { monthStart: `${filter.startMonth}-01`, monthEnd: `${next}-01` });
  }
  const search = filter.search?.trim();
  if (!search) return { from: 'hires', conditions, params };
  Object.assign(params, { search, searchEnd: `${search}${PAST_EVERY_CHARACTER}` });
  // The hires whose code or role starts with the search, each a range of its NOCASE index, joined to their rows
  // (CROSS JOIN keeps that order): an OR of the two in WHERE would have SQLite walk every row by start date instead.
  const from = `(SELECT hire_id AS matched FROM hires
      WHERE org = @org AND hire_id COLLATE NOCASE >= @search AND hire_id COLLATE NOCASE < @searchEnd
    UNION SELECT hire_id FROM hires
      WHERE org = @org AND role COLLATE NOCASE >= @search AND role COLLATE NOCASE < @searchEnd)
    CROSS JOIN hires ON hires.org = @org AND hires.hire_id = matched`;
  return { from, conditions, params };
}

/** An organisation's hires, optionally of one stage and filtered, by start date then hire id; keyset-paged. */
export function hiresByStage(
  db: ReadModelDb,
  organisationId: string,
  stage?: JourneyStage,
  query: HiresQuery = {},
): Page<HireRow> {
  if (stage !== undefined && !JOURNEY_STAGES.includes(stage)) throw new RangeError(`Unknown stage: ${String(stage)}`);
  const limit = pageLimit(query);
  const today = query.today ?? isoDateOfEpochMs(Date.now());
  const { from, conditions, params } = filterConditions(organisationId, query);
  if (stage) conditions.push(stageCondition(stage));
  Object.assign(params, { today, stage: stage ?? null, limit: limit + 1 });
  if (query.after) {
    const [startDate, hireId] = decodeCursor(query.after, 2);
    conditions.push(`(start_date, hire_id) > (@afterStart, @afterHire)`);
    Object.assign(params, { afterStart: startDate, afterHire: hireId });
  }
  const rows = db
    .prepare<[Record<string, unknown>], DbRow & { stage: JourneyStage }>(
      `SELECT hires.*, ${STAGE_SQL} AS stage FROM ${from} WHERE ${conditions.join(' AND ')} ORDER BY start_date, hire_id LIMIT @limit`,
    )
    .all(params);
  return toPage(rows, limit, toHireRow, (row) => [row.start_date, row.hire_id]);
}

/** One hire's row, or undefined when the projection has not (yet) seen its registration. */
export function hireById(
  db: ReadModelDb,
  organisationId: string,
  hireId: string,
  today: IsoDate = isoDateOfEpochMs(Date.now()),
): HireRow | undefined {
  const row = db
    .prepare<[Record<string, unknown>], DbRow & { stage: JourneyStage }>(
      `SELECT *, ${STAGE_SQL} AS stage FROM hires WHERE org = @org AND hire_id = @hireId`,
    )
    .get({ org: organisationId, hireId, today });
  return row && toHireRow(row);
}

/** How many hires an organisation has in each stage on `today` (every stage present, zero included), of the filter. */
export function hireCountsByStage(
  db: ReadModelDb,
  organisationId: string,
  today: IsoDate = isoDateOfEpochMs(Date.now()),
  filter: HireFilter = {},
): Record<JourneyStage, number> {
  const counts = Object.fromEntries(JOURNEY_STAGES.map((stage) => [stage, 0])) as Record<JourneyStage, number>;
  const { from, conditions, params } = filterConditions(organisationId, filter);
  const rows = db
    .prepare<[Record<string, unknown>], { stage: JourneyStage; count: number }>(
      `SELECT ${STAGE_SQL} AS stage, COUNT(*) AS count FROM ${from} WHERE ${conditions.join(' AND ')} GROUP BY 1`,
    )
    .all({ ...params, today });
  for (const row of rows) counts[row.stage] = row.count;
  return counts;
}

/**
 * The teams and the locations among an organisation's hires (of those related to the person, if given), sorted: the
 * choices of the overview's filters. Each next value is one index seek past the last (a loose index scan), so the
 * cost grows with the number of teams, not of hires.
 */
export function hireFilterChoices(
  db: ReadModelDb,
  organisationId: string,
  relatedTo?: HireFilter['relatedTo'],
): { teams: string[]; locations: string[] } {
  const { conditions, params } = filterConditions(organisationId, relatedTo ? { relatedTo } : {});
  const where = conditions.join(' AND ');
  const distinct = (column: 'team' | 'location') =>
    db
      .prepare<[Record<string, unknown>], { value: string }>(
        `WITH RECURSIVE choice(value) AS (
           SELECT MIN(${column}) FROM hires WHERE ${where}
           UNION ALL
           SELECT (SELECT MIN(${column}) FROM hires WHERE ${where} AND ${column} > choice.value)
           FROM choice WHERE choice.value IS NOT NULL
         )
         SELECT value FROM choice WHERE value IS NOT NULL`,
      )
      .all(params)
      .map((row) => row.value);
  return { teams: distinct('team'), locations: distinct('location') };
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
