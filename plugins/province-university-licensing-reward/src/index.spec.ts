import { describe, expect, it } from '@jest/globals';
import type { InstitutionYearFacts } from '@techmarket/plugin-api';
import { sampleContext, sampleSme, sampleUniversity } from '@techmarket/plugin-api/testing';
import plugin from './index.js';

const params = { minPatents: 50, rewardFen: 300_000_00 };
const close = (institutions: InstitutionYearFacts[]) =>
  plugin.evaluate(
    { type: 'year.closed', occurredOn: '2026-12-31', tenantCode: '220000', institutions },
    params,
    sampleContext('220000', 'province'),
  );

describe('province-university-licensing-reward', () => {
  it('rewards an institution with ≥ 50 patents transferred and money received, and no one else', () => {
    const [jlu, few, firm] = close([
      { institution: sampleUniversity, year: 2026, patentsTransferred: 52, receivedFen: 8_000_000_00 },
      {
        institution: { ...sampleUniversity, id: 'org-cust', name: '长春理工大学' },
        year: 2026,
        patentsTransferred: 49,
        receivedFen: 1_000_00,
      },
      { institution: sampleSme, year: 2026, patentsTransferred: 80, receivedFen: 1_000_00 },
    ]);
    expect(jlu).toMatchObject({ subjectOrgId: 'org-jlu', eligible: true, amountFen: 300_000_00 });
    expect(few.eligible).toBe(false);
    expect(few.reasons.find((r) => !r.ok)!.text).toBe('2026 年转让或许可专利 49 件，未达到 50 件');
    expect(firm.eligible).toBe(false);
  });

  it('needs economic benefit', () => {
    const [d] = close([{ institution: sampleUniversity, year: 2026, patentsTransferred: 60, receivedFen: 0 }]);
    expect(d.reasons.find((r) => !r.ok)!.text).toBe('未产生经济效益（无到账金额）');
  });
});
