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
