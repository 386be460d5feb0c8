// @ts-check
/**
 * `npm run mutation`: Stryker over the pure rules and the integrity code (test/mutation/modules.js), with the unit
 * tests in test/mutation/jest.config.js. Incremental: results for unchanged code and tests are reused from
 * test/mutation/stryker-incremental.json, so a run after a small change tests only the mutants in changed code.
 * `npm run mutation -- --force` tests every mutant again.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { MUTATED } = require('./modules.js');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'test/mutation/jest.config.js', enableFindRelatedTests: true },
  checkers: ['typescript'],
  tsconfigFile: 'test/mutation/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: MUTATED,
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  // Two cores shared with other work.
  concurrency: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'data', '.tools', 'test/.recorded', 'reports'],
  cleanTempDir: 'always',
  timeoutMS: 10_000,
};
