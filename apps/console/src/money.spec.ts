import { describe, expect, it } from '@jest/globals';
import { fenToYuan, formatYuan, yuanToFen } from './money.js';

describe('money in the console (元 on screen, 分 in the API)', () => {
  it('converts 元 with two decimals to exact fen, despite binary floating point', () => {
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(300000)).toBe(30_000_000);
    expect(yuanToFen(1.1)).toBe(110);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
  });
  it('shows fen as 元 with thousands separators', () => {
    expect(fenToYuan(30_000_000)).toBe(300000);
    expect(formatYuan(1234567)).toBe('12,345.67 元');
    expect(formatYuan(null)).toBe('—');
  });
});
