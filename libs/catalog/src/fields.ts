/** The catalog's vocabulary without the framework (`@techmarket/catalog/fields`): fields, stages, their IPC reading. */
export * from './catalog.constants.js';
export * from './field-ipc.js';
