import type Database from 'better-sqlite3';
import { checkpointAndTruncateWal, openSqliteFile } from '../shared/sqliteFile';
import {
  type MentorIntroduction,
  createMentorIntroductionsTable,
  eraseMentorIntroductionsOf,
  findMentorIntroduction,
  saveMentorIntroduction,
} from './mentorIntroductions';
import {
  type TeamWelcomeMessage,
  createTeamWelcomeMessagesTable,
  eraseTeamWelcomeMessagesFor,
  saveTeamWelcomeMessage,
  teamWelcomeMessagesFor,
} from './teamWelcomeMessages';
import {
  type PlanChangeReason,
  createPlanChangeReasonsTable,
  erasePlanChangeReasonsFor,
  planChangeReasonsOf,
  savePlanChangeReason,
} from './planChangeReasons';
import type { Contact, PeopleDirectory, PeopleDirectoryContents } from './peopleDirectory';

/** The file's `user_version` once it has been rewritten with secure_delete on (see the constructor). */
const SCHEMA_VERSION = 1;

/**
 * The people directory in one SQLite file: the embedded default, and every process on one host shares it through
 * PEOPLE_DB_PATH. Its answers are promises only to share the interface with PostgreSQL; the work is done at once.
 */
export class SqlitePeopleDirectory implements PeopleDirectory {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSqliteFile(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS contacts (
      organisation_id TEXT NOT NULL,
      person_ref      TEXT NOT NULL,
      display_name    TEXT NOT NULL,
      email           TEXT NOT NULL,
      language        TEXT NOT NULL,
      PRIMARY KEY (organisation_id, person_ref)
    )`);
    // Who was erased, by reference only: a replayed request that still carries the details must not bring them back.
    this.db.exec(`CREATE TABLE IF NOT EXISTS erasures (
      organisation_id TEXT NOT NULL,
      person_ref      TEXT NOT NULL,
      PRIMARY KEY (organisation_id, person_ref)
    )`);
    createMentorIntroductionsTable(this.db);
    createTeamWelcomeMessagesTable(this.db);
    createPlanChangeReasonsTable(this.db);
    if ((this.db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
      // A file written before secure_delete was on still holds the rows it erased then, as free space; VACUUM
      // writes a fresh copy without them, once.
      this.db.exec('VACUUM');
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  async upsert(contact: Contact): Promise<void> {
    this.db
      .transaction(() => {
        this.write(contact);
        this.db
          .prepare(`DELETE FROM erasures WHERE organisation_id = ? AND person_ref = ?`)
          .run(contact.organisationId, contact.personRef);
      })
      .immediate();
  }

  /** Checked and written in one IMMEDIATE transaction: another process's erasure lands wholly before or after. */
  async upsertUnlessErased(contact: Contact): Promise<void> {
    this.db
      .transaction(() => {
        const erased = this.db
          .prepare(`SELECT 1 FROM erasures WHERE organisation_id = ? AND person_ref = ?`)
          .get(contact.organisationId, contact.personRef);
        if (!erased) this.write(contact);
      })
      .immediate();
  }

  async find(organisationId: string, personRef: string): Promise<Contact | undefined> {
    const row = this.db
      .prepare<[string, string], { display_name: string; email: string; language: 'nl' | 'en' }>(
        `SELECT display_name, email, language FROM contacts WHERE organisation_id = ? AND person_ref = ?`,
      )
      .get(organisationId, personRef);
    return (
      row && { organisationId, personRef, displayName: row.display_name, email: row.email, language: row.language }
    );
  }

  /**
   * Idempotent: erasing someone already erased is not an error. secure_delete zeroes the row where it was; the
   * checkpoint then writes that page over the main file's old copy and empties the write-ahead log, so no file
   * holds the name or address any more once this returns.
   */
  async erase(organisationId: string, personRef: string): Promise<void> {
    this.db
      .transaction(() => {
        this.db
          .prepare(`DELETE FROM contacts WHERE organisation_id = ? AND person_ref = ?`)
          .run(organisationId, personRef);
        this.db
          .prepare(`INSERT OR IGNORE INTO erasures (organisation_id, person_ref) VALUES (?, ?)`)
          .run(organisationId, personRef);
        eraseMentorIntroductionsOf(this.db, organisationId, personRef);
        eraseTeamWelcomeMessagesFor(this.db, organisationId, personRef);
        erasePlanChangeReasonsFor(this.db, organisationId, personRef);
      })
      .immediate();
    checkpointAndTruncateWal(this.db);
  }

  async saveMentorIntroduction(introduction: MentorIntroduction): Promise<void> {
    saveMentorIntroduction(this.db, introduction);
  }

  async mentorIntroduction(key: {
    organisationId: string;
    hireId: string;
    mentorRef: string;
  }): Promise<string | undefined> {
    return findMentorIntroduction(this.db, key);
  }

  async saveTeamWelcomeMessage(
    hire: { organisationId: string; hireId: string },
    message: { authorName: string; text: string; writtenAt: Date },
  ): Promise<TeamWelcomeMessage> {
    return saveTeamWelcomeMessage(this.db, hire, message);
  }

  async teamWelcomeMessages(hire: { organisationId: string; hireId: string }): Promise<TeamWelcomeMessage[]> {
    return teamWelcomeMessagesFor(this.db, hire);
  }

  async savePlanChangeReason(reason: PlanChangeReason): Promise<void> {
    savePlanChangeReason(this.db, reason);
  }

  async planChangeReasons(hire: {
    organisationId: string;
    hireId: string;
  }): Promise<{ changeId: string; reason: string }[]> {
    return planChangeReasonsOf(this.db, hire);
  }

  /** Every row, for the move to PostgreSQL (PeopleDirectoryContents). */
  contents(): PeopleDirectoryContents {
    const all = <Row>(sql: string) => this.db.prepare<[], Row>(sql).all();
    return {
      contacts: all<{
        organisationId: string;
        personRef: string;
        displayName: string;
        email: string;
        language: 'nl' | 'en';
      }>(
        `SELECT organisation_id AS organisationId, person_ref AS personRef, display_name AS displayName, email, language
         FROM contacts ORDER BY organisation_id, person_ref`,
      ),
      erasures: all<{ organisationId: string; personRef: string }>(
        `SELECT organisation_id AS organisationId, person_ref AS personRef FROM erasures ORDER BY organisation_id, person_ref`,
      ),
      mentorIntroductions: all<MentorIntroduction>(
        `SELECT organisation_id AS organisationId, hire_id AS hireId, mentor_ref AS mentorRef, text
         FROM mentor_introductions ORDER BY organisation_id, hire_id, mentor_ref`,
      ),
      teamWelcomeMessages: all<TeamWelcomeMessage & { organisationId: string; hireId: string }>(
        `SELECT organisation_id AS organisationId, hire_id AS hireId, message_id AS messageId, author_name AS authorName,
                text, written_at AS writtenAt
         FROM team_welcome_messages ORDER BY organisation_id, hire_id, written_at, rowid`,
      ),
      planChangeReasons: all<PlanChangeReason>(
        `SELECT organisation_id AS organisationId, hire_id AS hireId, change_id AS changeId, reason
         FROM plan_change_reasons ORDER BY organisation_id, hire_id, change_id`,
      ),
    };
  }

  close(): void {
    this.db.close();
  }

  private write(contact: Contact): void {
    this.db
      .prepare(
        `INSERT INTO contacts (organisation_id, person_ref, display_name, email, language) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (organisation_id, person_ref) DO UPDATE
         SET display_name = excluded.display_name, email = excluded.email, language = excluded.language`,
      )
      .run(contact.organisationId, contact.personRef, contact.displayName, contact.email, contact.language);
  }
}
