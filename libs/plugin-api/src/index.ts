/**
 * `@techmarket/plugin-api`, the only thing a policy plugin imports. A plugin declares the range
 * of this API it was written for (`peerDependencies` in its package.json); the loader refuses a
 * plugin whose range does not include PLUGIN_API_VERSION. 2.0: plugins of contract events must
 * declare their `governingDate`; 2.1 added `subjectCaps`; 2.2 the organisation facts `divisionCode`,
 * `statusSources` and `founding`; 2.3 `reliesOn`; 1.1 added `territory`. Test fixtures: `@techmarket/plugin-api/testing`.
 */
export const PLUGIN_API_VERSION = '2.3.0';
export * from './types.js';
export * from './money.js';
export * from './define.js';
export * from './validate-params.js';
