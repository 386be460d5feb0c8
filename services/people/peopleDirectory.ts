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

/**
 * Names and mail addresses of the people around a hire. Personal data lives here, outside the event streams,
 * so the streams carry only person references and one person's erasure is one DELETE (AVG/GDPR).
 * Team mailboxes (HR, IT, facilities, the team) are entries under `role:<role>`.
 */
export interface Contact {
  readonly organisationId: string;
  readonly personRef: string;
  readonly displayName: string;
  readonly email: string;
  readonly language: 'nl' | 'en';
}

export const roleMailboxRef = (role: string): string => `role:${role}`;

/** The file's `user_version` once it has been rewritten with secure_delete on (see the constructor). */
const SCHEMA_VERSION = 1;

export class PeopleDirectory {
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

  /** New details given for the person: kept, even for someone erased before (whose erasure they end). */
  upsert(contact: Contact): void {
    this.db
      .transaction(() => {
        this.write(contact);
        this.db
          .prepare(`DELETE FROM erasures WHERE organisation_id = ? AND person_ref = ?`)
          .run(contact.organisationId, contact.personRef);
      })
      .immediate();
  }

  /**
   * Details from a replay of an earlier request: kept unless the person was erased since. Checked and written in
   * one transaction, so an erasure in another process lands either before (nothing written) or after (erased).
   */
  upsertUnlessErased(contact: Contact): void {
    this.db
      .transaction(() => {
        const erased = this.db
          .prepare(`SELECT 1 FROM erasures WHERE organisation_id = ? AND person_ref = ?`)
          .get(contact.organisationId, contact.personRef);
        if (!erased) this.write(contact);
      })
      .immediate();
  }

  find(organisationId: string, personRef: string): Contact | undefined {
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
  erase(organisationId: string, personRef: string): void {
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

  /** Kept here so that erase() removes it with the person (services/people/mentorIntroductions.ts). */
  saveMentorIntroduction(introduction: MentorIntroduction): void {
    saveMentorIntroduction(this.db, introduction);
  }

  mentorIntroduction(key: { organisationId: string; hireId: string; mentorRef: string }): string | undefined {
    return findMentorIntroduction(this.db, key);
  }

  /** Kept here so that erase() of the hire removes them (services/people/teamWelcomeMessages.ts). */
  saveTeamWelcomeMessage(
    hire: { organisationId: string; hireId: string },
    message: { authorName: string; text: string; writtenAt: Date },
  ): TeamWelcomeMessage {
    return saveTeamWelcomeMessage(this.db, hire, message);
  }

  teamWelcomeMessages(hire: { organisationId: string; hireId: string }): TeamWelcomeMessage[] {
    return teamWelcomeMessagesFor(this.db, hire);
  }

  /** Kept here so that erase() of the hire removes them (services/people/planChangeReasons.ts). */
  savePlanChangeReason(reason: PlanChangeReason): void {
    savePlanChangeReason(this.db, reason);
  }

  planChangeReasons(hire: { organisationId: string; hireId: string }): { changeId: string; reason: string }[] {
    return planChangeReasonsOf(this.db, hire);
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
