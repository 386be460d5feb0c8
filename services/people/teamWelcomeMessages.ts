import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * What colleagues write for a new hire before day one ("what we look forward to"): free text with the writer's name
 * as they typed it, so it is kept here, beside the contact details (services/people/peopleDirectory.ts) whose erasure
 * of the hire removes it, and never on the hire's hash-chained stream, which records only each message's id.
 */
export function createTeamWelcomeMessagesTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS team_welcome_messages (
    organisation_id TEXT NOT NULL,
    hire_id         TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    author_name     TEXT NOT NULL,
    text            TEXT NOT NULL,
    written_at      TEXT NOT NULL,
    PRIMARY KEY (organisation_id, hire_id, message_id)
  )`);
}

export interface TeamWelcomeMessage {
  readonly messageId: string;
  readonly authorName: string;
  readonly text: string;
  readonly writtenAt: string;
}

/** The message as either adapter keeps it: a new id, the name and text trimmed, the time as ISO text. */
export function draftTeamWelcomeMessage(message: {
  authorName: string;
  text: string;
  writtenAt: Date;
}): TeamWelcomeMessage {
  return {
    messageId: randomUUID(),
    authorName: message.authorName.trim(),
    text: message.text.trim(),
    writtenAt: message.writtenAt.toISOString(),
  };
}

export function saveTeamWelcomeMessage(
  db: Database.Database,
  hire: { organisationId: string; hireId: string },
  message: { authorName: string; text: string; writtenAt: Date },
): TeamWelcomeMessage {
  const saved = draftTeamWelcomeMessage(message);
  db.prepare(
    `INSERT INTO team_welcome_messages (organisation_id, hire_id, message_id, author_name, text, written_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(hire.organisationId, hire.hireId, saved.messageId, saved.authorName, saved.text, saved.writtenAt);
  return saved;
}

/** Oldest first: the order the team wrote them in. */
export function teamWelcomeMessagesFor(
  db: Database.Database,
  hire: { organisationId: string; hireId: string },
): TeamWelcomeMessage[] {
  return db
    .prepare<[string, string], { message_id: string; author_name: string; text: string; written_at: string }>(
      `SELECT message_id, author_name, text, written_at FROM team_welcome_messages
       WHERE organisation_id = ? AND hire_id = ? ORDER BY written_at, rowid`,
    )
    .all(hire.organisationId, hire.hireId)
    .map((row) => ({
      messageId: row.message_id,
      authorName: row.author_name,
      text: row.text,
      writtenAt: row.written_at,
    }));
}

/** Part of the hire's erasure: every welcome written for them. */
export function eraseTeamWelcomeMessagesFor(db: Database.Database, organisationId: string, hireId: string): void {
  db.prepare(`DELETE FROM team_welcome_messages WHERE organisation_id = ? AND hire_id = ?`).run(organisationId, hireId);
}
