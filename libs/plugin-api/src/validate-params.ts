import type { ParamSchema, ParamValues } from './types.js';

export interface ParamError {
  param: string;
  message: string;
}

/**
 * Checks proposed parameter values against a plugin's schema: known names, right types,
 * within bounds. Missing values take the defaults. Messages are Chinese, naming the parameter.
 */
export function validateParams<S extends ParamSchema>(
  schema: S,
  values: Record<string, unknown>,
): { values: ParamValues<S>; errors: ParamError[] } {
  const errors: ParamError[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(values)) if (!(name in schema)) errors.push({ param: name, message: '不是该插件的参数' });
  for (const [name, spec] of Object.entries(schema)) {
    const v = name in values ? values[name] : spec.default;
    const fail = (message: string) => errors.push({ param: name, message: `${spec.label}：${message}` });
    switch (spec.type) {
      case 'percent':
      case 'money':
      case 'count': {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          fail('必须是数字');
          break;
        }
        if (spec.type !== 'percent' && !Number.isInteger(v)) fail(spec.type === 'money' ? '金额以分为单位，必须是整数' : '必须是整数');
        else if (spec.type === 'percent' && Math.round(v * 100) !== v * 100) fail('最多两位小数');
        else if (spec.min !== undefined && v < spec.min) fail(`不能小于 ${spec.min}`);
        else if (spec.max !== undefined && v > spec.max) fail(`不能大于 ${spec.max}`);
        break;
      }
      case 'date':
        if (v !== null && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))) fail('必须是日期（YYYY-MM-DD）');
        break;
      case 'enum':
        if (typeof v !== 'string' || !(v in spec.options)) fail(`必须是以下之一：${Object.keys(spec.options).join('、')}`);
        break;
      case 'boolean':
        if (typeof v !== 'boolean') fail('必须是布尔值');
        break;
      case 'list':
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail('必须是字符串列表');
        break;
    }
    out[name] = v;
  }
  // Only values that passed every check above are handed to a plugin (callers refuse on any error).
  return { values: out as ParamValues<S>, errors };
}
