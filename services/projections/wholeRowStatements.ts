import type { ReadModelDb } from './projection';

/**
 * The statement a write-behind projection writes a whole row with: inserted, or (every column but the key)
 * overwritten. The key is the first `keyColumns` of `columns`, in the table's primary-key order, so the conflict
 * target and the columns it leaves alone can never disagree.
 */
export function upsertStatement(table: string, columns: readonly string[], keyColumns: number): string {
  if (keyColumns < 1 || keyColumns >= columns.length) {
    throw new Error(`upsertStatement(${table}): ${keyColumns} key columns of ${columns.length}`);
  }
  const key = columns.slice(0, keyColumns).join(', ');
  const overwritten = columns
    .slice(keyColumns)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  return (
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (${key}) DO UPDATE SET ${overwritten}`
  );
}

/** A read model with one whole row per hire, keyed (org, hire_id): read a hire's row, and write one back whole. */
export interface HireRowStatements<Row> {
  row(org: string, hireId: string): Row | undefined;
  write(row: Row): void;
}

/** `columns` name every column of `table`, org and hire_id first; a row is written in their order. */
export function hireRowStatements<Row extends object>(
  db: ReadModelDb,
  table: string,
  columns: readonly (keyof Row & string)[],
): HireRowStatements<Row> {
  if (columns[0] !== 'org' || columns[1] !== 'hire_id') {
    throw new Error(`hireRowStatements(${table}): the columns start with org and hire_id, not ${columns.slice(0, 2)}`);
  }
  const read = db.prepare<[string, string], Row>(`SELECT * FROM ${table} WHERE org = ? AND hire_id = ?`);
  const write = db.prepare<unknown[]>(upsertStatement(table, columns, 2));
  return {
    row: (org, hireId) => read.get(org, hireId),
    write: (row) => write.run(...columns.map((column) => row[column])),
  };
}
