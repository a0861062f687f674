import { chinaToday } from './china-date';
import { CAMPAIGN_SET_KINDS, INDUSTRY_FIELDS, label, SEGMENT_STATUSES } from './labels';
import { formatYuan } from './money';

/** 推送内容 and 目标企业 as the API stores them (libs/campaigns segment.ts). */
export interface CampaignSet {
  kind: string;
  openLicenceOnly?: boolean;
  fields?: string[];
  keywords?: string[];
  tenantCode?: string;
}
export interface CampaignSegment {
  tenantCode: string;
  statuses?: string[];
  fields?: string[];
}

/** The 新建推送活动 form's values. */
export interface CampaignFormValues {
  name: string;
  subject: string;
  intro?: string;
  kind: string;
  openLicenceOnly?: boolean;
  setFields?: string[];
  keywords?: string[];
  tenantCode: string;
  statuses?: string[];
  segmentFields?: string[];
  itemsPerRecipient?: number;
}

/** The API's field names (`segment.tenantCode`) → the form's (`tenantCode`), for errors shown under fields. */
export const CAMPAIGN_FIELD_ALIASES: Record<string, string> = {
  'set.kind': 'kind',
  'set.openLicenceOnly': 'openLicenceOnly',
  'set.fields': 'setFields',
  'set.keywords': 'keywords',
  'segment.tenantCode': 'tenantCode',
  'segment.statuses': 'statuses',
  'segment.fields': 'segmentFields',
};

const some = <T>(xs: T[] | undefined) => (xs && xs.length ? xs : undefined);

/** POST /campaigns's body from the form: empty lists left out (none means any), keywords trimmed. */
export function campaignBody(v: CampaignFormValues) {
  const keywords = some((v.keywords ?? []).map((k) => k.trim()).filter(Boolean));
  return {
    name: v.name.trim(),
    subject: v.subject.trim(),
    intro: v.intro?.trim() || undefined,
    set: { kind: v.kind, openLicenceOnly: v.openLicenceOnly ?? false, fields: some(v.setFields), keywords },
    segment: { tenantCode: v.tenantCode, statuses: some(v.statuses), fields: some(v.segmentFields) },
    itemsPerRecipient: v.itemsPerRecipient ?? undefined,
  };
}

const fieldsText = (fields: string[] | undefined) => (fields?.length ? fields.map((f) => label(INDUSTRY_FIELDS, f)).join('、') : '');

/** 推送内容 in words: `开放许可专利 · 现代农业 · 关键词：玉米、秸秆`. */
export function setText(s: CampaignSet): string {
  const kind =
    s.kind === 'patent' && s.openLicenceOnly
      ? '开放许可专利'
      : `${label(CAMPAIGN_SET_KINDS, s.kind)}${s.openLicenceOnly ? '（仅开放许可）' : ''}`;
  return [kind, fieldsText(s.fields), s.keywords?.length ? `关键词：${s.keywords.join('、')}` : ''].filter(Boolean).join(' · ');
}

/** 目标企业 in words: `长春市 · 中小企业、专精特新 · 现代农业` (the tenant's name when known). */
export function segmentText(s: CampaignSegment, names: Record<string, string> = {}): string {
  const statuses = s.statuses?.length ? s.statuses.map((x) => label(SEGMENT_STATUSES, x)).join('、') : '全部企业';
  return [names[s.tenantCode] ?? s.tenantCode, statuses, fieldsText(s.fields)].filter(Boolean).join(' · ');
}

/** The closed loop's figures (libs/campaigns attribution.ts FunnelRow). */
export interface FunnelRow {
  recipients: number;
  delivered: number;
  bounced: number;
  opened: number;
  clicked: number;
  interested: number;
  contacted: number;
  contracted: number;
  contractAmountFen: number;
}

/** 送达 → 打开 → 点击 → 意向 → 对接 → 签约, each with its share of the addresses, then the amount in 元. */
export function funnelStages(f: FunnelRow): { key: string; label: string; value: string; share: string | null }[] {
  const pct = (n: number) => (f.recipients ? `${((n / f.recipients) * 100).toFixed(1)}%` : null);
  const stages: [keyof FunnelRow, string][] = [
    ['delivered', '送达'],
    ['opened', '打开'],
    ['clicked', '点击'],
    ['interested', '意向'],
    ['contacted', '对接'],
    ['contracted', '签约'],
  ];
  return [
    { key: 'recipients', label: '收件地址', value: String(f.recipients), share: null },
    ...stages.map(([key, text]) => ({ key, label: text, value: String(f[key]), share: pct(f[key]) })),
    { key: 'contractAmountFen', label: '金额', value: formatYuan(f.contractAmountFen), share: null },
  ];
}

/** The match loop's default period: this quarter in China (`2026-Q4`), the roll-up's syntax. */
export function currentQuarter(today = chinaToday()): string {
  const [y, m] = today.split('-').map(Number);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

/** Whether a period is one the API takes: `2026`, `2026-Q4` or `2026-11`. */
export const isPeriod = (p: string) => /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(p);

/** The periods offered for the match loop: this year, its quarters and months so far, and last year (`2026` → 2026年). */
export function periodOptions(selected: string, today = chinaToday()): { value: string; label: string }[] {
  const [y, m] = today.split('-').map(Number);
  const out: { value: string; label: string }[] = [{ value: String(y), label: `${y}年` }];
  for (let q = Math.ceil(m / 3); q >= 1; q--) out.push({ value: `${y}-Q${q}`, label: `${y}年第${q}季度` });
  for (let mm = m; mm >= 1; mm--) out.push({ value: `${y}-${String(mm).padStart(2, '0')}`, label: `${y}年${mm}月` });
  out.push({ value: String(y - 1), label: `${y - 1}年` });
  if (isPeriod(selected) && !out.some((o) => o.value === selected)) out.push({ value: selected, label: selected });
  return out;
}
