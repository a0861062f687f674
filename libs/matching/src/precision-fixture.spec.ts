import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The labelled fixture of the matching precision benchmark (test/fixtures/matching-precision) is whole and consistent. */
const dir = path.join(process.cwd(), 'test/fixtures/matching-precision');
const read = <T>(name: string): T => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as T;

describe('matching precision fixture', () => {
  const orgs = read<{ key: string; divisionCode: string }[]>('organizations.json');
  const achievements = read<{ key: string; org: string; field: string; trl: number }[]>('achievements.json');
  const demands = read<{ key: string; org: string; budgetMinFen: number; budgetMaxFen: number }[]>('demands.json');
  const judgements = read<{ demand: string; achievement: string; relevant: boolean; reason: string }[]>('judgements.json');

  it('has at least 200 judged pairs, each once, each with a reason, every demand with relevant and non-relevant ones', () => {
    expect(judgements.length).toBeGreaterThanOrEqual(200);
    const pairs = new Set(judgements.map((j) => `${j.demand}→${j.achievement}`));
    expect(pairs.size).toBe(judgements.length);
    for (const j of judgements) expect([j.demand, j.achievement, j.reason.trim().length > 3]).toEqual([j.demand, j.achievement, true]);
    for (const d of demands) {
      const mine = judgements.filter((j) => j.demand === d.key);
      expect([d.key, mine.some((j) => j.relevant), mine.some((j) => !j.relevant)]).toEqual([d.key, true, true]);
    }
  });

  it('refers only to entries and owners it defines, with GB/T 2260 codes and budgets in fen', () => {
    const orgKeys = new Set(orgs.map((o) => o.key));
    const a = new Set(achievements.map((x) => x.key));
    const d = new Set(demands.map((x) => x.key));
    for (const o of orgs) expect(o.divisionCode).toMatch(/^\d{6}$/);
    for (const x of [...achievements, ...demands]) expect(orgKeys.has(x.org)).toBe(true);
    for (const x of achievements) expect(x.trl).toBeGreaterThanOrEqual(1);
    for (const x of demands) expect(Number.isInteger(x.budgetMaxFen) && x.budgetMaxFen >= x.budgetMinFen).toBe(true);
    for (const j of judgements)
      expect([j.demand, j.achievement, d.has(j.demand), a.has(j.achievement)]).toEqual([j.demand, j.achievement, true, true]);
  });

  it('classifies every achievement and patent with real-looking IPC symbols, and judges patents only against known demands', () => {
    const ipc = /^[A-H]\d{2}[A-Z] \d{1,4}\/\d{1,6}$/;
    const achievementIpc = read<Record<string, string[]>>('achievement-ipc.json');
    expect(Object.keys(achievementIpc).sort()).toEqual(achievements.map((x) => x.key).sort());
    const patents =
      read<{ key: string; org: string; ipc: string[]; field: string | null; openLicence: boolean; feeFen: number | null }[]>(
        'patents.json',
      );
    const patentJudgements = read<{ demand: string; patent: string; relevant: boolean; reason: string }[]>('patent-judgements.json');
    const orgKeys = new Set(orgs.map((o) => o.key));
    for (const [key, classes] of [...Object.entries(achievementIpc), ...patents.map((p) => [p.key, p.ipc] as const)]) {
      expect([key, classes.length > 0]).toEqual([key, true]);
      for (const c of classes) expect([key, c]).toEqual([key, expect.stringMatching(ipc)]);
    }
    for (const p of patents) expect([p.key, orgKeys.has(p.org), p.feeFen === null || p.openLicence]).toEqual([p.key, true, true]);
    const p = new Set(patents.map((x) => x.key));
    const d = new Set(demands.map((x) => x.key));
    expect(new Set(patentJudgements.map((j) => `${j.demand}→${j.patent}`)).size).toBe(patentJudgements.length);
    for (const j of patentJudgements)
      expect([j.demand, j.patent, d.has(j.demand), p.has(j.patent), j.reason.trim().length > 3]).toEqual([
        j.demand,
        j.patent,
        true,
        true,
        true,
      ]);
    expect(patentJudgements.filter((j) => j.relevant).length).toBeGreaterThanOrEqual(20);
  });
});
