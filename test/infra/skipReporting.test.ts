import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repo = join(__dirname, '../..');

/**
 * A skip must print its reason where CI reads the output: Jest may show nothing of a file whose tests were all
 * skipped (the EventStoreDB suite's banner never reached the CI log), so the summary reporter lists each skip.
 */
describe('a skipped suite in the test output', () => {
  const jest = spawnSync(
    process.execPath,
    [
      join(repo, 'node_modules/jest/bin/jest.js'),
      '--config',
      JSON.stringify({
        rootDir: repo,
        roots: ['<rootDir>/test/infra/fixtures'],
        testMatch: ['**/*.fixture.ts'],
        transform: { '^.+\\.ts$': 'ts-jest' },
        reporters: ['<rootDir>/test/support/summaryReporter.js'],
      }),
    ],
    { cwd: repo, encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${jest.stdout}${jest.stderr}`;

  it('is listed with its file, title and reason', () => {
    expect(output).toMatch(
      /^SKIPPED test\/infra\/fixtures\/skippedSuite\.fixture\.ts › a suite that needs a server \[SKIPPED: the fixture server is not running \(on purpose\)\] talks to the server$/m,
    );
  });

  it('is counted, with its reason, on the summary line CI reads', () => {
    expect(output).toMatch(/^tests: 0 passed, 0 failed, 1 skipped \(skipped: .*the fixture server is not running \(on purpose\).*\)$/m);
    expect(jest.status).toBe(0);
  });
});
