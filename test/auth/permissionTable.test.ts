import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOpenApiDocument } from '../../services/http/openapiDocument';
import { type Grant, PERMISSIONS, PUBLIC_OPERATIONS, grantOf } from '../../services/auth/permissions';
import { ROLES } from '../../services/auth/roles';

/**
 * README.md's "Wie mag wat" table is what people read to decide which roles to hand out; PERMISSIONS is what the
 * API enforces. Any difference between the two is a lie in one of them, so this test compares them cell by cell.
 */
const README = join(__dirname, '../../README.md');
const SECTION = '## Wie mag wat (permission table)';
const PLATFORM_OPERATIONS: readonly string[] = PUBLIC_OPERATIONS;
const GRANT_OF_CELL: Record<string, Grant | undefined> = {
  '✓': 'any',
  eigen: 'own',
  voortgang: 'progress',
  '–': undefined,
};

interface DocumentedTable {
  readonly roles: string[];
  readonly rows: { operationId: string; request: string; cells: string[] }[];
}

function documentedTable(): DocumentedTable {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no section "${SECTION}"`);
  const section = readme.slice(start + 1).split(/\n## /)[0]!;
  const table = section.split('\n').filter((line) => line.startsWith('|'));
  const cellsOf = (line: string) =>
    line
      .slice(1, line.lastIndexOf('|'))
      .split('|')
      .map((cell) => cell.trim());
  const [header, , ...body] = table;
  const unquote = (cell: string) => /^`([^`]+)`$/.exec(cell)?.[1] ?? cell;
  return {
    roles: cellsOf(header!).slice(2),
    rows: body.map((line) => {
      const [operation, request, ...cells] = cellsOf(line);
      return { operationId: unquote(operation!), request: unquote(request!), cells };
    }),
  };
}

/** Every operation of the contract, as `METHOD /path` by operationId. */
function contractOperations(): Map<string, string> {
  const operations = new Map<string, string>();
  for (const [path, item] of Object.entries(loadOpenApiDocument().paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation && typeof operation === 'object' && 'operationId' in operation) {
        operations.set(operation.operationId, `${method.toUpperCase()} ${path}`);
      }
    }
  }
  return operations;
}

describe('the permission table in README.md', () => {
  const table = documentedTable();

  it('has one column per role, in the order of services/auth/roles.ts', () => {
    expect(table.roles).toEqual([...ROLES]);
  });

  it('uses only the cells the legend explains', () => {
    const unknown = table.rows.flatMap((row) =>
      row.cells.filter((cell) => !(cell in GRANT_OF_CELL)).map((cell) => `${row.operationId}: "${cell}"`),
    );
    expect(unknown).toEqual([]);
  });

  it('says exactly what PERMISSIONS enforces, for every operation and role', () => {
    const documented = Object.fromEntries(
      table.rows.map((row) => [
        row.operationId,
        Object.fromEntries(
          row.cells.flatMap((cell, column) => {
            const grant = GRANT_OF_CELL[cell];
            return grant === undefined ? [] : [[table.roles[column]!, grant]];
          }),
        ),
      ]),
    );
    expect(table.rows.every((row) => row.cells.length === ROLES.length)).toBe(true);
    expect(documented).toEqual(PERMISSIONS);
    // toEqual above ignores order and duplicates would collapse: one row per operation, no more.
    expect(table.rows).toHaveLength(Object.keys(PERMISSIONS).length);
  });

  it('names each operation by the method and path the contract gives it', () => {
    const operations = contractOperations();
    expect(Object.fromEntries(table.rows.map((row) => [row.operationId, row.request]))).toEqual(
      Object.fromEntries(table.rows.map((row) => [row.operationId, operations.get(row.operationId)])),
    );
  });
});

describe('PERMISSIONS against contracts/openapi.yaml', () => {
  it('has a row for every tenant operation of the contract, and for nothing else', () => {
    const tenantOperations = [...contractOperations().keys()].filter(
      (operationId) => !PLATFORM_OPERATIONS.includes(operationId),
    );
    expect(Object.keys(PERMISSIONS).sort()).toEqual(tenantOperations.sort());
  });
});

describe('the grant a principal’s roles give for an operation', () => {
  it('is the widest grant any of the roles holds, with the roles that hold it', () => {
    expect(grantOf('getHire', ['new-hire'])).toEqual({ grant: 'own', roles: ['new-hire'] });
    expect(grantOf('getHire', ['manager', 'recruiter'])).toEqual({ grant: 'progress', roles: ['recruiter'] });
    expect(grantOf('getHire', ['manager', 'hr-advisor', 'mentor', 'admin'])).toEqual({
      grant: 'any',
      roles: ['hr-advisor', 'admin'],
    });
    expect(grantOf('completeTask', ['mentor', 'manager'])).toEqual({ grant: 'own', roles: ['mentor', 'manager'] });
  });

  it('is nothing for roles the row does not name, and for no roles', () => {
    expect(grantOf('registerHire', ['mentor', 'new-hire', 'auditor'])).toBeUndefined();
    expect(grantOf('erasePerson', ['hr-advisor'])).toBeUndefined();
    expect(grantOf('getHire', [])).toBeUndefined();
  });

  it('leaves exactly the probes, the metrics and the operations whose token is their own credential outside the table', () => {
    expect(PUBLIC_OPERATIONS).toEqual([
      'getHealth',
      'getReadiness',
      'getMetrics',
      'redeemMagicLink',
      'openSurveyInvitation',
      'submitSurveyResponse',
      'openExitQuestionnaire',
      'submitExitQuestionnaire',
      'openTeamWelcome',
      'writeTeamWelcome',
    ]);
  });
});
