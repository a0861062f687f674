import { yuan } from '@techmarket/plugin-api';
import { ProblemException, writeAuditEntry } from '@techmarket/core';
import type { EntityManager } from 'typeorm';

/**
 * Moves an installation's approved total for a year by `amountFen` (negative: money recovered),
 * refusing to exceed the budget or go below zero. The guard and the change are one statement, so
 * parallel approvals each re-check the row after the previous one committed; the change is
 * written to the audit log explicitly (a guarded UPDATE cannot go through the entity).
 */
export async function spendBudget(em: EntityManager, tenantId: string, year: number, amountFen: number, decisionId: string): Promise<void> {
  const updated: { installation_id: string; approved_fen: string }[] = await em.query(
    `WITH u AS (UPDATE subsidy_budget SET approved_fen = approved_fen + $3
      WHERE installation_id = (SELECT installation_id FROM policy_decision WHERE id = $1) AND year = $2
        AND approved_fen + $3 <= budget_fen AND approved_fen + $3 >= 0
    RETURNING installation_id, approved_fen) SELECT * FROM u`,
    [decisionId, year, amountFen],
  );
  if (!updated.length) {
    const [row] = await em.query(
      `SELECT budget_fen, approved_fen FROM subsidy_budget
        WHERE installation_id = (SELECT installation_id FROM policy_decision WHERE id = $1) AND year = $2`,
      [decisionId, year],
    );
    throw row
      ? new ProblemException('BUDGET_EXCEEDED', {
          year,
          budget: yuan(Number(row.budget_fen)),
          approved: yuan(Number(row.approved_fen)),
          amount: yuan(amountFen),
        })
      : new ProblemException('BUDGET_NOT_SET', { year });
  }
  const to = Number(updated[0].approved_fen);
  await writeAuditEntry(em, {
    tenantId,
    action: 'update',
    entityType: 'SubsidyBudget',
    entityId: `${updated[0].installation_id}:${year}`,
    changes: { approvedFen: { from: to - amountFen, to } },
  });
}
