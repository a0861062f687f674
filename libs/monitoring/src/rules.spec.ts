import { describe, expect, it } from '@jest/globals';
import type { MonitoredContract, MonitoredParty } from '@techmarket/contracts';
import type { MonitoredApplication } from '@techmarket/policy';
import {
  addMonths,
  bulkTransfer,
  defaultParams,
  flags,
  invalidParam,
  type ParamsFor,
  paymentSchedule,
  relatedParties,
  roundTrip,
  tokenPrice,
} from './rules.js';

const TODAY = '2026-06-30';
let phones = 0;
const party = (orgId: string, more: Partial<MonitoredParty> = {}): MonitoredParty => ({
  orgId,
  name: `单位${orgId}`,
  tenantId: 't-county',
  contactName: `联系人${orgId}`,
  contactPhone: `1370000${String(++phones).padStart(4, '0')}`,
  registeredAt: '2020-01-01T00:00:00.000Z',
  ...more,
});
let serial = 0;
const contract = (more: Partial<MonitoredContract> = {}): MonitoredContract => {
  const id = `c${++serial}`;
  return {
    id,
    rootId: id,
    registrationNumber: `26220122${String(serial).padStart(6, '0')}`,
    tenantId: 't-county',
    contractType: 'transfer',
    amountFen: 50_000_000,
    signedOn: '2026-01-10',
    registeredOn: '2026-01-20',
    seller: party('A'),
    buyer: party('BB', { contactPhone: '13900000000', contactName: '王五' }),
    patentIds: ['p1'],
    paymentSchedule: [],
    payments: [],
    ...more,
  };
};
const defaults: ParamsFor = () => defaultParams();

describe('monitoring rules (异常专利转让、许可数据监测)', () => {
  it('(1) fires on a patent transfer or licence at zero or below the token price, and not on a fair price, a non-patent deal or a service contract', () => {
    const hits = tokenPrice(
      [
        contract({ amountFen: 0 }),
        contract({ amountFen: 99_999, contractType: 'licence' }),
        contract({ amountFen: 100_000 }),
        contract({ amountFen: 0, patentIds: [] }),
        contract({ amountFen: 0, contractType: 'service' }),
      ],
      defaults,
    );
    expect(hits.map((h) => [h.subject.contractId, h.score])).toEqual([
      [`c${serial - 4}`, 80],
      [`c${serial - 3}`, 60],
    ]);
    expect(hits[0].reasons.join('；')).toMatch(/成交额 0 元，低于象征性价格门槛 1,000 元；成交额为零/);
    // A tier's own threshold: 10 yuan makes 999.99 yuan fair.
    const tier: ParamsFor = () => ({ ...defaultParams(), token_price: { enabled: true, thresholdFen: 1_000, weight: 60 } });
    expect(tokenPrice([contract({ amountFen: 99_999 })], tier)).toEqual([]);
  });

  it('(2) fires when the same patent goes A→B and back B→A within N months, not after N months or to a third party', () => {
    const ab = contract({ registeredOn: '2026-01-20' });
    const ba = contract({ registeredOn: '2026-05-20', seller: ab.buyer, buyer: ab.seller });
    const late = contract({ registeredOn: '2027-02-21', seller: ab.buyer, buyer: ab.seller });
    const third = contract({ registeredOn: '2026-03-01', seller: ab.buyer, buyer: party('C') });
    const other = contract({ registeredOn: '2026-03-01', seller: ab.buyer, buyer: ab.seller, patentIds: ['p2'] });
    const hits = roundTrip([ab, ba, third, other], defaults);
    expect(hits.map((h) => h.subject.contractIds)).toEqual([[ab.id, ba.id]]);
    expect(hits[0].reasons[1]).toMatch(/同一专利转回，间隔约 4 个月，门槛 12 个月/);
    expect(roundTrip([ab, late, third], defaults)).toEqual([]);
  });

  it('(3) fires on a seller far above its trailing 12-month average, not on a steady one or below the minimum count', () => {
    const burst = Array.from({ length: 10 }, (_, i) => contract({ registeredOn: `2026-06-${String(10 + i).padStart(2, '0')}` }));
    const hits = bulkTransfer(burst, defaults, TODAY);
    expect(hits.map((h) => h.subject.orgId)).toEqual(['A']);
    expect(hits[0].reasons[1]).toMatch(/此前 12 个月没有同类合同/);
    // 12 a month for a year, then 12: steady.
    const steady = Array.from({ length: 13 * 12 }, (_, i) =>
      contract({ registeredOn: addMonths('2025-06-15', Math.floor(i / 12)), seller: party('S') }),
    );
    expect(bulkTransfer(steady, defaults, TODAY)).toEqual([]);
    expect(bulkTransfer(burst.slice(0, 9), defaults, TODAY)).toEqual([]);
    // With history: 12 in the year before (1 a month), 10 now: 10 > 5 × 1.
    const history = Array.from({ length: 12 }, (_, i) => contract({ registeredOn: addMonths('2025-06-10', i) }));
    expect(bulkTransfer([...history, ...burst], defaults, TODAY)[0].reasons[1]).toMatch(/月均 1.00 件，为其 10.0 倍，超过 5 倍门槛/);
  });

  it('(4) fires on a subsidy applied for on a contract between parties sharing a phone or a contact, registered shortly before', () => {
    const related = contract({ buyer: party('B2', { contactPhone: '+86 138-0000-0002', contactName: '李四' }) });
    related.seller = party('A1', { contactPhone: '13800000002' });
    const sameName = contract({ buyer: party('B3', { contactName: '联系人A1' }) });
    sameName.seller = party('A1');
    const clean = contract();
    const app = (c: MonitoredContract, filedOn: string): MonitoredApplication => ({
      applicationId: `a-${c.id}`,
      tenantId: 't-city',
      applicantOrgId: c.buyer.orgId,
      amountFen: 1_500_000,
      filedOn,
      eventType: 'contract.registered',
      eventKey: c.rootId,
      pluginId: 'changchun-sme-patent-subsidy',
    });
    const hits = relatedParties(
      [related, sameName, clean],
      [app(related, '2026-02-01'), app(sameName, '2026-03-01'), app(clean, '2026-02-01')],
      defaults,
    );
    expect(hits.map((h) => [h.subject.applicationId, h.reasons[0]])).toEqual([
      [`a-${related.id}`, '买卖双方联系电话相同（13800000002）'],
      [`a-${sameName.id}`, '买卖双方联系人（法定代表人）同为「联系人A1」'],
    ]);
    // Long after the registration (> 90 days): silent.
    expect(relatedParties([related], [app(related, '2026-06-01')], defaults)).toEqual([]);
  });

  it('(5) fires on money short of or beyond the payment schedule, not on a schedule kept or within the grace days', () => {
    const schedule = [
      { dueOn: '2026-02-01', amountFen: 20_000_000 },
      { dueOn: '2026-06-20', amountFen: 30_000_000 },
    ];
    const kept = contract({ paymentSchedule: schedule, payments: [{ receivedOn: '2026-02-01', amountFen: 20_000_000 }] });
    const short = contract({ paymentSchedule: schedule, payments: [{ receivedOn: '2026-02-01', amountFen: 5_000_000 }] });
    const early = contract({
      paymentSchedule: [{ dueOn: '2026-12-01', amountFen: 50_000_000 }],
      payments: [{ receivedOn: '2026-02-01', amountFen: 50_000_000 }],
    });
    const none = contract({ payments: [{ receivedOn: '2026-02-01', amountFen: 1 }] });
    const hits = paymentSchedule([kept, short, early, none], defaults, TODAY);
    expect(hits.map((h) => [h.subject.contractId, h.reasons[0]])).toEqual([
      [short.id, '按付款计划截至 2026-05-31（宽限 30 天）应到账 200,000 元，已确认到账 50,000 元，短缺 150,000 元'],
      [early.id, '按付款计划截至 2026-06-30 应到账 0 元，已确认到账 500,000 元，超出计划 500,000 元'],
    ]);
  });

  it('carries the policy engine’s flags into the queue, unless the tier turned them off', () => {
    const flag = {
      decisionId: 'd1',
      tenantId: 't-province',
      pluginId: 'institution-inventor-reward-check',
      eventKey: 'c1',
      subjectOrgId: 'A',
      code: 'inventor_reward_below_threshold',
      text: '完成人奖励仅占净收入 20%',
      decidedAt: '2026-01-01T00:00:00Z',
    };
    expect(flags([flag], defaults).map((h) => h.reasons)).toEqual([
      ['政策插件 institution-inventor-reward-check 提示：完成人奖励仅占净收入 20%'],
    ]);
    const off: ParamsFor = () => ({ ...defaultParams(), policy_flag: { enabled: false, weight: 50 } });
    expect(flags([flag], off)).toEqual([]);
  });

  it('refuses parameters a rule does not have or out of range', () => {
    expect(invalidParam('token_price', { thresholdFen: 50_000 })).toBeNull();
    expect(invalidParam('token_price', { thresholdFen: -1 })).toBe('thresholdFen');
    expect(invalidParam('token_price', { months: 3 })).toBe('months');
    expect(invalidParam('round_trip', { months: 1.5 })).toBe('months');
    expect(invalidParam('bulk_transfer', { factor: 2.5 })).toBeNull();
  });
});
