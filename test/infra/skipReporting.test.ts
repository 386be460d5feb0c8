import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repo = join(__dirname, '../..');

/**
 * A skip must print its reason where CI reads the output: Jest may show nothing of a file whose tests were all
 * skipped (the EventStoreDB suite's banner never reached the CI log), so the summary reporter lists each skip.
 */
function runFixture(allowSkip: string): { output: string; status: number | null } {
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
        reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
      }),
    ],
    { cwd: repo, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SOFT_LANDING_ALLOW_SKIP: allowSkip } },
  );
  return { output: `${jest.stdout}${jest.stderr}`, status: jest.status };
}

describe('a skipped suite in the test output', () => {
  const { output, status } = runFixture('fixture-server');

  it('is listed with its file, title and reason', () => {
    expect(output).toMatch(
      /^SKIPPED test\/infra\/fixtures\/skippedSuite\.fixture\.ts › a suite that needs a server \[SKIPPED: the fixture server is not running \(on purpose\)\] talks to the server$/m,
    );
  });

  it('is counted, with its reason, on the summary line CI reads', () => {
    expect(output).toMatch(
      /^tests: 0 passed, 0 failed, 1 skipped \(skipped: .*the fixture server is not running \(on purpose\).*\)$/m,
    );
    expect(status).toBe(0);
  });
});

describe('a suite whose service may not be skipped', () => {
  const { output, status } = runFixture('kafka,esdb');

  it('fails with the reason and the setting that would allow the skip', () => {
    expect(output).toContain(
      'fixture-server is required but unavailable: the fixture server is not running (on purpose) (SOFT_LANDING_ALLOW_SKIP=fixture-server allows the skip)',
    );
    expect(output).toMatch(/^tests: 0 passed, 1 failed, 0 skipped$/m);
    expect(status).toBe(1);
  });
});
