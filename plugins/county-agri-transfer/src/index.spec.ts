import { describe, expect, it } from '@jest/globals';
import { sampleContext, sampleContract, sampleSme, sampleUniversity } from '@techmarket/plugin-api/testing';
import plugin from './index.js';

const defaults = { agriIpcPrefixes: ['A01', 'A23', 'C05', 'A22'], parkName: 'agri_park', subsidyRatePercent: 0, subsidyCapFen: 0 };
const ctx = sampleContext('220122', 'county');
const publish = (entry: { field: string | null; ipcClasses: string[]; title: string }) =>
  plugin.evaluate(
    {
      type: 'catalog.published',
      occurredOn: '2026-05-01',
      tenantCode: '220104',
      entry: { kind: 'patent', id: 'p1', owner: sampleUniversity, ...entry },
    },
    defaults,
    ctx,
  )[0];

describe('county-agri-transfer', () => {
  it('routes an agricultural patent to the county: tagged, listed, staff notified', () => {
    const d = publish({ title: '一种玉米免耕播种机', field: null, ipcClasses: ['A01C 7/20'] });
    expect(d.eligible).toBe(true);
    expect(d.amountFen).toBe(0);
    expect(d.effects).toMatchObject({ tags: ['涉农'], listOnTenantPage: true });
    expect(d.effects!.notifyTenantStaff!.subject).toBe('涉农专利推送：一种玉米免耕播种机');
  });

  it('recognises agriculture by field as well as by IPC class, and ignores the rest', () => {
    expect(publish({ title: '鲜食玉米保鲜技术', field: 'agri_processing', ipcClasses: [] }).eligible).toBe(true);
    const other = publish({ title: '激光雷达', field: 'optoelectronics', ipcClasses: ['G01S 17/00'] });
    expect(other.eligible).toBe(false);
    expect(other.effects).toBeUndefined();
  });

  it('pays no local subsidy by default, and the configured one when set', () => {
    const c = sampleContract({
      buyer: { ...sampleSme, tenantCode: '220122' },
      patents: [
        {
          applicationNumber: '201110047567.0',
          patentType: 'invention',
          holderType: 'university_institute',
          ipcClasses: ['A01B 79/02'],
          field: 'modern_agriculture',
        },
      ],
    });
    const ev = { type: 'contract.registered' as const, occurredOn: '2026-03-20', tenantCode: '220122', contract: c };
    const none = plugin.evaluate(ev, defaults, ctx)[0];
    expect(none.eligible).toBe(false);
    expect(none.reasons.find((r) => !r.ok)!.text).toBe('本县未设置转化补贴（比例为 0）');
    const paid = plugin.evaluate(ev, { ...defaults, subsidyRatePercent: 2, subsidyCapFen: 50_000_00 }, ctx)[0];
    expect(paid).toMatchObject({ eligible: true, amountFen: 50_000_00 }); // 2% of 5,000,000 = 100,000, capped at 50,000
  });
});
