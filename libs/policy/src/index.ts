export * from './entities/index.js';
export * from './plugin-registry.js';
export * from './policy-engine.service.js';
export * from './policy.module.js';
export * from './plugin-loader.js';
export * from './demo-policies.js';
