import { describe, expect, it } from '@jest/globals';
import { FIELD_IPC } from '@techmarket/catalog/fields';
import { demandIpc } from './query.js';

describe('demandIpc', () => {
  it('maps each field to its concordance reading, keeps the classes the demand names, and skips unknown fields', () => {
    const ipc = demandIpc(['modern_agriculture', 'no_such_field'], ['A01B 49/02']);
    expect(ipc.declared).toEqual(['A01B 49/02']);
    expect(ipc.byField).toEqual([{ field: 'modern_agriculture', label: '现代农业', prefixes: FIELD_IPC.modern_agriculture.ipc }]);
  });

  it('has a reading with a cited source for every field, in the IPC prefix forms the matcher compares', () => {
    for (const [field, reading] of Object.entries(FIELD_IPC)) {
      expect([field, reading.ipc.length > 0, reading.source.length > 0]).toEqual([field, true, true]);
      for (const p of reading.ipc) expect([field, p]).toEqual([field, expect.stringMatching(/^[A-H]\d{2}([A-Z](\d{1,4})?)?$/)]);
    }
  });
});
