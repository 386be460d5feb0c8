import type Database from 'better-sqlite3';
import { type HireFreeTexts, createHireFreeTextsTable, saveHireFreeText } from './hireFreeTexts';

/**
 * What a mentor writes about themself for a new hire's welcome mail: free text by a person, so it is kept beside
 * the contact details (services/people/peopleDirectory.ts), never on the hire's hash-chained stream, and erasing
 * either the mentor who wrote it or the hire it was written for removes it. The stream records only that one exists.
 */
export function createMentorIntroductionsTable(db: Database.Database): void {
  createHireFreeTextsTable(db, MENTOR_INTRODUCTIONS);
}

const MENTOR_INTRODUCTIONS: HireFreeTexts = {
  table: 'mentor_introductions',
  keyColumn: 'mentor_ref',
  textColumn: 'text',
};

export interface MentorIntroduction {
  readonly organisationId: string;
  readonly hireId: string;
  readonly mentorRef: string;
  readonly text: string;
}

/** The latest text wins: a mentor who answers again (a retried request) writes the same row. */
export function saveMentorIntroduction(db: Database.Database, introduction: MentorIntroduction): void {
  saveHireFreeText(db, MENTOR_INTRODUCTIONS, { ...introduction, key: introduction.mentorRef });
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
