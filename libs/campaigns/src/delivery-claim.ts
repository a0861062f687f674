import type { DataSource } from 'typeorm';
import type { PushedItem } from './personalise.js';

/** A claimed delivery: what its mail is made of (`suppressed`: the address unsubscribed, nothing to send). */
export interface ClaimedDelivery {
  state: 'sending' | 'suppressed';
  email: string;
  organizationName: string;
  items: PushedItem[];
  subject: string;
  intro: string;
}

/**
 * Claims a `queued` or `retry` delivery (→ `sending`, or `suppressed` for an unsubscribed address),
 * committed before any SMTP conversation; null when the row is in no state to send. It first waits
 * for whoever holds the row — an admin's resend (投递核查) queues its job before its transaction
 * commits — and then claims the row as it is now: a lone UPDATE would judge the row by the version
 * before that commit, find it `unknown`, and skip the mail.
 */
export async function claimDelivery(ds: DataSource, deliveryId: string): Promise<ClaimedDelivery | null> {
  return ds.transaction(async (em) => {
    await em.query(`SELECT 1 FROM campaign_delivery WHERE id = $1 FOR UPDATE`, [deliveryId]);
    const [claimed] = (await em.query(
      `UPDATE campaign_delivery d
          SET state = CASE WHEN EXISTS (SELECT 1 FROM campaign_unsubscribe x WHERE x.email = d.email) THEN 'suppressed' ELSE 'sending' END,
              attempts = d.attempts + 1, claimed_at = now()
         FROM campaign c
        WHERE d.id = $1 AND c.id = d.campaign_id AND d.state IN ('queued', 'retry')
        RETURNING d.state, d.email, d.organization_name AS "organizationName", d.items, c.subject, c.intro`,
      [deliveryId],
    )) as [ClaimedDelivery[], number];
    return claimed[0] ?? null;
  });
}
