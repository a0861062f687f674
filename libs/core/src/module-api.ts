/**
 * `@techmarket/core/module-api`: what a bounded context (catalog, contracts, policy, …) uses to
 * plug itself into the platform. Framework-free (no Nest), so a module's registration file and
 * its unit tests load without the app. See docs/decisions/0010-module-contract.md.
 *
 * A module calls `registerModule` once, in a `<module>.registration.ts` its Nest module imports:
 * core then knows its permission subjects, actions and rules, its messages, its audited
 * entities, its queues and the domain events it consumes, without naming the module anywhere.
 */
import { type AuditAction, registerAudited, type TenantOf } from './audit/audited-entities.js';
import { registerPermissions, type RuleContributor } from './iam/ability.factory.js';
import { type ErrorDefinition, type Label, registerMessages } from './http/messages.js';
import {
  type DomainEventType,
  type InTransactionHandler,
  registerEventConsumer,
  registerInTransactionHandler,
  registerQueues,
} from './jobs/queues.js';

export interface ModuleDefinition {
  /** The bounded context's name, e.g. `contracts`. */
  name: string;
  /** CASL subjects the module owns, with their names in messages (`{entity}不存在`). */
  subjects?: Record<string, Label>;
  /** Workflow actions beyond CRUD that its rules use (e.g. `submit`, `review`). */
  actions?: string[];
  /** Its permission rules; they run after core's, scoped by the caller's subtree. */
  rules?: RuleContributor;
  /** Its error codes (zh-CN and en), thrown as `new ProblemException(code, params)`. */
  errors?: Record<string, ErrorDefinition>;
  /** Messages for its own field constraints (`ProblemException.invalidField(field, code)`). */
  fieldMessages?: Record<string, Label>;
  /** Names of its other records in messages (records that are not CASL subjects). */
  labels?: Record<string, Label>;
  /** Entities whose every write lands in the owning tenant's audit log, and how to find that tenant. */
  audited?: Record<string, TenantOf>;
  /** BullMQ queues it owns (core registers them; the module provides their processors). */
  queues?: string[];
  /** Domain events it consumes, each delivered on one of its queues. */
  consumes?: { queue: string; events: string[] }[];
  /**
   * Handlers run synchronously inside the producer's transaction when it publishes the event with
   * `DomainEvents.publishInTransaction` (the change and what the handler writes commit together).
   */
  inTransaction?: { [T in DomainEventType]?: InTransactionHandler<T> };
}

const REGISTERED = new Set<string>();

/** Registers a module with core. Registering the same name again is a no-op (a module file may be loaded twice by tooling). */
export function registerModule(def: ModuleDefinition): void {
  if (REGISTERED.has(def.name)) return;
  REGISTERED.add(def.name);
  registerMessages(def.name, { errors: def.errors, fieldMessages: def.fieldMessages, entityLabels: { ...def.subjects, ...def.labels } });
  if (def.rules || def.subjects) {
    registerPermissions(def.name, { subjects: Object.keys(def.subjects ?? {}), actions: def.actions, rules: def.rules ?? (() => {}) });
  }
  for (const [entity, tenantOf] of Object.entries(def.audited ?? {})) registerAudited(entity, tenantOf);
  registerQueues(def.name, def.queues ?? []);
  for (const c of def.consumes ?? []) registerEventConsumer(def.name, c);
  for (const [type, handler] of Object.entries(def.inTransaction ?? {})) {
    if (handler) registerInTransactionHandler(def.name, type, handler as InTransactionHandler);
  }
}

export function registeredModules(): string[] {
  return [...REGISTERED];
}

/** The usual audit owner: the record's own `tenantId`. */
export const ownTenant: TenantOf = (row) => row.tenantId;

export type { AuditAction, TenantOf };
export * from './iam/ability.factory.js';
export * from './iam/principal.js';
export * from './iam/roles.js';
export * from './http/messages.js';
export * from './jobs/queues.js';
export * from './time/china-time.js';
export * from './files/decode-text.js';
export * from './time/working-days.js';
export type { FactSourceFacts, FoundingFacts, OrganizationFacts, StatusSourceFacts } from './organizations/organization-facts.js';
