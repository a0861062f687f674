export * from './entities/index.js';
export * from './plugin-registry.js';
export * from './policy-engine.service.js';
export * from './policy.module.js';
