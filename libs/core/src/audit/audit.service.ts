import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../http/pagination.js';
import { AccessService } from '../iam/access.service.js';
import { whereInSubtree } from '../tenancy/subtree-filter.js';
import { AuditLogEntry } from './audit-log.entity.js';
import type { AuditLogView, ListAuditLogQuery } from './audit.dto.js';

/** Reads the audit log of the caller's subtree, newest first. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async list(q: ListAuditLogQuery): Promise<Page<AuditLogView>> {
    const limit = q.limit ?? 50;
    const qb = this.entries.createQueryBuilder('a').innerJoinAndSelect('a.tenant', 't');
    this.access.scope(qb, 'read', 'AuditLogEntry');
    if (q.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: q.entityType });
    if (q.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.tenantCode) whereInSubtree(qb, 't', q.tenantCode);
    if (q.cursor) qb.andWhere('a.id < :before', { before: decodeCursor(q.cursor, 1)[0] });
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(
      rows.map((a) => ({
        id: a.id,
        tenantCode: a.tenant!.code,
        actorUserId: a.actorUserId,
        action: a.action,
        entityType: a.entityType,
        entityId: a.entityId,
        changes: a.changes,
        requestId: a.requestId,
        createdAt: a.createdAt.toISOString(),
      })),
      limit,
      (a) => [a.id],
    );
  }
}
