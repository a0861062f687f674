/** `@techmarket/catalog/demo`: the deterministic demo catalog generator (scripts and benchmarks only, never the app). */
export * from './generate.js';
export * from './demo-status.js';
