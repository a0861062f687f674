import { describe, expect, it } from '@jest/globals';
import { badIpc, normaliseIpc } from './ipc.js';

describe('IPC symbols typed into a form', () => {
  it('accepts a subclass or a group in the forms people write, as the API spells them', () => {
    expect(['a01b', ' A01B 49/02 ', 'A01B49/02', 'H01L 31/18'].map(normaliseIpc)).toEqual([
      'A01B',
      'A01B 49/02',
      'A01B 49/02',
      'H01L 31/18',
    ]);
  });

  it('refuses what is not one, and names it', () => {
    expect(['A01', 'Z01B', '加气砌块', 'A01B 49', 'A01B/02'].map(normaliseIpc)).toEqual([null, null, null, null, null]);
    expect(badIpc(['A01B', '加气砌块'])).toEqual(['加气砌块']);
    expect(badIpc(undefined)).toEqual([]);
  });
});
