import { describe, expect, it } from '@jest/globals';
import { checkDigit, parsePatentNumber } from './patent-number.js';

describe('patent application numbers (专利申请号)', () => {
  it('computes the check digit with weights 2..9 repeating', () => {
    // 2·2+0·3+2·4+1·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 117 → 117 mod 11 = 7
    expect(checkDigit('202110123456')).toBe('7');
    // 0·2+3·3+1·4+0·5+0·6+0·7+0·8+1·9 = 22 → 22 mod 11 = 0
    expect(checkDigit('03100001')).toBe('0');
  });

  it.each([
    ['202110123456.7', '202110123456.7', 'invention'],
    ['ZL 202110123456.7', '202110123456.7', 'invention'],
    ['cn2021101234567', '202110123456.7', 'invention'],
    ['03100001.0', '03100001.0', 'invention'],
    ['97100001.8', '97100001.8', 'invention'],
    // The examples DOMAIN.md gives from real CNIPA numbers.
    ['201310699744.2', '201310699744.2', 'invention'],
    ['201110047567.0', '201110047567.0', 'invention'],
    ['90101673.X', '90101673.X', 'invention'],
  ])('accepts %s', (input, normalized, type) => {
    expect(parsePatentNumber(input)).toMatchObject({ normalized, type });
  });

  it('reads the patent type from the number', () => {
    const utility = `202220000001.${checkDigit('202220000001')}`;
    const design = `202330000001.${checkDigit('202330000001')}`;
    const pct = `202180000001.${checkDigit('202180000001')}`;
    expect(parsePatentNumber(utility)?.type).toBe('utility_model');
    expect(parsePatentNumber(design)?.type).toBe('design');
    expect(parsePatentNumber(pct)?.type).toBe('invention');
  });

  it('gives X when the remainder is 10', () => {
    // find a number whose check is X and prove the parser accepts X and rejects a digit there
    const serials = Array.from({ length: 200 }, (_, i) => `2021100${String(i + 1).padStart(5, '0')}`);
    const digits = serials.find((d) => checkDigit(d) === 'X')!;
    expect(parsePatentNumber(`${digits}.X`)?.normalized).toBe(`${digits}.X`);
    expect(parsePatentNumber(`${digits}.0`)).toBeNull();
  });

  it.each([
    ['202110123456.8', 'wrong check digit'],
    ['202110123456', 'missing check digit'],
    ['20211012345.7', 'eleven digits'],
    ['202150123456.' + checkDigit('202150123456'), 'type digit 5 does not exist'],
    ['199910123456.' + checkDigit('199910123456'), '12-digit form before 2003'],
    ['abc', 'not a number'],
    ['', 'empty'],
  ])('rejects %s (%s)', (input) => {
    expect(parsePatentNumber(input)).toBeNull();
  });
});
