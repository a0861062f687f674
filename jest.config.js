/**
 * Jest in ESM mode (NestJS 12 is ESM-only), TypeScript through SWC.
 * Unit specs sit beside the code (*.spec.ts); e2e specs live in test/ (*.e2e-spec.ts) and
 * talk to the real PostgreSQL, Redis and an in-process SMTP server.
 */
const swc = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'es6' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@techmarket/core$': '<rootDir>/libs/core/src/index.ts',
    '^@techmarket/core/(.*)\\.js$': '<rootDir>/libs/core/src/$1',
    '^@techmarket/catalog$': '<rootDir>/libs/catalog/src/index.ts',
    '^@techmarket/catalog/entities$': '<rootDir>/libs/catalog/src/entities/index.ts',
    '^@techmarket/plugin-api$': '<rootDir>/libs/plugin-api/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,plugins}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
