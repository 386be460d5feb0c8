/** Tests talk to real services; test/support/globalSetup.ts finds or starts them once for the whole run. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/workflows', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // jose and kubernetes-models ship ES modules only, which Jest's CommonJS runtime cannot load as they are.
    '/node_modules/(jose|kubernetes-models|@kubernetes-models)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, isolatedModules: true }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|kubernetes-models|@kubernetes-models)/)'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  testTimeout: 60_000,
  // Real servers are shared by every test file; running files one at a time keeps a 2-core machine honest.
  maxWorkers: 1,
};
