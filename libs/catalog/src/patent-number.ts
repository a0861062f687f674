import type { PatentType } from './catalog.constants.js';

/**
 * 中国专利申请号 (CNIPA application numbers) with their check digit.
 *
 * Since 2003: 12 digits — year (4), type (1), serial (7) — then `.` and a check digit.
 * Before 2003: 8 digits — year (2), type (1), serial (5) — then the check digit.
 * The check digit is Σ dᵢ·wᵢ mod 11 with weights 2…9 repeating from the left; 10 is written X.
 * The type digit is 1/8 (发明, 8 = PCT national phase), 2/9 (实用新型, 9 = PCT), 3 (外观设计).
 * An optional `ZL`/`CN` prefix and spaces are accepted and dropped when normalising.
 */
const TYPE_BY_DIGIT: Record<string, PatentType> = {
  '1': 'invention',
  '8': 'invention',
  '2': 'utility_model',
  '9': 'utility_model',
  '3': 'design',
};

export interface ParsedPatentNumber {
  /** Canonical form, e.g. `202110123456.7`. */
  normalized: string;
  type: PatentType;
  year: number;
}

export function checkDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (2 + (i % 8));
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function parsePatentNumber(input: string): ParsedPatentNumber | null {
  const s = input
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/^(ZL|CN)/, '');
  const m = /^(\d{12}|\d{8})\.?([\dX])$/.exec(s);
  if (!m) return null;
  const [, digits, check] = m;
  const modern = digits.length === 12;
  const yy = Number(digits.slice(0, 2));
  const year = modern ? Number(digits.slice(0, 4)) : yy >= 85 ? 1900 + yy : 2000 + yy;
  const type = TYPE_BY_DIGIT[digits[modern ? 4 : 2]];
  if (!type || checkDigit(digits) !== check) return null;
  if (modern ? year < 2003 || year > 2100 : year > 2004) return null;
  return { normalized: `${digits}.${check}`, type, year };
}
