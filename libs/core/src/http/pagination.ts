import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from './problem.exception.js';

/** Keyset pagination (游标分页): stable under inserts, constant cost at any depth. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` with `arity` string values, or answers 400 naming `cursor`. */
export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string')) return values as string[];
  } catch {
    // fall through
  }
  throw ProblemException.invalidField('cursor', 'matches');
}

/** Fetches limit+1 rows to know whether another page exists. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(keyOf(items[items.length - 1])) : null };
}

/**
 * Newest first by `created_at`, with a keyset cursor. The key is truncated to milliseconds on
 * both sides, because the cursor carries a JavaScript Date: comparing it with microsecond
 * timestamps would skip or repeat rows created in the same millisecond.
 */
export async function newestFirst<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  qb: SelectQueryBuilder<T>,
  q: PageQuery,
  defaultLimit = 50,
): Promise<Page<T>> {
  const limit = q.limit ?? defaultLimit;
  const key = `date_trunc('milliseconds', ${qb.alias}.created_at)`;
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, 2);
    qb.andWhere(`(${key}, ${qb.alias}.id) < (:cursorAt::timestamptz, :cursorId::uuid)`, { cursorAt: at, cursorId: id });
  }
  const rows = await qb
    .orderBy(key, 'DESC')
    .addOrderBy(`${qb.alias}.id`, 'DESC')
    .limit(limit + 1)
    .getMany();
  return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
}
