/**
 * `retention_hires`: one row per hire with what retention analytics needs (issue #13) — when and where the hire
 * started, whether they are still employed, left or withdrew, the exit interview's reason codes, and the
 * journey steps that were missed (no mentor yet, a declined mentor, escalated tasks and milestones, a late
 * welcome). Rows are never shown one by one: services/analytics/ only hands out group figures.
 *
 * Folded like `hires` (write-behind per batch: a hire's row is read once per batch and written once at its end).
 */
import { type IsoDate, compareDates } from '../../workflows/domain/calendar';
import type { RetentionStatus } from '../../workflows/domain/retention';
import type { RecordedEvent } from '../event-store/eventStore';
import { HIRE_STREAM_PREFIX } from '../event-store/streamNames';
import { type HireEventFacts, hireEventFacts, numberOr, text } from './eventFacts';
import { type Projection, type ReadModelDb, statementsFor } from './projection';
import { type HireRowStatements, hireRowStatements } from './wholeRowStatements';
import { WriteBehind } from './writeBehind';

export interface RetentionRow {
  readonly hireId: string;
  readonly startDate: IsoDate;
  readonly role: string;
  readonly team: string | null;
  readonly location: string | null;
  readonly templateId: string | null;
  readonly templateVersion: number | null;
  readonly status: RetentionStatus;
  readonly lastWorkingDay: IsoDate | null;
  /** The day a mentor accepted (the first time). */
  readonly mentorFrom: IsoDate | null;
  readonly mentorUntil: IsoDate | null;
  readonly mentorHoursPerWeek: number | null;
  /** The latest day a mentor meeting was logged for (MentorMeetingLogged's `on`), null before the first. */
  readonly lastMentorMeeting: IsoDate | null;
  readonly mentorDeclines: number;
  readonly mentorNotFound: boolean;
  /** TaskEscalated of a task / of a milestone: the journey found it open past its escalation date. */
  readonly escalatedTasks: number;
  readonly escalatedMilestones: number;
  /** Escalated items still open: overdue right now. */
  readonly openEscalations: number;
  readonly lateWelcome: boolean;
  /** Exit interview reason codes (several per person), empty until one is held. */
  readonly exitReasons: readonly string[];
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS retention_hires (
    org                   TEXT NOT NULL,
    hire_id               TEXT NOT NULL,
    start_date            TEXT NOT NULL,
    role                  TEXT NOT NULL,
    team                  TEXT,
    location              TEXT,
    template_id           TEXT,
    template_version      INTEGER,
    status                TEXT NOT NULL,
    last_working_day      TEXT,
    mentor_from           TEXT,
    mentor_until          TEXT,
    mentor_hours_per_week REAL,
    last_mentor_meeting   TEXT,
    mentor_declines       INTEGER NOT NULL,
    mentor_not_found      INTEGER NOT NULL,
    escalated_tasks       INTEGER NOT NULL,
    escalated_milestones  INTEGER NOT NULL,
    open_escalations      TEXT NOT NULL,
    late_welcome          INTEGER NOT NULL,
    exit_reasons          TEXT NOT NULL,
    PRIMARY KEY (org, hire_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS retention_hires_by_start ON retention_hires (org, start_date);
`;

interface DbRow {
  org: string;
  hire_id: string;
  start_date: string;
  role: string;
  team: string | null;
  location: string | null;
  template_id: string | null;
  template_version: number | null;
  status: RetentionStatus;
  last_working_day: string | null;
  mentor_from: string | null;
  mentor_until: string | null;
  mentor_hours_per_week: number | null;
  last_mentor_meeting: string | null;
  mentor_declines: number;
  mentor_not_found: number;
  escalated_tasks: number;
  escalated_milestones: number;
  /** JSON array of item ids. */
  open_escalations: string;
  late_welcome: number;
  /** JSON array of reason codes. */
  exit_reasons: string;
}

const COLUMNS = [
  'org',
  'hire_id',
  'start_date',
  'role',
  'team',
  'location',
  'template_id',
  'template_version',
  'status',
  'last_working_day',
  'mentor_from',
  'mentor_until',
  'mentor_hours_per_week',
  'last_mentor_meeting',
  'mentor_declines',
  'mentor_not_found',
  'escalated_tasks',
  'escalated_milestones',
  'open_escalations',
  'late_welcome',
  'exit_reasons',
] as const satisfies readonly (keyof DbRow)[];

const prepare = (db: ReadModelDb) => hireRowStatements<DbRow>(db, 'retention_hires', COLUMNS);

const prepared = new WeakMap<ReadModelDb, HireRowStatements<DbRow>>();

/** A hire's row during a batch; open escalations kept parsed until the row is written. */
interface RowState {
  row: DbRow | undefined;
  openEscalations: Set<string>;
  changed: boolean;
}

function load(db: ReadModelDb, facts: HireEventFacts): RowState {
  const row = statementsFor(prepared, db, prepare).row(facts.organisationId, facts.hireId);
  return { row, openEscalations: new Set(row ? (JSON.parse(row.open_escalations) as string[]) : []), changed: false };
}

function write(db: ReadModelDb, state: RowState): void {
  const r = state.row;
  if (!state.changed || !r) return;
  r.open_escalations = JSON.stringify([...state.openEscalations]);
  statementsFor(prepared, db, prepare).write(r);
  state.changed = false;
}

/** Each hire a batch touches, by org and hire id, written once at its end (as `hires` does). */
const writeBehind = new WriteBehind<RowState>(write);

/** What changes a row; most of a journey's events (reminders, mails) change nothing here. */
const FOLDED_TYPES = new Set([
  'HireRegistered',
  'JourneyStarted',
  'StartDateChanged',
  'MentorAccepted',
  'MentorshipEnded',
  'MentorMeetingLogged',
  'MentorDeclined',
  'MentorNotFound',
  'TaskEscalated',
  'TaskCompleted',
  'MilestoneCompleted',
  'OpenTasksCancelled',
  'WelcomeMailSent',
  'TerminationRegistered',
  'CandidateWithdrawn',
  'ExitInterviewHeld',
  'JourneyEnded',
]);

export const retentionProjection: Projection = {
  name: 'retention',
  version: 2,
  streamPrefixes: [HIRE_STREAM_PREFIX],
  eventTypes: FOLDED_TYPES,
  tables: ['retention_hires'],
  setup(db) {
    db.exec(SCHEMA);
  },
  ...writeBehind.batchHooks,
  apply(db, event) {
    // Most of a journey's events (reminders, mails, completions without an escalation) change nothing here.
    if (!FOLDED_TYPES.has(event.type)) return;
    const facts = hireEventFacts(event);
    if (!facts) return;
    writeBehind.change(
      db,
      facts,
      () => load(db, facts),
      (state) => fold(state, facts, event),
    );
  },
};

function fold(state: RowState, facts: HireEventFacts, event: RecordedEvent): void {
  const d = event.data;
  if (event.type === 'HireRegistered') {
    const fields = {
      start_date: text(d.startDate) ?? '',
      role: text(d.role) ?? '',
      team: text(d.team) ?? null,
      location: text(d.location) ?? null,
    };
    state.row = state.row
      ? { ...state.row, ...fields }
      : {
          org: facts.organisationId,
          hire_id: facts.hireId,
          ...fields,
          template_id: null,
          template_version: null,
          status: 'registered',
          last_working_day: null,
          mentor_from: null,
          mentor_until: null,
          mentor_hours_per_week: null,
          last_mentor_meeting: null,
          mentor_declines: 0,
          mentor_not_found: 0,
          escalated_tasks: 0,
          escalated_milestones: 0,
          open_escalations: '[]',
          late_welcome: 0,
          exit_reasons: '[]',
        };
    state.changed = true;
    return;
  }
  const row = state.row;
  if (!row) return;
  switch (event.type) {
    case 'JourneyStarted':
      if (row.status === 'registered') row.status = 'employed';
      row.start_date = text(d.startDate) ?? row.start_date;
      row.template_id = text(d.templateId) ?? null;
      row.template_version = typeof d.templateVersion === 'number' ? d.templateVersion : null;
      break;
    case 'StartDateChanged':
      row.start_date = text(d.to) ?? row.start_date;
      break;
    case 'MentorAccepted':
      row.mentor_from = row.mentor_from ?? facts.day;
      row.mentor_until = null;
      row.mentor_hours_per_week = numberOr(d.hoursPerWeek, row.mentor_hours_per_week ?? 0);
      break;
    case 'MentorshipEnded':
      if (row.mentor_from !== null) row.mentor_until = facts.day;
      break;
    case 'MentorMeetingLogged': {
      // A meeting may be logged late, or out of order: the latest day met counts (ISO dates order as text).
      const on = text(d.on);
      if (on && (row.last_mentor_meeting === null || on > row.last_mentor_meeting)) row.last_mentor_meeting = on;
      break;
    }
    case 'MentorDeclined':
      row.mentor_declines += 1;
      break;
    case 'MentorNotFound':
      row.mentor_not_found = 1;
      break;
    case 'TaskEscalated': {
      const itemId = text(d.itemId) ?? '';
      if (itemId.startsWith('milestone:')) row.escalated_milestones += 1;
      else row.escalated_tasks += 1;
      if (itemId === 'welcome-card') row.late_welcome = 1;
      state.openEscalations.add(itemId);
      break;
    }
    case 'TaskCompleted':
    case 'MilestoneCompleted':
      state.openEscalations.delete(text(d.itemId) ?? '');
      break;
    case 'OpenTasksCancelled':
      for (const itemId of Array.isArray(d.itemIds) ? d.itemIds : []) state.openEscalations.delete(String(itemId));
      break;
    case 'WelcomeMailSent': {
      const due = text(d.dueDate);
      if (due && compareDates(facts.day, due) > 0) row.late_welcome = 1;
      break;
    }
    case 'TerminationRegistered':
      row.status = 'left';
      row.last_working_day = text(d.lastWorkingDay) ?? facts.day;
      break;
    case 'CandidateWithdrawn':
      row.status = 'withdrawn';
      break;
    case 'ExitInterviewHeld':
      row.exit_reasons = JSON.stringify(
        Array.isArray(d.reasons) ? d.reasons.filter((code) => typeof code === 'string') : [],
      );
      break;
    case 'JourneyEnded':
      if (d.outcome === 'withdrawn') row.status = 'withdrawn';
      else if (d.outcome === 'left' && row.status !== 'left') {
        row.status = 'left';
        row.last_working_day = row.last_working_day ?? facts.day;
      }
      if (row.mentor_from !== null && row.mentor_until === null) row.mentor_until = facts.day;
      break;
    default:
      return;
  }
  state.changed = true;
}

/** The columns `retentionRows` reads, in the order `toRetentionRow` takes them: all but the organisation, asked for. */
const READ_COLUMNS = COLUMNS.filter((column) => column !== 'org');
type ReadTuple = [
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  number | null,
  RetentionStatus,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  number,
  number,
  number,
  number,
  string,
  number,
  string,
];

// Prepared once per database and read as arrays: a report reads every hire of an organisation (50,000 in
// bench/retention.bench.ts), and a row object per hire before the RetentionRow was half of the report's time.
const readStatements = new WeakMap<ReadModelDb, ReturnType<typeof prepareReads>>();
function prepareReads(db: ReadModelDb) {
  return db
    .prepare<[string, string, string], ReadTuple>(
      `SELECT ${READ_COLUMNS.join(', ')} FROM retention_hires
       WHERE org = ? AND start_date >= ? AND start_date <= ? ORDER BY start_date, hire_id`,
    )
    .raw(true);
}

/** Every hire of the organisation with a start date in [from, to] (both optional), in start order. */
export function retentionRows(
  db: ReadModelDb,
  organisationId: string,
  range: { from?: IsoDate; to?: IsoDate } = {},
): RetentionRow[] {
  return statementsFor(readStatements, db, prepareReads)
    .all(organisationId, range.from ?? '', range.to ?? '9999-12-31')
    .map(toRetentionRow);
}

const NO_REASONS: readonly string[] = Object.freeze([]);

function toRetentionRow(row: ReadTuple): RetentionRow {
  const openEscalations = row[17];
  const exitReasons = row[19];
  return {
    hireId: row[0],
    startDate: row[1],
    role: row[2],
    team: row[3],
    location: row[4],
    templateId: row[5],
    templateVersion: row[6],
    status: row[7],
    lastWorkingDay: row[8],
    mentorFrom: row[9],
    mentorUntil: row[10],
    mentorHoursPerWeek: row[11],
    lastMentorMeeting: row[12],
    mentorDeclines: row[13],
    mentorNotFound: row[14] === 1,
    escalatedTasks: row[15],
    escalatedMilestones: row[16],
    openEscalations: openEscalations === '[]' ? 0 : (JSON.parse(openEscalations) as string[]).length,
    lateWelcome: row[18] === 1,
    // Most hires never had an exit interview: no parse for them.
    exitReasons: exitReasons === '[]' ? NO_REASONS : (JSON.parse(exitReasons) as string[]),
  };
}
