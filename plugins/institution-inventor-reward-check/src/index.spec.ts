import { describe, expect, it } from '@jest/globals';
import { sampleContext, sampleContract, sampleSme } from '@techmarket/plugin-api/testing';
import plugin from './index.js';

const run = (over: Parameters<typeof sampleContract>[0]) =>
  plugin.evaluate(
    { type: 'contract.registered', occurredOn: '2026-03-20', tenantCode: '220104', contract: sampleContract(over) },
    { minSharePercent: 70 },
    sampleContext('220000', 'province'),
  );

describe('institution-inventor-reward-check', () => {
  it('passes 70% exactly and flags 69.99%', () => {
    expect(run({ netIncomeFen: 1_000_000_00, inventorRewardFen: 700_000_00 })[0]).toMatchObject({ eligible: true });
    const low = run({ netIncomeFen: 1_000_000_00, inventorRewardFen: 699_900_00 })[0];
    expect(low.eligible).toBe(false);
    expect(low.effects!.flag!.code).toBe('inventor_reward_below_threshold');
    expect(low.reasons[0].text).toBe('净收入 1,000,000 元，奖励完成人 699,900 元，占 69.99%，低于 70%');
  });

  it('flags a distribution that was not reported, and ignores sellers that are not institutions', () => {
    expect(run({})[0].effects!.flag!.code).toBe('inventor_reward_unreported');
    expect(run({ seller: sampleSme })).toEqual([]);
  });
});
