import { jest } from '@jest/globals';

// Jest 30 takes `testTimeout` from the root configuration only, not per project: each tier sets its own here.
// Generous: a loaded CI machine (2 cores, 30–40 % steal) is several times slower than a laptop.
jest.setTimeout(120_000);
