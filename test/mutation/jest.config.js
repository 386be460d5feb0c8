/**
 * Jest for mutation runs: the repository's settings, but only the unit tests of the mutated modules and no global
 * setup, so no service is looked for or started for each of the thousand runs.
 */
const { join } = require('node:path');
const base = require('../../jest.config');
const { TESTS } = require('./modules');

const rootDir = join(__dirname, '..', '..');

module.exports = {
  ...base,
  rootDir,
  testMatch: TESTS.map((file) => `<rootDir>/${file}`),
  globalSetup: undefined,
  globalTeardown: undefined,
  reporters: ['default'],
  setupFilesAfterEnv: [join(__dirname, 'fewerPropertyRuns.js')],
};
