import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { TechContract } from '../../libs/contracts/src/entities/index.js';
import { newestFirst } from '../../libs/core/src/http/pagination.js';
import { openDatabase } from '../support/medium.js';

/**
 * `newestFirst` (libs/core/src/http/pagination.ts), the keyset paging of contracts, decisions and
 * applications, on real rows created within one millisecond: the cursor carries a JavaScript Date
 * (milliseconds), the column has microseconds, and no row may be skipped or repeated.
 */
describe('newest-first keyset paging', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let all: Map<string, string>; // id → its millisecond

  beforeAll(async () => {
    ({ ds, close } = await openDatabase());
    // Eleven contracts: nine within one millisecond (microseconds apart, three of them at the very
    // same instant), one a millisecond earlier and one a millisecond later.
    const instants = [
      ...[0, 1, 2, 250, 250, 250, 500, 998, 999].map((us) => `2026-03-01T08:00:00.123${String(us).padStart(3, '0')}Z`),
      '2026-03-01T08:00:00.122500Z',
      '2026-03-01T08:00:00.124000Z',
    ];
    for (const at of instants) {
      await ds.query(
        `INSERT INTO tech_contract (tenant_id, title, contract_type, seller_org_id, buyer_org_id, amount_fen, tech_transaction_fen, signed_on, version, created_at)
         SELECT s.tenant_id, '分页测试合同', 'transfer', s.id, b.id, 100, 100, '2026-03-01', 1, $1
           FROM organization s, organization b WHERE s.name = '吉林大学' AND b.name = '农安县禾丰农业科技有限公司（演示）'`,
        [at],
      );
    }
    const rows: { id: string; ms: string }[] = await ds.query(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') AS ms FROM tech_contract`,
    );
    all = new Map(rows.map((r) => [r.id, r.ms]));
  });
  afterAll(async () => {
    await close();
  });

  it.each([1, 2, 3, 4, 11, 50])('pages by %i without skipping or repeating a row', async (limit) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await newestFirst(ds.getRepository(TechContract).createQueryBuilder('c'), { limit, cursor });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Every row exactly once, newest millisecond first, and the same order whatever the page size.
    expect(seen).toHaveLength(11);
    expect(new Set(seen)).toEqual(new Set(all.keys()));
    const ms = seen.map((id) => all.get(id)!);
    expect(ms).toEqual([...ms].sort().reverse());
    const onePage = await newestFirst(ds.getRepository(TechContract).createQueryBuilder('c'), { limit: 50 });
    expect(seen).toEqual(onePage.items.map((c) => c.id));
  });
});
