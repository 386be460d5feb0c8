import type Database from 'better-sqlite3';

/**
 * What a mentor writes about themself for a new hire's welcome mail: free text by a person, so it is kept beside
 * the contact details (services/people/peopleDirectory.ts), never on the hire's hash-chained stream, and erasing
 * either the mentor who wrote it or the hire it was written for removes it. The stream records only that one exists.
 */
export function createMentorIntroductionsTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS mentor_introductions (
    organisation_id TEXT NOT NULL,
    hire_id         TEXT NOT NULL,
    mentor_ref      TEXT NOT NULL,
    text            TEXT NOT NULL,
    PRIMARY KEY (organisation_id, hire_id, mentor_ref)
  )`);
}

export interface MentorIntroduction {
  readonly organisationId: string;
  readonly hireId: string;
  readonly mentorRef: string;
  readonly text: string;
}

/** The latest text wins: a mentor who answers again (a retried request) writes the same row. */
export function saveMentorIntroduction(db: Database.Database, introduction: MentorIntroduction): void {
  db.prepare(
    `INSERT INTO mentor_introductions (organisation_id, hire_id, mentor_ref, text) VALUES (?, ?, ?, ?)
     ON CONFLICT (organisation_id, hire_id, mentor_ref) DO UPDATE SET text = excluded.text`,
  ).run(introduction.organisationId, introduction.hireId, introduction.mentorRef, introduction.text);
}

export function findMentorIntroduction(
  db: Database.Database,
  key: { organisationId: string; hireId: string; mentorRef: string },
): string | undefined {
  return db
    .prepare<[string, string, string], { text: string }>(
      `SELECT text FROM mentor_introductions WHERE organisation_id = ? AND hire_id = ? AND mentor_ref = ?`,
    )
    .get(key.organisationId, key.hireId, key.mentorRef)?.text;
}

/** Part of a person's erasure: what they wrote as a mentor, and what was written for them as a new hire. */
export function eraseMentorIntroductionsOf(db: Database.Database, organisationId: string, personRef: string): void {
  db.prepare(`DELETE FROM mentor_introductions WHERE organisation_id = ? AND (mentor_ref = ? OR hire_id = ?)`).run(
    organisationId,
    personRef,
    personRef,
  );
}
