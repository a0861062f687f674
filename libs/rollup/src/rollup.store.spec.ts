import { describe, expect, it } from '@jest/globals';
import { type AggregateDelta, SUMMARY_DIMENSIONS, summaryDeltas } from './rollup.store.js';

const delta = (over: Partial<AggregateDelta>): AggregateDelta => ({
  tenant_id: 't1',
  side: 'registered',
  month: '2025-03-01',
  contract_type: 'development',
  field: 'unknown',
  buyer_category: 'sme',
  seller_category: 'enterprise',
  flow: 'same_city',
  with_patents: false,
  child_code: '220100',
  contracts: 1,
  amount_fen: 100,
  tech_transaction_fen: 80,
  received_fen: 10,
  patents: 0,
  ...over,
});

describe('rollup_summary deltas: the marginal sums of aggregate deltas', () => {
  it('counts each aggregate delta once per dimension and sums deltas that share a key', () => {
    const out = summaryDeltas([delta({}), delta({ field: 'ai', amount_fen: 50 })]);
    expect(out).toHaveLength(SUMMARY_DIMENSIONS.length + 1);
    const type = out.find((s) => s.dimension === 'contract_type')!;
    expect([type.key, type.contracts, type.amount_fen, type.tech_transaction_fen]).toEqual(['development', 2, 150, 160]);
    expect(out.filter((s) => s.dimension === 'field').map((s) => [s.key, s.contracts, s.amount_fen])).toEqual([
      ['ai', 1, 50],
      ['unknown', 1, 100],
    ]);
    expect(out.find((s) => s.dimension === 'child_code')?.key).toBe('220100');
  });

  it('drops marginal sums that cancel (a replaced contribution in the same key) and sorts by key', () => {
    const old = delta({ contracts: -1, amount_fen: -100, tech_transaction_fen: -80, received_fen: -10 });
    const next = delta({ received_fen: 30, flow: 'province' });
    const out = summaryDeltas([old, next]);
    // Only the flow moved (same_city −1, province +1); every other dimension keeps its key and gains 20 received.
    expect(out.filter((s) => s.dimension === 'flow').map((s) => [s.key, s.contracts])).toEqual([
      ['province', 1],
      ['same_city', -1],
    ]);
    expect(out.filter((s) => s.dimension !== 'flow').every((s) => s.contracts === 0 && s.received_fen === 20)).toBe(true);
    const keys = out.map((s) => [s.tenant_id, s.side, s.month, s.dimension, s.key].join('\u0001'));
    expect(keys).toEqual([...keys].sort());
    expect(summaryDeltas([old, delta({})])).toEqual([]);
  });
});
