/**
 * Jest in ESM mode (NestJS 12 is ESM-only), TypeScript through SWC, in three tiers (projects):
 *   unit    {apps,libs,plugins}/**\/*.spec.ts   beside the code; no database, no build, seconds
 *   medium  test/medium/**\/*.medium-spec.ts    SQL and repositories on a cloned PostgreSQL database, no Nest app
 *   e2e     test/e2e/**\/*.e2e-spec.ts          the built API as real processes, real PostgreSQL, Redis and SMTP
 * `npm run test:unit|test:medium|test:e2e` runs one; `npm test` runs all three (scripts/test.sh).
 * See docs/decisions/0004-tests.md.
 */
import { jestModuleNameMapper, swcOptions } from './scripts/aliases.js';

const { sourceMaps: _maps, ...swc } = swcOptions({ withPaths: false });

const common = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false, sourceMaps: 'inline', module: { type: 'es6' } }] },
  moduleNameMapper: {
    ...jestModuleNameMapper(),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // The build's copies of the package.json files would collide with the sources' in the module map.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/'],
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,plugins}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout-medium.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeout-e2e.ts'],
    },
  ],
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
