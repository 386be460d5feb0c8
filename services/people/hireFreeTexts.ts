import type Database from 'better-sqlite3';

/**
 * A table of free text written by a person about one hire (a mentor's introduction, HR's reason for a plan change),
 * one text per hire and key: kept beside the contact details, never on the hire's hash-chained stream, so that an
 * erasure can remove it. Each such table names its key and its text column.
 */
export interface HireFreeTexts {
  readonly table: string;
  readonly keyColumn: string;
  readonly textColumn: string;
}

export function createHireFreeTextsTable(db: Database.Database, texts: HireFreeTexts): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${texts.table} (
    organisation_id TEXT NOT NULL,
    hire_id         TEXT NOT NULL,
    ${texts.keyColumn} TEXT NOT NULL,
    ${texts.textColumn} TEXT NOT NULL,
    PRIMARY KEY (organisation_id, hire_id, ${texts.keyColumn})
  )`);
}

/** The latest text wins: a retried request writes the same row. */
export function saveHireFreeText(
  db: Database.Database,
  texts: HireFreeTexts,
  row: { organisationId: string; hireId: string; key: string; text: string },
): void {
  const { table, keyColumn, textColumn } = texts;
  db.prepare(
    `INSERT INTO ${table} (organisation_id, hire_id, ${keyColumn}, ${textColumn}) VALUES (?, ?, ?, ?)
     ON CONFLICT (organisation_id, hire_id, ${keyColumn}) DO UPDATE SET ${textColumn} = excluded.${textColumn}`,
  ).run(row.organisationId, row.hireId, row.key, row.text);
}
