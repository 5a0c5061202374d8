// NestJS 12 ships as ES modules; Node 20 can require() them but Jest's own module loader cannot, so the
// ESM packages in node_modules are compiled to CommonJS by babel-jest (see test/support/esm-packages.js).
const { esmPackagePattern } = require('./test/support/esm-packages');

const shared = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.check.json', diagnostics: false }],
    '^.+\\.m?js$': ['babel-jest', { configFile: require.resolve('./test/support/babel-esm-deps.config.js') }],
  },
  transformIgnorePatterns: [esmPackagePattern()],
  testEnvironment: 'node',
};

module.exports = {
  // Jest 30 reads testTimeout from the global config only; inside `projects` it is silently ignored and
  // every e2e test ran with the 5 s default, which a busy machine overruns while an app boots.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] },
    {
      // The farm app's own logic (outbox, i18n) under Node, IndexedDB from fake-indexeddb.
      ...shared,
      displayName: 'web',
      testMatch: ['<rootDir>/web/src/**/*.spec.ts'],
      transform: {
        '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/web/tsconfig.test.json', diagnostics: false }],
        '^.+\\.m?js$': shared.transform['^.+\\.m?js$'],
      },
      setupFiles: ['fake-indexeddb/auto'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['\\.sqlite\\.e2e-spec\\.ts$'],
      setupFiles: ['<rootDir>/test/support/e2e-env.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e-sqlite',
      testMatch: ['<rootDir>/test/**/*.sqlite.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/e2e-sqlite-env.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    // Repository specs: each repository's queries on a migrated database, once per kind. Entity column types
    // are fixed when entities load, so PostgreSQL and SQLite are two projects over the same files.
    {
      ...shared,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      setupFiles: ['<rootDir>/test/medium/support/medium-postgres-env.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      ...shared,
      displayName: 'medium-sqlite',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      setupFiles: ['<rootDir>/test/medium/support/medium-sqlite-env.ts'],
    },
  ],
};
