import type { MongoQuery } from '@casl/ability';
import type { Action, AppAbility, SubjectName } from './ability.factory.js';

/** A SQL boolean expression with named parameters, ready for a TypeORM query builder. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** Maps an entity property named in a CASL condition to a qualified SQL column. */
export type ColumnResolver = (property: string) => string;

export class UnsupportedConditionError extends Error {}

/**
 * Turns the CASL rules for (action, subject) into one SQL condition, with the same
 * semantics as CASL's own rule evaluation: later (higher-priority) rules win, inverted
 * rules subtract, a rule without conditions allows all. It fails closed: no rule means
 * `FALSE`, and an operator it does not know throws instead of being ignored.
 */
export function accessCondition(
  ability: AppAbility,
  action: Action,
  subject: Exclude<SubjectName, 'all'>,
  column: ColumnResolver,
  paramPrefix = 'acl',
): SqlCondition {
  const params: Record<string, unknown> = {};
  let n = 0;
  const param = (value: unknown): string => {
    const name = `${paramPrefix}_${n++}`;
    params[name] = value;
    return `:${name}`;
  };

  const allowed: string[] = [];
  const denied: string[] = [];
  let allowAll = false;
  for (const rule of ability.rulesFor(action, subject)) {
    if (rule.fields) continue; // field-restricted rules do not grant row visibility on their own
    const cond = rule.conditions ? toSql(rule.conditions as MongoQuery, column, param) : null;
    if (rule.inverted) {
      if (!cond) break; // an unconditional "cannot" hides everything below it
      denied.push(`NOT (${cond})`);
    } else {
      if (!cond) {
        allowAll = true;
        break;
      }
      allowed.push(`(${cond})`);
    }
  }
  if (!allowAll && allowed.length === 0) return { sql: 'FALSE', params: {} };
  const parts = [allowAll ? 'TRUE' : `(${allowed.join(' OR ')})`, ...denied];
  return { sql: parts.join(' AND '), params };
}

function toSql(query: MongoQuery, column: ColumnResolver, param: (v: unknown) => string): string {
  const parts: string[] = [];
  for (const [field, expected] of Object.entries(query)) {
    const col = column(field);
    if (expected !== null && typeof expected === 'object' && !Array.isArray(expected) && !(expected instanceof Date)) {
      for (const [op, value] of Object.entries(expected as Record<string, unknown>)) {
        parts.push(operator(op, col, value, param));
      }
    } else {
      parts.push(operator('$eq', col, expected, param));
    }
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

function operator(op: string, col: string, value: unknown, param: (v: unknown) => string): string {
  switch (op) {
    case '$eq':
      return value === null ? `${col} IS NULL` : `${col} = ${param(value)}`;
    case '$ne':
      return value === null ? `${col} IS NOT NULL` : `${col} IS DISTINCT FROM ${param(value)}`;
    case '$in':
      assertArray(op, value);
      return value.length ? `${col} = ANY(${param(value)})` : 'FALSE';
    case '$nin':
      assertArray(op, value);
      return value.length ? `NOT (${col} = ANY(${param(value)}))` : 'TRUE';
    default:
      throw new UnsupportedConditionError(`CASL operator ${op} has no SQL translation`);
  }
}

function assertArray(op: string, value: unknown): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new UnsupportedConditionError(`${op} expects an array`);
}
