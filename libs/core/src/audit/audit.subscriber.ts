import { ClsServiceManager } from 'nestjs-cls';
import {
  type EntityManager,
  type EntityMetadata,
  type EntitySubscriberInterface,
  EventSubscriber,
  type InsertEvent,
  type ObjectLiteral,
  type RemoveEvent,
  type UpdateEvent,
} from 'typeorm';
import type { RequestContextStore } from '../context/request-context.js';
import { type AuditAction, AuditLogEntry } from './audit-log.entity.js';
import { auditedTenantOf } from './audited-entities.js';

/** Bookkeeping and bulk payloads (search documents, uploaded files) that are not content worth logging. */
const SKIPPED = new Set(['createdAt', 'updatedAt', 'version', 'searchDoc', 'content']);
/** Columns whose values never enter the log. */
const REDACTED = new Set(['passwordHash']);

/**
 * Writes the audit log (审计日志) for every insert, update and delete of an audited entity,
 * inside the same transaction as the write: either both are stored or neither. Because it
 * hooks TypeORM itself, no service can forget to audit. Writes must go through
 * `save`/`remove` (not query-builder `update`) so the changed columns are known.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface {
  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    const changes: AuditLogEntry['changes'] = {};
    for (const col of event.metadata.columns) {
      if (SKIPPED.has(col.propertyName)) continue;
      changes[col.propertyName] = { from: null, to: value(col.propertyName, col.getEntityValue(event.entity)) };
    }
    await this.write(event, 'create', event.entity, changes);
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    if (!event.entity) return;
    const before = event.databaseEntity ?? {};
    const changes: AuditLogEntry['changes'] = {};
    for (const col of event.updatedColumns) {
      if (SKIPPED.has(col.propertyName)) continue;
      changes[col.propertyName] = {
        from: value(col.propertyName, col.getEntityValue(before)),
        to: value(col.propertyName, col.getEntityValue(event.entity)),
      };
    }
    if (Object.keys(changes).length === 0) return;
    await this.write(event, 'update', { ...before, ...event.entity }, changes);
  }

  async beforeRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const row = event.databaseEntity ?? event.entity;
    if (!row) return;
    await this.write(event, 'delete', row, {});
  }

  private async write(
    event: { metadata: EntityMetadata; manager: InsertEvent<ObjectLiteral>['manager'] },
    action: AuditAction,
    row: ObjectLiteral,
    changes: AuditLogEntry['changes'],
  ): Promise<void> {
    const tenantOf = auditedTenantOf(event.metadata.name);
    if (!tenantOf) return;
    const tenantId = tenantOf(row, action);
    const entityId = event.metadata.getEntityIdMixedMap(row);
    if (!tenantId || entityId === undefined) return;
    await writeAuditEntry(event.manager, {
      tenantId,
      action,
      entityType: event.metadata.name,
      entityId: String(typeof entityId === 'object' ? Object.values(entityId as object)[0] : entityId),
      changes,
    });
  }
}

/**
 * Writes one audit log entry in the caller's transaction, with the request's actor and id. The
 * subscriber uses it for entity writes; a module uses it for the few writes it makes in SQL
 * (atomic counters, link tables), so those land in the same log.
 */
export async function writeAuditEntry(
  manager: EntityManager,
  entry: { tenantId: string; action: AuditAction; entityType: string; entityId: string; changes: AuditLogEntry['changes'] },
): Promise<void> {
  const cls = ClsServiceManager.getClsService<RequestContextStore>();
  const ctx = cls.isActive() ? { principal: cls.get('principal'), requestId: cls.get('requestId') } : {};
  const row: Partial<AuditLogEntry> = {
    ...entry,
    actorUserId: ctx.principal?.userId ?? null,
    actorTenantId: ctx.principal?.tenantId ?? null,
    requestId: ctx.requestId ?? null,
  };
  await manager.getRepository(AuditLogEntry).insert(row as never);
}

function value(property: string, v: unknown): unknown {
  if (REDACTED.has(property)) return '[redacted]';
  return v === undefined ? null : v;
}
