import type { ValueTransformer } from 'typeorm';

/**
 * `bigint` money columns (integer fen, docs/decisions/0007) come back from pg as strings;
 * they are numbers in the API. Safe: 2^53 fen is 90 trillion yuan.
 */
export const FEN: ValueTransformer = {
  to: (v: unknown) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
