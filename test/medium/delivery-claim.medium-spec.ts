import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { claimDelivery } from '../../libs/campaigns/src/delivery-claim.js';
import { openDatabase } from '../support/medium.js';

/**
 * The campaign sender's claim, against a row an open transaction holds: an admin's resend (投递核查)
 * queues the mail job before its transaction commits, and a worker that picks the job up at once
 * must wait and claim the row as committed. A lone UPDATE judged it by the version before, found it
 * `unknown` and skipped the mail (a resend that never went, seen once in CI).
 */
describe('claiming a campaign delivery (at most once)', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let delivery: (state: string) => Promise<string>;

  beforeAll(async () => {
    ({ ds, close } = await openDatabase());
    const [org] = await ds.query(`SELECT id, tenant_id FROM organization WHERE type = 'enterprise' ORDER BY name LIMIT 1`);
    const [c] = await ds.query(
      `INSERT INTO campaign (tenant_id, name, subject, entry_set, segment, items_per_recipient, state)
       VALUES ($1, '核查测试', '【吉林省科技大市场】核查测试', '{"kind":"patent"}', '{"tenantCode":"220000"}', 1, 'launched') RETURNING id`,
      [org.tenant_id],
    );
    let n = 0;
    delivery = async (state) =>
      (
        await ds.query(
          `INSERT INTO campaign_delivery (tenant_id, campaign_id, organization_id, organization_name, recipient_tenant_id, email, items, state)
           VALUES ($1, $2, $3, '测试企业', $1, $4, '[]', $5) RETURNING id`,
          [org.tenant_id, c.id, org.id, `claim.${++n}@firm.example.cn`, state],
        )
      )[0].id;
  });
  afterAll(async () => {
    await close();
  });

  it('waits for the transaction that set an unknown row to retry, then claims it once', async () => {
    const id = await delivery('unknown');
    const admin = ds.createQueryRunner();
    await admin.connect();
    await admin.startTransaction();
    await admin.query(`SELECT 1 FROM campaign_delivery WHERE id = $1 FOR UPDATE`, [id]);
    await admin.query(`UPDATE campaign_delivery SET state = 'retry' WHERE id = $1`, [id]);
    // The worker's claim starts before the admin's transaction commits.
    const claim = claimDelivery(ds, id);
    await new Promise((r) => setTimeout(r, 300));
    await admin.commitTransaction();
    await admin.release();
    expect(await claim).toMatchObject({
      state: 'sending',
      email: expect.stringMatching(/^claim\./),
      subject: '【吉林省科技大市场】核查测试',
    });
    // A second claim (a duplicate job) finds nothing to send.
    expect(await claimDelivery(ds, id)).toBeNull();
    const [row] = await ds.query(`SELECT state, attempts FROM campaign_delivery WHERE id = $1`, [id]);
    expect(row).toEqual({ state: 'sending', attempts: 1 });
  });

  it('claims nothing when that transaction rolls back, and leaves the row unknown', async () => {
    const id = await delivery('unknown');
    const admin = ds.createQueryRunner();
    await admin.connect();
    await admin.startTransaction();
    await admin.query(`UPDATE campaign_delivery SET state = 'retry' WHERE id = $1`, [id]);
    const claim = claimDelivery(ds, id);
    await new Promise((r) => setTimeout(r, 300));
    await admin.rollbackTransaction();
    await admin.release();
    expect(await claim).toBeNull();
    expect((await ds.query(`SELECT state FROM campaign_delivery WHERE id = $1`, [id]))[0].state).toBe('unknown');
  });
});
