/**
 * `@techmarket/plugin-api`, the only thing a policy plugin imports. A plugin declares the range
 * of this API it was written for (`peerDependencies` in its package.json); the loader refuses a
 * plugin whose range does not include PLUGIN_API_VERSION. Test fixtures: `@techmarket/plugin-api/testing`.
 */
export const PLUGIN_API_VERSION = '1.2.0';
export * from './types.js';
export * from './money.js';
export * from './define.js';
export * from './validate-params.js';
