import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Narrows a query to records whose tenant (joined as `tenantAlias`) lies in the subtree of
 * `code`. A user filter only: it never widens what AccessService.scope() allows.
 */
export function whereInSubtree<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  tenantAlias: string,
  code: string,
): SelectQueryBuilder<T> {
  return qb.andWhere(`${tenantAlias}.path <@ (SELECT f.path FROM tenant f WHERE f.code = :subtreeCode)`, { subtreeCode: code });
}
