export * from './types.js';
export * from './money.js';
export * from './define.js';
export * from './validate-params.js';
export * from './testing.js';
