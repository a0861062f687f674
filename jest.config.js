/**
 * Jest in ESM mode (NestJS 12 is ESM-only), TypeScript through SWC.
 * Unit specs sit beside the code (*.spec.ts); e2e specs live in test/ (*.e2e-spec.ts) and
 * talk to the real PostgreSQL, Redis and an in-process SMTP server.
 */
import { jestModuleNameMapper, swcOptions } from './scripts/aliases.js';

const { sourceMaps: _maps, ...swc } = swcOptions({ withPaths: false });

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false, sourceMaps: 'inline', module: { type: 'es6' } }] },
  moduleNameMapper: {
    ...jestModuleNameMapper(),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,plugins}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
