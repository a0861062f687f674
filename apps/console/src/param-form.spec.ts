import { describe, expect, it } from '@jest/globals';
import {
  fieldErrors,
  showFieldErrors,
  fieldModels,
  listVocabulary,
  paramSummary,
  paramValueText,
  type ParamSchema,
  type ParamSpec,
  toFormValues,
  toParams,
  yuanLabel,
} from './param-form.js';

/** The Changchun SME subsidy's schema, as GET /policy/plugins gives it. */
const schema: ParamSchema = {
  ratePercent: { type: 'percent', label: '补贴比例（技术合同额的百分比）', default: 3, min: 0, max: 3 },
  capFen: { type: 'money', label: '单笔合同补贴上限（分）', default: 30_000_000, min: 0, max: 30_000_000 },
  contractTypes: { type: 'list', label: '适用的合同类型', default: ['transfer', 'licence'] },
  from: { type: 'date', label: '起始日', default: null },
};

describe('the form generated from a plugin parameter schema', () => {
  it('shows money in 元, with its bounds in 元, and says so in the label', () => {
    const cap = fieldModels(schema).find((f) => f.name === 'capFen')!;
    expect(cap).toMatchObject({ label: '单笔合同补贴上限（元）', min: 0, max: 300000, unit: '元' });
    expect(fieldModels(schema).find((f) => f.name === 'ratePercent')).toMatchObject({ min: 0, max: 3, unit: '%' });
    expect(yuanLabel('年度上限')).toBe('年度上限（元）');
  });
  it('fills defaults (or a stored version) in 元 and sends integer fen back', () => {
    expect(toFormValues(schema)).toEqual({ ratePercent: 3, capFen: 300000, contractTypes: ['transfer', 'licence'], from: null });
    expect(toFormValues(schema, { capFen: 12_345_678 }).capFen).toBe(123456.78);
    expect(toParams(schema, { ratePercent: 2.5, capFen: 200000.29, contractTypes: ['transfer'], from: '' })).toEqual({
      ratePercent: 2.5,
      capFen: 20_000_029,
      contractTypes: ['transfer'],
      from: null,
    });
  });
  it('puts problem+json errors next to the fields they name', () => {
    expect(
      fieldErrors(
        [
          { field: 'params.ratePercent', message: '不能大于 3' },
          { field: 'annualBudgetFen', message: 'annualBudgetFen: 必须为整数' },
          { field: 'params.ratePercent', message: '必须为数字' },
        ],
        { annualBudgetFen: 'annualBudgetYuan' },
      ),
    ).toEqual([
      { name: ['params', 'ratePercent'], errors: ['不能大于 3', '必须为数字'] },
      { name: ['annualBudgetYuan'], errors: ['必须为整数'] },
    ]);
  });
});

describe('parameter values as people read them (labels, not codes)', () => {
  it('names contract types and enum options, money in 元, percent with %', () => {
    expect(paramValueText(schema.contractTypes, ['transfer', 'licence'])).toBe('技术转让、技术许可');
    expect(paramValueText(schema.capFen, 30_000_000)).toBe('300,000.00 元');
    expect(paramValueText(schema.ratePercent, 3)).toBe('3%');
    expect(paramValueText({ type: 'enum', label: '园区', default: 'a', options: { a: '农业园区' } }, 'a')).toBe('农业园区');
    expect(paramValueText({ type: 'boolean', label: '是否', default: false }, true)).toBe('是');
    expect(paramValueText(undefined, null)).toBe('—');
  });

  it('leaves a free list (IPC prefixes) as it is, and finds no vocabulary for it', () => {
    const ipc: ParamSpec = { type: 'list', label: '涉农 IPC 分类号前缀', default: ['A01', 'A23'] };
    expect(listVocabulary(ipc)).toBeNull();
    expect(paramValueText(ipc, ['A01', 'A23'])).toBe('A01、A23');
    expect(listVocabulary(schema.contractTypes)).toMatchObject({ transfer: '技术转让' });
  });

  it('summarises a definition with its default and bounds in 元', () => {
    expect(paramSummary(schema.capFen)).toBe('默认 300,000.00 元；范围 0.00 元 ～ 300,000.00 元');
    expect(paramSummary(schema.contractTypes)).toBe('默认 技术转让、技术许可');
  });
});

describe('showFieldErrors', () => {
  const run = (errors: { field: string; message: string }[] | undefined) => {
    const set: unknown[] = [];
    const told: string[] = [];
    showFieldErrors({ setFields: (f: never) => set.push(f) }, errors, '请求被拒绝', (m) => told.push(m), ['title', 'budgetMinYuan'], {
      budgetMinFen: 'budgetMinYuan',
    });
    return { set: set[0], told };
  };

  it('puts each error beside the form field it names (through the aliases), and says nothing more when all found one', () => {
    expect(run([{ field: 'budgetMinFen', message: 'budgetMinFen: 下限不能大于上限' }])).toEqual({
      set: [{ name: ['budgetMinYuan'], errors: ['下限不能大于上限'] }],
      told: [],
    });
  });

  it('tells the refusal once when an error names no field of the form, or none names a field', () => {
    expect(
      run([
        { field: 'title', message: '必填' },
        { field: 'segment', message: '为空' },
      ]).told,
    ).toEqual(['请求被拒绝']);
    expect(run(undefined)).toEqual({ set: [], told: ['请求被拒绝'] });
  });
});
