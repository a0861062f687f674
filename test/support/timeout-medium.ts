import { jest } from '@jest/globals';

// Jest 30 takes `testTimeout` from the root configuration only, not per project: each tier sets its own here.
jest.setTimeout(60_000);
