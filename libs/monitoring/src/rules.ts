/**
 * 异常专利转让、许可数据监测 (吉知产联字〔2021〕1号: 对异常专利转让、许可数据进行监控、评价和反馈).
 * The rules are pure functions over the facts the contracts and policy modules build (their
 * monitoring feeds); each hit carries a score and the reasons, in Chinese, that produced it.
 * Thresholds are data: defaults here, overridden per tier by its admin (`monitoring_rule_setting`),
 * the nearest tier on a record's tenant path winning.
 */
import type { MonitoredContract } from '@techmarket/contracts';
import type { MonitoredApplication, PolicyFlag } from '@techmarket/policy';

export const RULE_CODES = ['token_price', 'round_trip', 'bulk_transfer', 'related_parties', 'payment_schedule', 'policy_flag'] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export interface ParamSpec {
  label: string;
  min: number;
  max: number;
  integer: boolean;
}

export interface RuleDefinition<P extends Record<string, number>> {
  code: RuleCode;
  name: string;
  /** What it looks for and why, as a reviewer reads it. */
  explanation: string;
  defaults: P;
  params: Record<keyof P, ParamSpec>;
}

const weight: ParamSpec = { label: '基础分值（0–100）', min: 0, max: 100, integer: true };

export const RULES = {
  token_price: {
    code: 'token_price',
    name: '零价或象征性价格转让、许可专利',
    explanation:
      '涉及专利的技术转让或许可合同，成交额为零或低于象征性价格门槛（默认 1,000 元）。可能是不实登记、规避评估或虚假交易，需核实定价依据。',
    defaults: { thresholdFen: 100_000, weight: 60 },
    params: { thresholdFen: { label: '象征性价格门槛（分）', min: 0, max: 1_000_000_000, integer: true }, weight },
  },
  round_trip: {
    code: 'round_trip',
    name: '同一专利往返转让',
    explanation: '同一专利在 N 个月内（默认 12 个月）先由甲方转让或许可给乙方，再由乙方转回甲方。可能是为套取补贴或虚增交易额的循环交易。',
    defaults: { months: 12, weight: 80 },
    params: { months: { label: '往返间隔上限（月）', min: 1, max: 60, integer: true }, weight },
  },
  bulk_transfer: {
    code: 'bulk_transfer',
    name: '批量转让远超本单位历史水平',
    explanation:
      '某单位近 30 天作为卖方登记的专利转让、许可合同数，超过其此前 12 个月月均数的若干倍（默认 5 倍）且不少于最低件数（默认 10 件）。可能是集中突击转让，需核实真实性。',
    defaults: { factor: 5, minCount: 10, weight: 50 },
    params: {
      factor: { label: '倍数门槛', min: 1, max: 100, integer: false },
      minCount: { label: '最低件数', min: 1, max: 10_000, integer: true },
      weight,
    },
  },
  related_parties: {
    code: 'related_parties',
    name: '关联方交易后申请补贴',
    explanation:
      '补贴申请所依据的合同，买卖双方联系电话相同或联系人（法定代表人）姓名相同，且合同在申请前 N 天内（默认 90 天）登记。可能是关联方之间为申请补贴而安排的交易。',
    defaults: { days: 90, weight: 70 },
    params: { days: { label: '登记至申请的天数上限', min: 1, max: 3_650, integer: true }, weight },
  },
  payment_schedule: {
    code: 'payment_schedule',
    name: '到账与合同约定付款计划不符',
    explanation:
      '合同约定的付款计划中已到期（含宽限期，默认 30 天）的金额与已确认到账金额相差超过容差（默认 10%），包括逾期未到账和超计划到账。',
    defaults: { graceDays: 30, tolerancePercent: 10, weight: 40 },
    params: {
      graceDays: { label: '宽限天数', min: 0, max: 365, integer: true },
      tolerancePercent: { label: '容差（%）', min: 0, max: 100, integer: false },
      weight,
    },
  },
  policy_flag: {
    code: 'policy_flag',
    name: '政策插件提示（如完成人奖励不足）',
    explanation: '政策插件在判定中提出的监测提示（effects.flag），例如高校院所未按规定向完成人分配转化净收入。',
    defaults: { weight: 50 },
    params: { weight },
  },
} as const satisfies Record<RuleCode, RuleDefinition<Record<string, number>>>;

export type RuleParams = { [R in RuleCode]: { enabled: boolean } & { [K in keyof (typeof RULES)[R]['defaults']]: number } };

export function defaultParams(): RuleParams {
  return Object.fromEntries(RULE_CODES.map((r) => [r, { enabled: true, ...RULES[r].defaults }])) as RuleParams;
}

/** Checks a tier's proposed parameters for a rule; returns the name of the first bad one, or null. */
export function invalidParam(rule: RuleCode, params: Record<string, unknown>): string | null {
  const specs = RULES[rule].params as Record<string, ParamSpec>;
  for (const [k, v] of Object.entries(params)) {
    const s = specs[k];
    if (!s || typeof v !== 'number' || !Number.isFinite(v) || v < s.min || v > s.max || (s.integer && !Number.isInteger(v))) return k;
  }
  return null;
}

/** One finding: what it is about, whose it is, how serious, and why. */
export interface Hit {
  rule: RuleCode;
  /** Identifies the matter, so a later scan finds the same hit again rather than a new one. */
  subjectKey: string;
  tenantId: string;
  score: number;
  reasons: string[];
  subject: Record<string, unknown>;
}

/** Which parameters apply to a record of this tenant (the nearest tier's setting on its path). */
export type ParamsFor = (tenantId: string) => RuleParams;

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));
const PATENT_DEALS = new Set(['transfer', 'licence']);
const TYPE_LABEL: Record<string, string> = { transfer: '技术转让', licence: '技术许可' };

/** Adds `months` calendar months to a date (YYYY-MM-DD), clamping the day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** (1) Transfers or licences of patents at zero or a token price. */
export function tokenPrice(contracts: MonitoredContract[], paramsFor: ParamsFor): Hit[] {
  const hits: Hit[] = [];
  for (const c of contracts) {
    const p = paramsFor(c.tenantId).token_price;
    if (!p.enabled || !PATENT_DEALS.has(c.contractType) || !c.patentIds.length || c.amountFen >= p.thresholdFen) continue;
    const reasons = [
      `${TYPE_LABEL[c.contractType]}合同 ${c.registrationNumber} 涉及 ${c.patentIds.length} 件专利，成交额 ${yuan(c.amountFen)} 元，低于象征性价格门槛 ${yuan(p.thresholdFen)} 元`,
    ];
    if (c.amountFen === 0) reasons.push('成交额为零');
    hits.push({
      rule: 'token_price',
      subjectKey: `contract:${c.rootId}`,
      tenantId: c.tenantId,
      score: clamp(p.weight + (c.amountFen === 0 ? 20 : 0) + Math.min(20, (c.patentIds.length - 1) * 5)),
      reasons,
      subject: { contractId: c.id, registrationNumber: c.registrationNumber, sellerOrgId: c.seller.orgId, buyerOrgId: c.buyer.orgId },
    });
  }
  return hits;
}

/** (2) The same patent passed A→B and then B→A within N months. */
export function roundTrip(contracts: MonitoredContract[], paramsFor: ParamsFor): Hit[] {
  const hits: Hit[] = [];
  const deals = contracts.filter((c) => PATENT_DEALS.has(c.contractType) && c.patentIds.length);
  const byPatent = new Map<string, MonitoredContract[]>();
  for (const c of deals) for (const pid of c.patentIds) byPatent.set(pid, [...(byPatent.get(pid) ?? []), c]);
  const seen = new Set<string>();
  for (const [pid, list] of byPatent) {
    const sorted = [...list].sort((a, b) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : 0));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [a, b] = [sorted[i], sorted[j]];
        if (a.seller.orgId !== b.buyer.orgId || a.buyer.orgId !== b.seller.orgId) continue;
        const p = paramsFor(b.tenantId).round_trip;
        if (!p.enabled || b.registeredOn > addMonths(a.registeredOn, p.months)) continue;
        const key = `pair:${a.rootId}:${b.rootId}`;
        const hit = hits.find((h) => h.subjectKey === key);
        if (hit) {
          (hit.subject.patentIds as string[]).push(pid);
          continue;
        }
        if (seen.has(key)) continue;
        seen.add(key);
        const months = Math.max(0, Math.round(daysBetween(a.registeredOn, b.registeredOn) / 30));
        hits.push({
          rule: 'round_trip',
          subjectKey: key,
          tenantId: b.tenantId,
          score: clamp(p.weight + (months <= 3 ? 20 : 0)),
          reasons: [
            `${a.registeredOn} 合同 ${a.registrationNumber}：${a.seller.name} → ${a.buyer.name}`,
            `${b.registeredOn} 合同 ${b.registrationNumber}：${b.seller.name} → ${b.buyer.name}（同一专利转回，间隔约 ${months} 个月，门槛 ${p.months} 个月）`,
          ],
          subject: { contractIds: [a.id, b.id], orgIds: [a.seller.orgId, a.buyer.orgId], patentIds: [pid] },
        });
      }
    }
  }
  return hits;
}

/** (3) An organisation selling far more patent deals in the last 30 days than its trailing 12-month monthly average. */
export function bulkTransfer(contracts: MonitoredContract[], paramsFor: ParamsFor, today: string): Hit[] {
  const windowStart = addDays(today, -29);
  const historyStart = addMonths(windowStart, -12);
  const bySeller = new Map<string, { recent: MonitoredContract[]; history: number }>();
  for (const c of contracts) {
    if (!PATENT_DEALS.has(c.contractType) || !c.patentIds.length || c.registeredOn < historyStart) continue;
    const e = bySeller.get(c.seller.orgId) ?? { recent: [], history: 0 };
    if (c.registeredOn >= windowStart) e.recent.push(c);
    else e.history += 1;
    bySeller.set(c.seller.orgId, e);
  }
  const hits: Hit[] = [];
  for (const [orgId, { recent, history }] of bySeller) {
    if (!recent.length) continue;
    const seller = recent[0].seller;
    const p = paramsFor(seller.tenantId).bulk_transfer;
    const average = history / 12;
    if (!p.enabled || recent.length < p.minCount || recent.length <= p.factor * average) continue;
    const ratio = average > 0 ? recent.length / average : null;
    hits.push({
      rule: 'bulk_transfer',
      subjectKey: `org:${orgId}:${today.slice(0, 7)}`,
      tenantId: seller.tenantId,
      score: clamp(p.weight + (ratio === null ? 30 : Math.min(40, (ratio / p.factor - 1) * 20))),
      reasons: [
        `${seller.name} 近 30 天（${windowStart} 至 ${today}）作为卖方登记专利转让、许可合同 ${recent.length} 件`,
        ratio === null
          ? `此前 12 个月没有同类合同（门槛：不少于 ${p.minCount} 件）`
          : `此前 12 个月月均 ${average.toFixed(2)} 件，为其 ${ratio.toFixed(1)} 倍，超过 ${p.factor} 倍门槛`,
      ],
      subject: { orgId, contractIds: recent.map((c) => c.id) },
    });
  }
  return hits;
}

const digits = (s: string | null) => (s ?? '').replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
const sameName = (a: string | null, b: string | null) => Boolean(a?.trim()) && a!.replace(/\s/g, '') === b?.replace(/\s/g, '');

/** (4) A subsidy applied for on a contract between related parties, registered shortly before. */
export function relatedParties(contracts: MonitoredContract[], applications: MonitoredApplication[], paramsFor: ParamsFor): Hit[] {
  const byRoot = new Map(contracts.map((c) => [c.rootId, c]));
  const hits: Hit[] = [];
  for (const a of applications) {
    const c = byRoot.get(a.eventKey);
    if (!c) continue;
    const p = paramsFor(c.tenantId).related_parties;
    if (!p.enabled) continue;
    const gap = daysBetween(c.registeredOn, a.filedOn);
    if (gap < 0 || gap > p.days) continue;
    const ties: string[] = [];
    const phone = digits(c.seller.contactPhone);
    if (phone && phone === digits(c.buyer.contactPhone)) ties.push(`买卖双方联系电话相同（${c.seller.contactPhone}）`);
    if (sameName(c.seller.contactName, c.buyer.contactName))
      ties.push(`买卖双方联系人（法定代表人）同为「${c.seller.contactName!.trim()}」`);
    if (!ties.length) continue;
    const newest = [c.seller, c.buyer].filter((o) => daysBetween(o.registeredAt.slice(0, 10), a.filedOn) <= p.days);
    hits.push({
      rule: 'related_parties',
      subjectKey: `application:${a.applicationId}`,
      tenantId: c.tenantId,
      score: clamp(p.weight + (ties.length - 1) * 15 + (newest.length ? 15 : 0)),
      reasons: [
        ...ties,
        `合同 ${c.registrationNumber} 于 ${c.registeredOn} 登记，${gap} 天后（${a.filedOn}）据此申请补贴 ${yuan(a.amountFen)} 元（门槛 ${p.days} 天）`,
        ...newest.map((o) => `${o.name} 于 ${o.registeredAt.slice(0, 10)} 才在平台登记`),
      ],
      subject: {
        applicationId: a.applicationId,
        contractId: c.id,
        orgIds: [c.seller.orgId, c.buyer.orgId],
        applicationTenantId: a.tenantId,
      },
    });
  }
  return hits;
}

/** (5) Confirmed payments that do not match the contract's payment schedule. */
export function paymentSchedule(contracts: MonitoredContract[], paramsFor: ParamsFor, today: string): Hit[] {
  const hits: Hit[] = [];
  for (const c of contracts) {
    const p = paramsFor(c.tenantId).payment_schedule;
    if (!p.enabled || !c.paymentSchedule.length) continue;
    const cutoff = addDays(today, -p.graceDays);
    const due = c.paymentSchedule.filter((i) => i.dueOn <= cutoff).reduce((s, i) => s + i.amountFen, 0);
    const dueByToday = c.paymentSchedule.filter((i) => i.dueOn <= today).reduce((s, i) => s + i.amountFen, 0);
    const received = c.payments.reduce((s, x) => s + x.amountFen, 0);
    const tolerance = (c.amountFen * p.tolerancePercent) / 100;
    const reasons: string[] = [];
    let severity = 0;
    if (due - received > tolerance) {
      reasons.push(
        `按付款计划截至 ${cutoff}（宽限 ${p.graceDays} 天）应到账 ${yuan(due)} 元，已确认到账 ${yuan(received)} 元，短缺 ${yuan(due - received)} 元`,
      );
      severity = (due - received) / Math.max(1, c.amountFen);
    } else if (received - dueByToday > tolerance) {
      reasons.push(
        `按付款计划截至 ${today} 应到账 ${yuan(dueByToday)} 元，已确认到账 ${yuan(received)} 元，超出计划 ${yuan(received - dueByToday)} 元`,
      );
      severity = (received - dueByToday) / Math.max(1, c.amountFen);
    }
    if (!reasons.length) continue;
    reasons.push(`差额超过合同额 ${yuan(c.amountFen)} 元的 ${p.tolerancePercent}% 容差`);
    hits.push({
      rule: 'payment_schedule',
      subjectKey: `contract:${c.rootId}`,
      tenantId: c.tenantId,
      score: clamp(p.weight + severity * 50),
      reasons,
      subject: { contractId: c.id, registrationNumber: c.registrationNumber },
    });
  }
  return hits;
}

/** The policy engine's flags (e.g. inventors under-rewarded), in the same queue. */
export function flags(list: PolicyFlag[], paramsFor: ParamsFor): Hit[] {
  return list
    .filter((f) => paramsFor(f.tenantId).policy_flag.enabled)
    .map((f) => ({
      rule: 'policy_flag' as const,
      subjectKey: `flag:${f.eventKey}:${f.pluginId}:${f.code}`,
      tenantId: f.tenantId,
      score: clamp(paramsFor(f.tenantId).policy_flag.weight),
      reasons: [`政策插件 ${f.pluginId} 提示：${f.text}`],
      subject: { decisionId: f.decisionId, pluginId: f.pluginId, code: f.code, eventKey: f.eventKey, subjectOrgId: f.subjectOrgId },
    }));
}

/** Every rule over the feeds. */
export function evaluateAll(
  input: { contracts: MonitoredContract[]; applications: MonitoredApplication[]; flags: PolicyFlag[]; today: string },
  paramsFor: ParamsFor,
): Hit[] {
  return [
    ...tokenPrice(input.contracts, paramsFor),
    ...roundTrip(input.contracts, paramsFor),
    ...bulkTransfer(input.contracts, paramsFor, input.today),
    ...relatedParties(input.contracts, input.applications, paramsFor),
    ...paymentSchedule(input.contracts, paramsFor, input.today),
    ...flags(input.flags, paramsFor),
  ];
}
