import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '../..');
const CONTRACT = join(repo, 'contracts/openapi.yaml');

interface LintProblem {
  readonly ruleId: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly location: readonly { readonly pointer: string; readonly start?: { readonly line: number } }[];
}

interface LintReport {
  readonly totals: { readonly errors: number; readonly warnings: number; readonly ignored: number };
  readonly problems: readonly LintProblem[];
}

/** Redocly CLI's lint with the repository's redocly.yaml (and its ignore file), as JSON. */
function lint(path: string): Promise<LintReport> {
  return new Promise((resolve, reject) => {
    execFile(
      join(repo, 'node_modules/.bin/redocly'),
      ['lint', path, '--format=json', '--config', join(repo, 'redocly.yaml')],
      // Exit code 1 means "found errors": the report on stdout says which.
      {
        cwd: repo,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout) as LintReport);
        } catch {
          reject(new Error(`redocly lint gave no report (${error?.message ?? 'no error'}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

const describeProblem = (problem: LintProblem) =>
  `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer} (line ${problem.location[0]?.start?.line}): ${problem.message}`;

describe('contracts/openapi.yaml under Redocly CLI lint (redocly.yaml)', () => {
  it('has no errors', async () => {
    const report = await lint(CONTRACT);
    expect(report.problems.filter((problem) => problem.severity === 'error').map(describeProblem)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 30_000);

  it('reports a one-line mapping whose unquoted description holds a comma as an error', async () => {
    // The defect it found here before: YAML splits `{ description: Who issued it (an actor, never a name). }` into two keys.
    const broken = readFileSync(CONTRACT, 'utf8').replace(
      "createdBy: { type: string, description: 'Who issued it (an actor, never a name).' }",
      'createdBy: { type: string, description: Who issued it (an actor, never a name). }',
    );
    expect(broken).not.toBe(readFileSync(CONTRACT, 'utf8'));
    const copy = join(mkdtempSync(join(tmpdir(), 'openapi-lint-')), 'openapi.yaml');
    writeFileSync(copy, broken);
    const report = await lint(copy);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        ruleId: 'struct',
        severity: 'error',
        location: [
          expect.objectContaining({
            pointer: expect.stringContaining('/components/schemas/ApiKey/properties/createdBy'),
          }),
        ],
      }),
    );
  }, 30_000);
});
