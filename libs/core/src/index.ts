/**
 * `@techmarket/core`: the platform engine (tenancy, IAM, audit, HTTP conventions, jobs, mail).
 * It names no business module; modules register with it through `./module-api.ts`, which is
 * re-exported here and importable alone (framework-free) as `@techmarket/core/module-api`.
 * Other declared subpaths: `@techmarket/core/entities` (entity classes), `@techmarket/core/seed`.
 */
export * from './module-api.js';
export * from './config/app-config.js';
export * from './config/config.module.js';
export * from './database/data-source-options.js';
export * from './database/database.module.js';
export * from './database/entities.js';
export * from './redis/redis.module.js';
export * from './logging/logging.module.js';
export * from './context/request-context.js';
export * from './http/problem.exception.js';
export * from './http/problem.filter.js';
export * from './http/validation.js';
export * from './http/validators.js';
export * from './http/pagination.js';
export * from './http/redis-throttler.storage.js';
export * from './jobs/jobs.module.js';
export * from './jobs/domain-events.js';
export * from './mail/mail.queue.js';
export * from './mail/mail.sender.js';
export * from './iam/access-sql.js';
export * from './iam/access.service.js';
export * from './iam/authorize.decorator.js';
export * from './iam/auth.guard.js';
export * from './iam/iam.module.js';
export * from './iam/user-account.entity.js';
export * from './iam/refresh-token.entity.js';
export * from './tenancy/tenant.entity.js';
export * from './tenancy/tenancy.module.js';
export * from './tenancy/tenancy.service.js';
export * from './organizations/organization.entity.js';
export * from './organizations/organizations.module.js';
export * from './accounts/accounts.module.js';
export * from './accounts/users.service.js';
export * from './audit/audit-log.entity.js';
export * from './audit/audit.subscriber.js';
export * from './tenancy/tenant-owned.js';
export * from './audit/audit.module.js';
export * from './health/health.module.js';
export * from './http/params.js';
export * from './organizations/organizations.service.js';
export * from './iam/principal.loader.js';
export { AUTHZ_EPOCH_KEY } from './iam/authz-epoch.js';
export * from './http/upload.js';
