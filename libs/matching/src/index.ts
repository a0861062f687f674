export * from './matching.registration.js';
export * from './bm25.js';
export * from './score.js';
export * from './entities/index.js';
export * from './matching.engine.js';
export * from './matching.service.js';
export * from './matching.module.js';
export * from './ranking-metrics.js';
