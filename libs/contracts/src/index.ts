export * from './contract-types.js';
export * from './contracts.registration.js';
export type * from './contracts.events.js';
export * from './entities/index.js';
export * from './contracts.service.js';
export * from './contracts.module.js';
export * from './monitoring-feed.js';
