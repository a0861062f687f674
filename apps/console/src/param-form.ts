import { fenToYuan, yuanToFen } from './money.js';

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
