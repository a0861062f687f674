import { describe, expect, it } from '@jest/globals';
import { percentOf, yuan } from './money.js';

describe('money in plugins', () => {
  it('rounds a percentage down to the fen, exactly, for large amounts', () => {
    expect(percentOf(333, 3)).toBe(9);
    expect(percentOf(2_000_000_000_00, 10)).toBe(200_000_000_00);
    expect(percentOf(1_234_567_89, 3.25)).toBe(4_012_345); // 40,123.45... yuan, truncated
  });

  it('formats yuan for reasons', () => {
    expect(yuan(30_000_000)).toBe('300,000 元');
    expect(yuan(120_000_050)).toBe('1,200,000.50 元');
  });
});
