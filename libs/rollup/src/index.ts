export * from './rollup.registration.js';
export * from './classify.js';
export * from './period.js';
export * from './kpis.js';
export * from './entities/index.js';
export * from './rollup.service.js';
export * from './rollup.module.js';
export * from './seed.js';
