import type { Evaluated } from './types.js';

/**
 * 互斥组: among eligible decisions of one event in the same group, the largest amount stands;
 * the others become ineligible and say why.
 */
export function applyExclusiveGroups(evaluated: Evaluated[]): void {
  const groups = new Map<string, Evaluated[]>();
  for (const e of evaluated) {
    const g = e.plugin.exclusiveGroup;
    if (g && e.decision.eligible && e.decision.amountFen > 0) groups.set(g, [...(groups.get(g) ?? []), e]);
  }
  for (const [group, members] of groups) {
    if (members.length < 2) continue;
    const winner = [...members].sort(
      (a, b) => b.decision.amountFen - a.decision.amountFen || a.installation.path.length - b.installation.path.length,
    )[0];
    for (const m of members) {
      if (m === winner) continue;
      m.decision = {
        ...m.decision,
        eligible: false,
        amountFen: 0,
        reasons: [
          ...m.decision.reasons,
          {
            ok: false,
            text: `与同组政策“${winner.plugin.name.zh}”（${winner.installation.tenantCode}）互斥，同一合同只享受金额较高的一项`,
          },
        ],
        figures: { ...m.decision.figures, exclusiveGroup: group, excludedBy: winner.plugin.id },
      };
    }
  }
}
