export * from './monitoring.registration.js';
export * from './rules.js';
export * from './entities/index.js';
export * from './monitoring.service.js';
export * from './monitoring.module.js';
