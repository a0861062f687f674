export * from './campaigns.registration.js';
export * from './segment.js';
export * from './signing.js';
export * from './attribution.js';
export * from './personalise.js';
export * from './entities/index.js';
export * from './campaigns.service.js';
export * from './campaigns.module.js';
