import Database from 'better-sqlite3';
import { hireRowStatements, upsertStatement } from './wholeRowStatements';

interface Row {
  org: string;
  hire_id: string;
  team: string | null;
  revision: number;
}

describe('whole-row statements', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE rows (org TEXT, hire_id TEXT, team TEXT, revision INTEGER, PRIMARY KEY (org, hire_id))');
  afterAll(() => db.close());

  it('inserts a row, then overwrites every column but the key', () => {
    const rows = hireRowStatements<Row>(db, 'rows', ['org', 'hire_id', 'team', 'revision']);
    expect(rows.row('o', 'h')).toBeUndefined();
    rows.write({ org: 'o', hire_id: 'h', team: 'Noord', revision: 1 });
    rows.write({ org: 'o', hire_id: 'h', team: null, revision: 2 });
    rows.write({ org: 'o', hire_id: 'other', team: 'Zuid', revision: 1 });
    expect(rows.row('o', 'h')).toEqual({ org: 'o', hire_id: 'h', team: null, revision: 2 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM rows').get()).toEqual({ n: 2 });
  });

  it('refuses a key that leaves nothing to overwrite, or none at all', () => {
    expect(() => upsertStatement('rows', ['org', 'hire_id'], 2)).toThrow('2 key columns of 2');
    expect(() => upsertStatement('rows', ['org', 'hire_id'], 0)).toThrow('0 key columns of 2');
    expect(upsertStatement('rows', ['org', 'hire_id', 'team'], 2)).toBe(
      'INSERT INTO rows (org, hire_id, team) VALUES (?, ?, ?) ON CONFLICT (org, hire_id) DO UPDATE SET team = excluded.team',
    );
  });

  it('refuses columns that do not start with the hire key', () => {
    expect(() => hireRowStatements<Row>(db, 'rows', ['hire_id', 'org', 'team'])).toThrow(
      'the columns start with org and hire_id, not hire_id,org',
    );
  });
});
