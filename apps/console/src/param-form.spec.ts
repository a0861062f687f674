import { describe, expect, it } from '@jest/globals';
import { fieldErrors, fieldModels, type ParamSchema, toFormValues, toParams, yuanLabel } from './param-form.js';

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
