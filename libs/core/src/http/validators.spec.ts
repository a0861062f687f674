import { describe, expect, it } from '@jest/globals';
import { isCreditCode, isDivisionCode, isPhone, isStrongPassword, isTenantCode } from './validators.js';

describe('validators', () => {
  it.each([
    ['220000', true],
    ['220184', true],
    ['222401', true],
    ['22010', false],
    ['2201000', false],
    ['A20100', false],
    ['020100', false],
    [220100, false],
  ])('tenant code %p → %p', (code, ok) => expect(isTenantCode(code)).toBe(ok));

  it.each([
    ['220102', true], // 长春市南关区
    ['330106', true], // 杭州市西湖区
    ['330000', true], // 浙江省
    ['419001', true], // 济源市 (a county-level city directly under the province)
    ['810000', true], // 香港
    ['330001', false], // a province-level code with a county part
    ['240100', false], // no province 24
    ['990000', false],
    ['22010', false],
    ['2201021', false],
    [220102, false],
  ])('division code %p → %p', (code, ok) => expect(isDivisionCode(code)).toBe(ok));

  it.each([
    ['91350100M000100Y43', true], // a published example of GB 32100-2015
    ['91350100M000100Y44', false], // wrong check character
    ['91350100M000100Y4', false], // too short
    ['91350100M000100I43', false], // I is not in the alphabet
  ])('credit code %p → %p', (code, ok) => expect(isCreditCode(code)).toBe(ok));

  it.each([
    ['13800000000', true],
    ['0431-88888888', true],
    ['12345', false],
  ])('phone %p → %p', (v, ok) => expect(isPhone(v)).toBe(ok));

  it('passwords need 8+ characters with letters and digits', () => {
    expect(isStrongPassword('Demo@2026')).toBe(true);
    expect(isStrongPassword('abcdefgh')).toBe(false);
    expect(isStrongPassword('1234567a'.slice(0, 7))).toBe(false);
  });
});
