import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { describe, expect, it } from '@jest/globals';
import type { AppAbility } from './ability.factory.js';
import { accessCondition, UnsupportedConditionError } from './access-sql.js';

const column = (p: string) => `"t"."${p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`;

function ability(define: (b: AbilityBuilder<AppAbility>) => void): AppAbility {
  const b = new AbilityBuilder<AppAbility>(createMongoAbility);
  define(b);
  return b.build();
}

describe('accessCondition (CASL rules → SQL)', () => {
  it('fails closed: no rule gives FALSE', () => {
    expect(
      accessCondition(
        ability(() => undefined),
        'read',
        'Organization',
        column,
      ),
    ).toEqual({ sql: 'FALSE', params: {} });
  });

  it('ORs the allowing rules and binds arrays as one parameter', () => {
    const a = ability(({ can }) => {
      can('read', 'Organization', { tenantId: { $in: ['a', 'b'] } });
      can('read', 'Organization', { id: 'mine' });
    });
    const { sql, params } = accessCondition(a, 'read', 'Organization', column);
    expect(sql).toBe('(("t"."id" = :acl_0) OR ("t"."tenant_id" = ANY(:acl_1)))');
    expect(params).toEqual({ acl_0: 'mine', acl_1: ['a', 'b'] });
  });

  it('subtracts inverted rules and treats an unconditional rule as all rows', () => {
    const a = ability(({ can, cannot }) => {
      can('delete', 'Tenant');
      cannot('delete', 'Tenant', { kind: 'administrative' });
    });
    expect(accessCondition(a, 'delete', 'Tenant', column).sql).toBe('TRUE AND NOT ("t"."kind" = :acl_0)');
  });

  it('an empty $in matches nothing', () => {
    const a = ability(({ can }) => can('read', 'Tenant', { id: { $in: [] } }));
    expect(accessCondition(a, 'read', 'Tenant', column).sql).toBe('((FALSE))');
  });

  it('refuses operators it cannot translate instead of ignoring them', () => {
    const a = ability(({ can }) => can('read', 'Tenant', { name: { $regex: '^长' } } as never));
    expect(() => accessCondition(a, 'read', 'Tenant', column)).toThrow(UnsupportedConditionError);
  });

  it('ignores field-restricted rules for row visibility', () => {
    const a = ability(({ can }) => can('update', 'Organization', ['name'], { id: 'x' }));
    expect(accessCondition(a, 'update', 'Organization', column).sql).toBe('FALSE');
  });
});
