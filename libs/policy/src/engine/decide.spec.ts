import { describe, expect, it } from '@jest/globals';
import { definePolicyPlugin, type PolicyEvent, type PolicyPlugin } from '@techmarket/plugin-api';
import { sampleContract } from '@techmarket/plugin-api/testing';
import { concerns, decide, paramsInForce } from './decide.js';
import type { EngineEvent, InstallationWithVersions, ParameterVersion } from './types.js';

/** A plugin paying `ratePercent` of the contract amount to the buyer, capped; optionally in an exclusive group. */
const payer = (id: string, group?: string) =>
  definePolicyPlugin({
    id,
    version: '1.0.0',
    name: { zh: id, en: id },
    description: '',
    tiers: ['province', 'city', 'county'],
    legalBasis: [],
    params: {
      ratePercent: { type: 'percent', label: '比例', default: 1, min: 0, max: 10 },
      capFen: { type: 'money', label: '上限', default: 100_00, min: 0 },
    },
    events: ['contract.registered'],
    governingDate: 'registered',
    exclusiveGroup: group,
    evaluate(event, params) {
      if (event.type !== 'contract.registered' && event.type !== 'payment.received') return [];
      const amountFen = Math.min(Math.round((event.contract.amountFen * params.ratePercent) / 100), params.capFen);
      return [
        {
          subjectOrgId: event.contract.buyer.id,
          eligible: true,
          amountFen,
          reasons: [{ ok: true, text: `${params.ratePercent}%` }],
          figures: {},
        },
      ];
    },
  }) as unknown as PolicyPlugin;

const version = (v: number, validFrom: string, values: Record<string, unknown>): ParameterVersion => ({
  id: `v${v}`,
  version: v,
  values,
  validFrom,
  validTo: null,
  source: { document: '测试文件' },
});

const installation = (id: string, pluginId: string, path: string[], versions: ParameterVersion[]): InstallationWithVersions => ({
  id,
  pluginId,
  tenantId: `t-${path.at(-1)}`,
  tenantCode: path.at(-1)!,
  tier: path.length === 1 ? 'province' : path.length === 2 ? 'city' : 'county',
  path,
  versions,
});

/** A registered contract of 1,000,000 yuan, buyer in 220122 (Nong'an, Changchun), seller in 220104. */
function contractEvent(occurredOn = '2026-03-20'): EngineEvent {
  const event: PolicyEvent = {
    type: 'contract.registered',
    occurredOn,
    tenantCode: '220100',
    contract: sampleContract({ amountFen: 1_000_000_00, registeredOn: occurredOn }),
  };
  return {
    eventId: 'e1',
    event,
    key: 'c1',
    scope: {
      kind: 'parties',
      paths: [
        ['220000', '220100', '220104'],
        ['220000', '220100', '220122'],
      ],
    },
    orgs: {
      'org-sme': { name: '长春禹衡光学有限公司', tenantId: 't-220122', tenantCode: '220122', tenantPath: ['220000', '220100', '220122'] },
    },
    reference: { type: 'contract.registered', contractId: 'c1' },
  };
}

const plugins = new Map<string, PolicyPlugin>([
  ['a', payer('a')],
  ['g1', payer('g1', 'g')],
  ['g2', payer('g2', 'g')],
]);
const pluginOf = (id: string) => plugins.get(id);

describe('paramsInForce: the version valid on the event date', () => {
  const versions = [version(1, '2025-01-01', {}), version(2, '2026-01-01', {}), version(3, '2026-07-01', {}), version(4, '2026-01-01', {})];

  it.each([
    ['2024-12-31', null],
    ['2025-01-01', 1],
    ['2025-12-31', 1],
    ['2026-01-01', 4], // two versions from the same day: the later version wins
    ['2026-06-30', 4],
    ['2026-07-01', 3],
    ['2030-01-01', 3],
  ])('on %s → version %s', (date, expected) => {
    expect(paramsInForce(versions, date)?.version ?? null).toBe(expected);
  });
});

describe('decide', () => {
  it('evaluates each concerned installation with the parameters in force on the event date', () => {
    const inst = installation(
      'i1',
      'a',
      ['220000', '220100'],
      [
        version(1, '2026-01-01', { ratePercent: 2, capFen: 1_000_000_00 }),
        version(2, '2026-04-01', { ratePercent: 5, capFen: 1_000_000_00 }),
      ],
    );
    const [march] = decide(contractEvent('2026-03-20'), [inst], pluginOf);
    const [april] = decide(contractEvent('2026-04-02'), [inst], pluginOf);
    expect([march.parameters!.version, march.decision.amountFen]).toEqual([1, 20_000_00]);
    expect([april.parameters!.version, april.decision.amountFen]).toEqual([2, 50_000_00]);
  });

  it('says when no version was in force, and refuses stored values the plugin no longer accepts', () => {
    const early = installation('i1', 'a', ['220000'], [version(1, '2027-01-01', {})]);
    const stale = installation('i2', 'a', ['220000', '220100'], [version(1, '2026-01-01', { ratePercent: 50, retired: true })]);
    const [none, invalid] = decide(contractEvent(), [early, stale], pluginOf);
    expect(none).toMatchObject({
      parameters: null,
      decision: { eligible: false, amountFen: 0, reasons: [{ ok: false, text: '合同登记日 2026-03-20 没有生效的参数版本' }] },
    });
    expect(invalid.decision).toMatchObject({ eligible: false, amountFen: 0 });
    expect(invalid.decision.reasons[0].text).toBe('参数版本 v1 不符合插件 a@1.0.0 的参数定义：不是该插件的参数；比例：不能大于 10');
  });

  it('concerns only installations on a party’s tenant path (not a sibling city’s), or of the closing tenant, or everywhere', () => {
    const on = (path: string[]) => installation(`i-${path.join('.')}`, 'a', path, [version(1, '2026-01-01', {})]);
    const e = contractEvent();
    expect(
      [['220000'], ['220000', '220100'], ['220000', '220100', '220122'], ['220000', '220200'], ['220000', '220100', '220102']].map((p) =>
        concerns(e, on(p)),
      ),
    ).toEqual([true, true, true, false, false]);
    expect(concerns({ ...e, scope: { kind: 'tenant', tenantId: 't-220100' } }, on(['220000', '220100']))).toBe(true);
    expect(concerns({ ...e, scope: { kind: 'tenant', tenantId: 't-220100' } }, on(['220000']))).toBe(false);
    expect(concerns({ ...e, scope: { kind: 'everywhere' } }, on(['220000', '220200']))).toBe(true);
  });

  it('skips plugins that do not react to the event or are not loaded', () => {
    const unknown = installation('i1', 'gone', ['220000'], [version(1, '2026-01-01', {})]);
    expect(
      decide(
        { ...contractEvent(), event: { ...contractEvent().event, type: 'payment.received' } as PolicyEvent },
        [installation('i2', 'a', ['220000'], [version(1, '2026-01-01', {})])],
        pluginOf,
      ),
    ).toEqual([]);
    expect(decide(contractEvent(), [unknown], pluginOf)).toEqual([]);
  });

  it('applies exclusive groups across tiers: the larger amount pays', () => {
    const city = installation('city', 'g1', ['220000', '220100'], [version(1, '2026-01-01', { ratePercent: 3, capFen: 1_000_000_00 })]);
    const county = installation(
      'county',
      'g2',
      ['220000', '220100', '220122'],
      [version(1, '2026-01-01', { ratePercent: 2, capFen: 1_000_000_00 })],
    );
    const out = decide(contractEvent(), [county, city], pluginOf);
    expect(out.map((x) => [x.installation.id, x.decision.eligible, x.decision.amountFen])).toEqual([
      ['county', false, 0],
      ['city', true, 30_000_00],
    ]);
  });

  it('simulates proposed values for one installation only, leaving the others on their versions in force', () => {
    const a = installation('a1', 'a', ['220000'], [version(1, '2026-01-01', { ratePercent: 1, capFen: 1_000_000_00 })]);
    const b = installation('a2', 'a', ['220000', '220100'], [version(1, '2026-01-01', { ratePercent: 1, capFen: 1_000_000_00 })]);
    const out = decide(contractEvent(), [a, b], pluginOf, { installationId: 'a2', values: { ratePercent: 4, capFen: 1_000_000_00 } });
    expect(out.map((x) => x.decision.amountFen)).toEqual([10_000_00, 40_000_00]);
    expect(b.versions[0].values).toEqual({ ratePercent: 1, capFen: 1_000_000_00 }); // the baseline is never mutated
  });

  it('pays no one outside the installing tenant’s subtree (辖区), unless the plugin declares it looks wider', () => {
    // 吉林大学 (Changchun) sells to an SME in 昌邑区 (Jilin City): Changchun's policy is concerned through the seller.
    const e: EngineEvent = {
      ...contractEvent(),
      scope: {
        kind: 'parties',
        paths: [
          ['220000', '220100', '220104'],
          ['220000', '220200', '220202'],
        ],
      },
      orgs: {
        'org-sme': { name: '吉林市某中小企业', tenantId: 't-220202', tenantCode: '220202', tenantPath: ['220000', '220200', '220202'] },
      },
    };
    const changchun = installation('cc', 'a', ['220000', '220100'], [version(1, '2026-01-01', { ratePercent: 3, capFen: 1_000_000_00 })]);
    const province = installation('jl', 'a', ['220000'], [version(1, '2026-01-01', { ratePercent: 1, capFen: 1_000_000_00 })]);
    const [cc, jl] = decide(e, [changchun, province], pluginOf);
    expect(cc.decision).toMatchObject({
      eligible: false,
      amountFen: 0,
      figures: { subjectTenantCode: '220202', installationTenantCode: '220100' },
    });
    expect(cc.decision.reasons.at(-1)!.text).toBe('“吉林市某中小企业”所在地（220202）不在本级政策（220100）的辖区内，本级政策不予支付');
    expect(jl.decision).toMatchObject({ eligible: true, amountFen: 10_000_00 });
    const wide = new Map(plugins).set('a', { ...payer('a'), territory: 'anywhere' } as PolicyPlugin);
    expect(decide(e, [changchun], (id) => wide.get(id))[0].decision).toMatchObject({ eligible: true, amountFen: 30_000_00 });
  });

  it('picks the parameters by the date the plugin declares: signing, registration or money received', () => {
    // 2025's rate was 1 %, 2026's is 3 %. The contract was signed in 2025, registered and paid in 2026.
    const versions = [
      version(1, '2025-01-01', { ratePercent: 1, capFen: 1_000_000_00 }),
      version(2, '2026-01-01', { ratePercent: 3, capFen: 1_000_000_00 }),
    ];
    const base = contractEvent('2026-03-20');
    if (base.event.type !== 'contract.registered') throw new Error('type');
    const signed2025 = {
      ...base,
      event: { ...base.event, contract: { ...base.event.contract, signedOn: '2025-11-30', registeredOn: '2026-03-20' } },
    };
    const byBasis = (basis: 'signed' | 'registered' | 'received', e: EngineEvent) => {
      const p = { ...payer('a'), governingDate: basis, events: ['contract.registered', 'payment.received'] } as PolicyPlugin;
      const [x] = decide(e, [installation('i', 'a', ['220000'], versions)], () => p);
      return [x.governing, x.parameters!.version, x.decision.amountFen, x.decision.reasons[0].text];
    };
    expect(byBasis('signed', signed2025)).toEqual([
      { date: '2025-11-30', basis: 'signed' },
      1,
      10_000_00,
      '适用参数版本 v1（2025-01-01 起，依据 测试文件）；适用日期：合同签订日 2025-11-30',
    ]);
    expect(byBasis('registered', signed2025).slice(0, 3)).toEqual([{ date: '2026-03-20', basis: 'registered' }, 2, 30_000_00]);
    const paid = { ...signed2025, event: { ...signed2025.event, type: 'payment.received', occurredOn: '2026-05-06' } } as EngineEvent;
    expect(byBasis('received', paid).slice(0, 2)).toEqual([{ date: '2026-05-06', basis: 'received' }, 2]);
  });

  it('a version that ended (validTo) is not in force after its last day, and no older one takes its place', () => {
    const plan = [version(1, '2020-01-01', {}), { ...version(2, '2021-01-01', {}), validTo: '2023-12-31' }];
    expect(paramsInForce(plan, '2023-12-31')?.version).toBe(2);
    expect(paramsInForce(plan, '2024-01-01')).toBeNull();
    expect(paramsInForce(plan, '2020-06-01')?.version).toBe(1);
    const [x] = decide(contractEvent('2024-03-01'), [installation('i', 'a', ['220000'], plan)], pluginOf);
    expect(x.decision.reasons).toEqual([{ ok: false, text: '合同登记日 2024-03-01 没有生效的参数版本' }]);
  });

  it('caps per subject: what one firm got this year for other contracts counts, and a once-only subsidy pays once', () => {
    const capped = { ...payer('a'), subjectCaps: { perYearParam: 'capFen' } } as PolicyPlugin;
    const once = { ...payer('a'), subjectCaps: { once: true } } as PolicyPlugin;
    const inst = installation('i', 'a', ['220000'], [version(1, '2026-01-01', { ratePercent: 10, capFen: 150_000_00 })]);
    const priors = (byYear: Record<number, number>, paying: number) => ({ get: () => ({ byYear, paying }) });
    const run = (p: PolicyPlugin, pr?: ReturnType<typeof priors>) => decide(contractEvent(), [inst], () => p, undefined, pr)[0].decision;
    // 10 % of 1,000,000 = 100,000; the firm already got 80,000 in 2026 under the 150,000 yearly cap.
    expect(run(capped, priors({ 2026: 80_000_00 }, 1))).toMatchObject({ eligible: true, amountFen: 70_000_00 });
    expect(run(capped, priors({ 2026: 80_000_00 }, 1)).reasons.at(-1)!.text).toBe(
      '2026 年已获本项补助 80,000 元，每户每年上限 150,000 元，本次按余额补助 70,000 元',
    );
    expect(run(capped, priors({ 2026: 150_000_00 }, 2))).toMatchObject({ eligible: false, amountFen: 0 });
    expect(run(capped, priors({ 2025: 150_000_00 }, 1))).toMatchObject({ eligible: true, amountFen: 100_000_00 }); // last year's does not count
    expect(run(capped)).toMatchObject({ eligible: true, amountFen: 100_000_00 });
    expect(run(once, priors({ 2024: 1 }, 1))).toMatchObject({ eligible: false, amountFen: 0, figures: { subjectCap: 'once' } });
    expect(run(once, priors({}, 0))).toMatchObject({ eligible: true, amountFen: 100_000_00 });
  });
});
