import { CONTRACT_TYPES, INDUSTRY_FIELDS } from './labels.js';
import { fenToYuan, formatYuan, yuanToFen } from './money.js';

/** A plugin's parameter definition, as `GET /policy/plugins` gives it (@techmarket/plugin-api ParamSpec). */
export type ParamSpec =
  | { type: 'percent'; label: string; default: number; min?: number; max?: number }
  | { type: 'money'; label: string; default: number; min?: number; max?: number }
  | { type: 'count'; label: string; default: number; min?: number; max?: number }
  | { type: 'date'; label: string; default: string | null }
  | { type: 'enum'; label: string; default: string; options: Record<string, string> }
  | { type: 'boolean'; label: string; default: boolean }
  | { type: 'list'; label: string; default: string[] };
export type ParamSchema = Record<string, ParamSpec>;

/** What the generated form shows for one parameter: the label in 元 for money, and its bounds in the unit typed. */
export interface FieldModel {
  name: string;
  spec: ParamSpec;
  label: string;
  min?: number;
  max?: number;
  unit?: string;
}

/** Plugins label money parameters “…（分）”: people type 元, so the label says 元. */
export const yuanLabel = (label: string) => (/[（(]分[)）]/.test(label) ? label.replace(/[（(]分[)）]/, '（元）') : `${label}（元）`);

export function fieldModels(schema: ParamSchema): FieldModel[] {
  return Object.entries(schema).map(([name, spec]) => {
    switch (spec.type) {
      case 'money':
        return {
          name,
          spec,
          label: yuanLabel(spec.label),
          min: spec.min === undefined ? undefined : fenToYuan(spec.min),
          max: spec.max === undefined ? undefined : fenToYuan(spec.max),
          unit: '元',
        };
      case 'percent':
        return { name, spec, label: spec.label, min: spec.min, max: spec.max, unit: '%' };
      case 'count':
        return { name, spec, label: spec.label, min: spec.min, max: spec.max };
      default:
        return { name, spec, label: spec.label };
    }
  });
}

/** Form values for parameters (defaults, or a stored version's values): money in 元. */
export function toFormValues(schema: ParamSchema, params: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const v = name in params ? params[name] : spec.default;
    out[name] = spec.type === 'money' && typeof v === 'number' ? fenToYuan(v) : v;
  }
  return out;
}

/** The API's `params` from form values: money back to integer fen, empty dates to null. */
export function toParams(schema: ParamSchema, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const v = values[name];
    if (v === undefined) continue;
    if (spec.type === 'money') out[name] = v === null ? null : yuanToFen(Number(v));
    else if (spec.type === 'date') out[name] = v ? String(v) : null;
    else out[name] = v;
  }
  return out;
}

/** problem+json `errors[]` → antd form fields: `params.capFen` names the field `params.capFen`; aliases rename (annualBudgetFen → 元 field). */
export function fieldErrors(
  errors: { field: string; message: string }[] | undefined,
  aliases: Record<string, string> = {},
): { name: string[]; errors: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const e of errors ?? []) {
    const field = aliases[e.field] ?? e.field;
    // Beside its field the message need not name it again (`budgetMinFen: 下限不能大于上限`: the field shows 元).
    const message = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return [...byField].map(([field, messages]) => ({ name: field.split('.'), errors: messages }));
}

/**
 * An API refusal shown on a form: each problem+json field error beside the field it names (after
 * `aliases`) when it is one of `formFields`; the refusal's message once when any names no such
 * field, or none names a field at all.
 */
export function showFieldErrors(
  form: { setFields: (fields: never) => void },
  problemErrors: { field: string; message: string }[] | undefined,
  message: string,
  notify: (text: string) => void,
  formFields: string[],
  aliases: Record<string, string> = {},
): void {
  const fields = fieldErrors(problemErrors, aliases);
  const shown = fields.filter((f) => formFields.includes(f.name.join('.')));
  form.setFields(shown as never);
  if (shown.length === 0 || shown.length < fields.length) notify(message);
}

/**
 * The console's labels for a list parameter's codes, when its default values all come from one
 * vocabulary the console knows (合同类型, 产业领域); null for free lists (e.g. IPC prefixes).
 */
export function listVocabulary(spec: ParamSpec): Record<string, string> | null {
  if (spec.type !== 'list' || spec.default.length === 0) return null;
  return [CONTRACT_TYPES, INDUSTRY_FIELDS].find((vocab) => spec.default.every((v) => v in vocab)) ?? null;
}

/** A parameter's value as people read it: 元 for money, % for percent, labels for codes. */
export function paramValueText(spec: ParamSpec | undefined, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (spec?.type) {
    case 'money':
      return typeof v === 'number' ? formatYuan(v) : String(v);
    case 'percent':
      return `${String(v)}%`;
    case 'enum':
      return spec.options[String(v)] ?? String(v);
    case 'boolean':
      return v ? '是' : '否';
    case 'list': {
      const vocab = listVocabulary(spec);
      return Array.isArray(v) ? v.map((x) => vocab?.[String(x)] ?? String(x)).join('、') : String(v);
    }
    default:
      return Array.isArray(v) ? v.join('、') : String(v);
  }
}

/** A parameter's definition in one line for the plugin catalogue: type, default and bounds in the unit people use. */
export function paramSummary(spec: ParamSpec): string {
  const bound = (n: number | undefined) =>
    n === undefined ? undefined : spec.type === 'money' ? formatYuan(n) : spec.type === 'percent' ? `${n}%` : String(n);
  const parts = [`默认 ${paramValueText(spec, spec.default)}`];
  if ('min' in spec || 'max' in spec) {
    const [min, max] = [bound(spec.min), bound(spec.max)];
    if (min !== undefined && max !== undefined) parts.push(`范围 ${min} ～ ${max}`);
    else if (min !== undefined) parts.push(`不小于 ${min}`);
    else if (max !== undefined) parts.push(`不大于 ${max}`);
  }
  if (spec.type === 'enum') parts.push(`可选 ${Object.values(spec.options).join('、')}`);
  return parts.join('；');
}
