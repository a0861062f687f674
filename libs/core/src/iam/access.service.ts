import { Inject, Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { ClsService } from 'nestjs-cls';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContextStore } from '../context/request-context.js';
import { ProblemException } from '../http/problem.exception.js';
import type { Action, AppAbility, SubjectName } from './ability.factory.js';
import { accessCondition } from './access-sql.js';
import type { Principal } from './principal.js';

type Subject = Exclude<SubjectName, 'all'>;

/**
 * Applies the caller's CASL ability to data: as a WHERE clause on list queries, and as a
 * check on single records. Services use this instead of writing tenant filters by hand.
 */
@Injectable()
export class AccessService {
  constructor(@Inject(ClsService) private readonly cls: ClsService<RequestContextStore>) {}

  principal(): Principal {
    const p = this.cls.get('principal');
    if (!p) throw new ProblemException('UNAUTHENTICATED');
    return p;
  }

  ability(): AppAbility {
    const a = this.cls.get('ability');
    if (!a) throw new ProblemException('UNAUTHENTICATED');
    return a;
  }

  /** Restricts a query to the rows the caller may `action`; the columns come from the entity metadata. */
  scope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, action: Action, subject: Subject): SelectQueryBuilder<T> {
    const alias = qb.alias;
    const metadata = qb.expressionMap.mainAlias!.metadata;
    const { sql, params } = accessCondition(this.ability(), action, subject, (property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${subject} has no property ${property} used by a permission rule`);
      return `"${alias}"."${column.databaseName}"`;
    });
    return qb.andWhere(`(${sql})`, params);
  }

  can(action: Action, subject: Subject, record: object, field?: string): boolean {
    return this.ability().can(action, asSubject(subject, { ...record }) as never, field);
  }

  /** 403 unless the caller may `action` this record (and, if given, each field). */
  assert(action: Action, subject: Subject, record: object, fields: string[] = []): void {
    const ok = fields.length ? fields.every((f) => this.can(action, subject, record, f)) : this.can(action, subject, record);
    if (!ok) throw ProblemException.forbidden();
  }
}
