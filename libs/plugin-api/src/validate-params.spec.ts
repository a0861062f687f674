import { describe, expect, it } from '@jest/globals';
import { validateParams } from './validate-params.js';
import type { ParamSchema } from './types.js';

const schema: ParamSchema = {
  ratePercent: { type: 'percent', label: '补贴比例', default: 3, min: 0, max: 3 },
  capFen: { type: 'money', label: '上限', default: 30_000_000, min: 0 },
  mode: { type: 'enum', label: '方式', default: 'a', options: { a: '甲', b: '乙' } },
  from: { type: 'date', label: '起始日', default: null },
};

describe('validateParams', () => {
  it('fills defaults and keeps valid values', () => {
    expect(validateParams(schema, { ratePercent: 2.5 })).toEqual({
      values: { ratePercent: 2.5, capFen: 30_000_000, mode: 'a', from: null },
      errors: [],
    });
  });

  it('names each bad parameter in Chinese', () => {
    const { errors } = validateParams(schema, { ratePercent: 3.5, capFen: 1.5, mode: 'c', from: '2026/01/01', extra: 1 });
    expect(errors).toEqual([
      { param: 'extra', message: '不是该插件的参数' },
      { param: 'ratePercent', message: '补贴比例：不能大于 3' },
      { param: 'capFen', message: '上限：金额以分为单位，必须是整数' },
      { param: 'mode', message: '方式：必须是以下之一：a、b' },
      { param: 'from', message: '起始日：必须是日期（YYYY-MM-DD）' },
    ]);
  });

  it('allows at most two decimals in a percentage', () => {
    expect(validateParams(schema, { ratePercent: 1.234 }).errors[0]).toEqual({ param: 'ratePercent', message: '补贴比例：最多两位小数' });
  });
});
