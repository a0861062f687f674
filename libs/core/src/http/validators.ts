import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A 6-digit GB/T 2260 code whose first two digits are a province (11–82). */
export function isTenantCode(value: unknown): boolean {
  return typeof value === 'string' && /^[1-8]\d{5}$/.test(value);
}

/** The 34 province-level prefixes of GB/T 2260 (北京 11 … 澳门 82). */
const PROVINCE_PREFIXES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

/**
 * An administrative division code (行政区划代码, GB/T 2260) as far as its structure tells: 6 digits,
 * a real province prefix, and a province-level code (xx00yy) only as xx0000. Whether a code inside
 * the platform's own province exists is checked against the tenant tree by the service.
 */
export function isDivisionCode(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{6}$/.test(value) || !PROVINCE_PREFIXES.has(value.slice(0, 2))) return false;
  return value.slice(2, 4) !== '00' || value.slice(4) === '00';
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a mod-31 check character. */
export function isCreditCode(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(value[i]) * CREDIT_WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return value[17] === CREDIT_CHARS[check];
}

export function isStrongPassword(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 8 && value.length <= 128 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

/** Mainland mobile or landline with area code, e.g. 13800000000, 0431-88888888. */
export function isPhone(value: unknown): boolean {
  return typeof value === 'string' && /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/.test(value);
}

/** A class-validator decorator from a predicate; `name` is the message key in messages.ts. */
export function defineValidator(name: string, test: (v: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options,
        validator: { validate: (v: unknown) => test(v), defaultMessage: () => `${String(propertyName)} ${name}` },
      });
}

export const IsTenantCode = defineValidator('isTenantCode', isTenantCode);
export const IsCreditCode = defineValidator('isCreditCode', isCreditCode);
export const IsDivisionCode = defineValidator('isDivisionCode', isDivisionCode);
export const IsStrongPassword = defineValidator('isStrongPassword', isStrongPassword);
export const IsPhone = defineValidator('isPhone', isPhone);
