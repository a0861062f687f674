import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { until } from '../support/poll.js';
import { SETUP_TIMEOUT_MS, snapshot, startTestEnv, type TestEnv } from '../support/test-app.js';

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const CAMPAIGN_TABLES = ['campaign', 'campaign_delivery', 'campaign_unsubscribe', 'campaign_contact', 'audit_log'];

/** The addresses a mail went to (lower case). */
const recipientsOf = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
const header = (m: ParsedMail, key: string) => m.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');
/** The path of the first link in the mail's text that starts with `/campaigns/<kind>/`. */
const linkIn = (m: ParsedMail, kind: string) => {
  const found = new RegExp(`https?://[^\\s/]+(/campaigns/${kind}/[^\\s]+)`).exec(m.text ?? '');
  if (!found) throw new Error(`no /campaigns/${kind}/ link in: ${m.text}`);
  return found[1];
};

/**
 * A real SMTP server on loopback that keeps each message as soon as its data is in, and answers
 * 250 only `holdMs` later (and refuses bounce.* and, once, flaky.* recipients): the window in which a real server has the mail but the sender does not
 * know it yet. A worker killed in that window leaves a mail delivered whose row is not `sent` —
 * exactly the case that must not be sent again.
 */
async function holdingSmtp(holdMs: number) {
  const box: ParsedMail[] = [];
  const refusedOnce = new Set<string>();
  const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // bounce.* addresses do not exist (550, permanent); flaky.* ones are refused once (451, temporary).
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (to.startsWith('bounce.')) return callback(smtpError(550, '5.1.1 用户不存在 mailbox unavailable'));
      if (to.startsWith('flaky.') && !refusedOnce.has(to)) {
        refusedOnce.add(to);
        return callback(smtpError(451, '4.3.0 请稍后重试 try again later'));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          box.push(mail);
          setTimeout(() => callback(), holdMs);
        })
        .catch(callback);
    },
  });
  server.on('error', () => undefined); // the killed worker's connections reset
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, messages: () => [...box], close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * 推送活动与闭环 (#12 items 4–5) through HTTP, with real PostgreSQL, Redis, SMTP and a separate
 * worker process: a campaign reaches exactly its previewed addresses with personalised zh-CN mail
 * and one-click unsubscribe headers; opens, clicks, interest, a contact and a registered contract
 * show in the funnel per tier; an unsubscribed address gets nothing later; a worker killed with
 * SIGKILL mid-batch — while mails are accepted but not yet confirmed — and restarted sends no mail
 * twice and loses none (the interrupted ones are `unknown`); bad segments and other tenants are refused.
 */
describe('campaigns (推送活动) and the closed loop', () => {
  let env: TestEnv;
  let smtp: Awaited<ReturnType<typeof holdingSmtp>>;
  let worker: number;
  const org: Record<string, string> = {};
  const patents: string[] = [];
  let campaignId: string;

  const call = async (method: 'get' | 'post', user: string, path: string, body?: object) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };
  const ok = async (method: 'get' | 'post', user: string, path: string, body?: object, status = method === 'post' ? 201 : 200) => {
    const res = await call(method, user, path, body);
    expect([path, res.status, res.body.detail, res.body.errors]).toEqual([path, status, undefined, undefined]);
    return res.body;
  };
  const mailsWith = async (subject: string) => smtp.messages().filter((m) => m.subject === subject);

  /** Enterprises (with their statuses, a published demand giving their field, and accounts with mail) straight into the suite's database. */
  async function enterprise(key: string, county: string, statuses: { sme?: boolean; specialized?: boolean }, field: string, mailboxes = 1) {
    const { rows } = await env.db.query(
      `INSERT INTO organization (name, type, tenant_id, division_code, is_sme, is_specialized)
       SELECT $1, 'enterprise', t.id, $2::text, $3, $4 FROM tenant t WHERE t.code = $2::text RETURNING id, tenant_id`,
      [`${key}科技有限公司（测试）`, county, statuses.sme ?? false, statuses.specialized ?? false],
    );
    org[key] = rows[0].id;
    await env.db.query(
      `INSERT INTO demand (tenant_id, organization_id, status, published_at, title, description, field, version)
       VALUES ($1, $2, 'published', now(), $3, '需要相关技术', $4, 1)`,
      [rows[0].tenant_id, rows[0].id, `${key}的技术需求`, field],
    );
    for (let i = 1; i <= mailboxes; i++)
      await env.db.query(
        `INSERT INTO user_account (tenant_id, organization_id, username, display_name, email, password_hash, roles)
         VALUES ($1, $2, $3, $3, $4, 'x', ARRAY['enterprise_member'])`,
        [rows[0].tenant_id, rows[0].id, `${key}_${i}`, `${key}.${i}@firm.example.cn`],
      );
  }

  beforeAll(async () => {
    smtp = await holdingSmtp(600);
    env = await startTestEnv({
      env: {
        SMTP_URL: smtp.url,
        RUN_WORKERS_IN_API: '0',
        CAMPAIGN_MAIL_PER_SECOND: '5',
        CAMPAIGN_MAIL_CONCURRENCY: '2',
        CAMPAIGN_LOCK_MS: '2000',
        CAMPAIGN_RETRY_DELAY_MS: '200',
      },
    });
    worker = await env.startWorker();
    const jlu = (await env.db.query(`SELECT id, tenant_id FROM organization WHERE name = '吉林大学'`)).rows[0];
    org.jlu = jlu.id;
    // Three published open-licence patents of 吉林大学 (modern agriculture), one without a licence, one draft with one.
    const patent = async (n: number, status: string, open: boolean) => {
      const { rows } = await env.db.query(
        `INSERT INTO patent (tenant_id, organization_id, status, published_at, application_number, title, abstract, patent_type, legal_status, field, open_licence, version)
         VALUES ($1, $2, $3, now() - make_interval(mins => $4), $5, $6, '一种保护性耕作装置', 'invention', 'granted', 'modern_agriculture', $7, 1) RETURNING id`,
        [jlu.tenant_id, jlu.id, status, n, `20211009${String(n).padStart(4, '0')}.X`, `保护性耕作专利${n}`, open],
      );
      if (open)
        await env.db.query(
          `INSERT INTO open_licence (patent_id, tenant_id, fee_type, fee_fen, period_start, period_end) VALUES ($1, $2, 'lump_sum', 1000000, '2026-01-01', '2028-12-31')`,
          [rows[0].id, jlu.tenant_id],
        );
      return rows[0].id as string;
    };
    for (const n of [1, 2, 3]) patents.push(await patent(n, 'published', true));
    await patent(4, 'published', false);
    await patent(5, 'draft', true);
    // The segment: SMEs or 专精特新 in 现代农业, in Changchun. Only e1 (农安县) and e2 (榆树市, two mailboxes) are in it.
    await enterprise('e1', '220122', { sme: true }, 'modern_agriculture');
    await enterprise('e2', '220182', { specialized: true }, 'modern_agriculture', 2);
    await enterprise('e3', '220183', { sme: true }, 'new_materials'); // other field
    await enterprise('e4', '220122', {}, 'modern_agriculture'); // no status
    await enterprise('e5', '220211', { sme: true }, 'modern_agriculture'); // 吉林市
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  const definition = (name: string, over: object = {}) => ({
    name,
    subject: `【吉林省科技大市场】开放许可专利推送：${name}`,
    set: { kind: 'patent', openLicenceOnly: true },
    segment: { tenantCode: '220100', statuses: ['sme', 'specialized'], fields: ['modern_agriculture'] },
    itemsPerRecipient: 2,
    ...over,
  });

  it('refuses bad segments with a 4xx naming the field, and stores nothing', async () => {
    const before = await snapshot(env.db, CAMPAIGN_TABLES);
    const cases: [object, string][] = [
      [{ segment: { tenantCode: '2201' } }, 'segment.tenantCode'],
      [{ segment: { tenantCode: '220100', statuses: ['large'] } }, 'segment.statuses'],
      [{ segment: { tenantCode: '220100', fields: ['farming'] } }, 'segment.fields'],
      [{ segment: { tenantCode: '229999' } }, 'segment.tenantCode'],
      [{ segment: { tenantCode: '220200' } }, 'segment.tenantCode'], // Jilin City: outside Changchun's subtree
      [{ set: { kind: 'expert' } }, 'set.kind'],
      [{ itemsPerRecipient: 0 }, 'itemsPerRecipient'],
    ];
    for (const [over, field] of cases) {
      const res = await call('post', 'changchun_bureau', '/campaigns', definition('错误', over));
      expect([field, res.status]).toEqual([field, res.status >= 400 && res.status < 500 ? res.status : 'a 4xx']);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field.replace(/\[\d+\]$/, ''))).toContain(field);
    }
    // The outside-subtree case says why in Chinese.
    const outside = await call('post', 'changchun_bureau', '/campaigns', definition('越权', { segment: { tenantCode: '220200' } }));
    expect(outside.body.errors[0].message).toMatch(/不在您的辖区内/);
    expect(await snapshot(env.db, CAMPAIGN_TABLES)).toBe(before);
  });

  it('keeps another city, a county centre and an enterprise out of a city’s campaign', async () => {
    campaignId = (await ok('post', 'changchun_bureau', '/campaigns', definition('长春现代农业'))).id;
    const before = await snapshot(env.db, CAMPAIGN_TABLES);
    for (const user of ['jilin_city_bureau', 'nongan_center', 'nongan_enterprise', 'changchun_broker']) {
      for (const [method, path] of [
        ['get', `/campaigns/${campaignId}`],
        ['get', `/campaigns/${campaignId}/preview`],
        ['get', `/campaigns/${campaignId}/deliveries`],
        ['post', `/campaigns/${campaignId}/launch`],
      ] as const) {
        const status = (await call(method, user, path)).status;
        expect([user, path, [403, 404].includes(status) ? 'refused' : status]).toEqual([user, path, 'refused']);
      }
      const listed = await call('get', user, '/campaigns');
      expect([user, listed.status === 403 || !listed.body.items.some((c: { id: string }) => c.id === campaignId)]).toEqual([user, true]);
    }
    // The province (an ancestor) sees it.
    expect((await call('get', 'province_admin', `/campaigns/${campaignId}`)).status).toBe(200);
    expect(await snapshot(env.db, CAMPAIGN_TABLES)).toBe(before);
  });

  it('previews who gets what, and the launched campaign reaches exactly the previewed addresses, once each', async () => {
    const preview = await ok('get', 'changchun_bureau', `/campaigns/${campaignId}/preview`);
    const previewed = preview.mails.map((m: { email: string }) => m.email).sort();
    expect(previewed).toEqual(['e1.1@firm.example.cn', 'e2.1@firm.example.cn', 'e2.2@firm.example.cn']);
    expect([preview.recipients, preview.organizations, preview.enterprises, preview.setSize]).toEqual([3, 2, 2, 3]);
    for (const m of preview.mails) {
      expect(m.items).toHaveLength(2);
      for (const it of m.items) expect(patents).toContain(it.id);
      expect(m.items[0].reasons.join('；')).toMatch(/领域契合：同属领域 modern_agriculture/);
    }

    const launched = await ok('post', 'changchun_bureau', `/campaigns/${campaignId}/launch`, undefined, 202);
    expect(launched.state).toBe('launching');
    expect((await call('post', 'changchun_bureau', `/campaigns/${campaignId}/launch`)).status).toBe(409);

    const subject = definition('长春现代农业').subject;
    const mails = await until('the three campaign mails', async () => {
      const got = await mailsWith(subject);
      return got.length >= 3 ? got : null;
    });
    // Nothing more arrives once every delivery has its outcome.
    await until('every delivery sent', async () => {
      const c = await ok('get', 'changchun_bureau', `/campaigns/${campaignId}`);
      return c.states.sent === 3 ? c : null;
    });
    const final = await mailsWith(subject);
    expect(final.flatMap(recipientsOf).sort()).toEqual(previewed);
    const m = mails.find((x) => recipientsOf(x)[0] === 'e2.1@firm.example.cn')!;
    expect(m.text).toContain('e2科技有限公司（测试）');
    expect(m.text).toMatch(/保护性耕作专利\d/);
    expect(m.text).toMatch(/推荐理由：/);
    expect(header(m, 'list-unsubscribe')).toMatch(/^<http:\/\/.+\/campaigns\/u\/[0-9a-f-]{36}\/[\w-]{22}>$/);
    expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const deliveries = (await ok('get', 'changchun_bureau', `/campaigns/${campaignId}/deliveries`)).items;
    const d = deliveries.find((x: { email: string }) => x.email === 'e2.1@firm.example.cn');
    expect(m.messageId).toBe(`<campaign.${d.id}@techmarket.local>`);
    expect(d.messageId).toBe(m.messageId);
  });

  it('counts opens, clicks, interest, a contact and a registered contract in the funnel, per tier', async () => {
    const subject = definition('长春现代农业').subject;
    const mails = await mailsWith(subject);
    const to = (addr: string) => mails.find((x) => recipientsOf(x)[0] === addr)!;
    const http = env.http();
    // e1 opens (the pixel); e2.1 clicks (a click counts as an open) and says it is interested.
    const pixel = /src="https?:\/\/[^/]+(\/campaigns\/o\/[^"]+)"/.exec(String(to('e1.1@firm.example.cn').html))![1];
    const img = await http.get(pixel);
    expect([img.status, img.headers['content-type']]).toEqual([200, 'image/gif']);
    const click = await http.get(linkIn(to('e2.1@firm.example.cn'), 'c')).redirects(0);
    expect(click.status).toBe(302);
    expect(click.headers.location).toMatch(/\/catalog\?kind=patent&id=/);
    const interest = linkIn(to('e2.1@firm.example.cn'), 'i');
    expect((await http.get(interest)).text).toContain('表达合作意向');
    expect((await http.post(interest)).text).toContain('已收到您的合作意向');
    // A forged signature is refused and records nothing.
    const forged = linkIn(to('e1.1@firm.example.cn'), 'c').replace(/[\w-]{22}$/, 'A'.repeat(22));
    expect((await http.get(forged).redirects(0)).status).toBe(404);

    // A broker of Changchun records the contact (audited); Jilin City's bureau cannot.
    const deliveries = (await ok('get', 'changchun_bureau', `/campaigns/${campaignId}/deliveries`)).items as {
      id: string;
      email: string;
    }[];
    const e21 = deliveries.find((x) => x.email === 'e2.1@firm.example.cn')!;
    expect((await call('post', 'jilin_city_bureau', `/campaigns/deliveries/${e21.id}/contact`, { note: '越权' })).status).toBe(404);
    const contact = await ok('post', 'changchun_broker', `/campaigns/deliveries/${e21.id}/contact`, { note: '已组织线上对接' });
    expect((await call('post', 'changchun_broker', `/campaigns/deliveries/${e21.id}/contact`, { note: '再次' })).status).toBe(409);
    const audit = await env.db.query(`SELECT action FROM audit_log WHERE entity_type = 'CampaignContact' AND entity_id = $1`, [contact.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);

    // e2 licenses a pushed patent from 吉林大学 (attributed); e1 buys from someone else (not attributed).
    const register = async (buyer: string, seller: string, amountFen: number, patentIds: string[]) => {
      const c = await ok('post', 'province_admin', '/contracts', {
        title: '保护性耕作专利实施许可合同',
        contractType: 'licence',
        subType: 'patent_ordinary',
        sellerOrgId: seller,
        buyerOrgId: buyer,
        amountFen,
        techTransactionFen: amountFen,
        signedOn: TODAY,
        patentIds,
      });
      await ok('post', 'province_reviewer', `/contracts/${c.id}/register`, undefined, 200);
      return c.id as string;
    };
    const ciomp = (await env.db.query(`SELECT id FROM organization WHERE name LIKE '中国科学院长春光学%'`)).rows[0].id;
    // The unrelated one first: the queue takes them in order, so once the credited one is in, it was seen.
    const other = await register(org.e1, ciomp, 20_000_000, []);
    // A patent that was pushed to e2 (equal scores are ordered by id, so which two of the three it got varies).
    const pushed = (
      await env.db.query<{ items: { id: string }[] }>(
        `SELECT items FROM campaign_delivery WHERE campaign_id = $1 AND organization_id = $2 LIMIT 1`,
        [campaignId, org.e2],
      )
    ).rows[0].items[0].id;
    const attributed = await register(org.e2, org.jlu, 30_000_000, [pushed]);
    await until('the contract credited to the campaign', async () => {
      const r = await env.db.query(`SELECT contract_id, rule FROM campaign_conversion WHERE campaign_id = $1`, [campaignId]);
      return r.rowCount ? r.rows : null;
    });
    // The unrelated contract is processed by the same queue in order: once it is done, nothing was credited for it.
    await until('the unrelated contract processed', async () => {
      const jobs = await env.db.query(`SELECT 1 FROM campaign_conversion WHERE contract_id = $1`, [other]);
      const c = await ok('get', 'changchun_bureau', `/campaigns/${campaignId}`);
      return jobs.rowCount === 0 && c.funnel.contracted === 1 ? true : null;
    });
    const conv = await env.db.query(`SELECT contract_id, rule, amount_fen FROM campaign_conversion`);
    expect(conv.rows).toEqual([{ contract_id: attributed, rule: 'entry', amount_fen: '30000000' }]);

    const expected = {
      recipients: 3,
      delivered: 3,
      bounced: 0,
      opened: 2,
      clicked: 1,
      interested: 1,
      contacted: 1,
      contracted: 1,
      contractAmountFen: 30_000_000,
    };
    const city = await ok('get', 'changchun_bureau', `/campaigns/funnel?campaignId=${campaignId}`);
    expect(city.total).toEqual(expected);
    expect(city.byTenant).toEqual([
      {
        tenantCode: '220122',
        tenantName: '农安县',
        ...expected,
        recipients: 1,
        delivered: 1,
        clicked: 0,
        opened: 1,
        interested: 0,
        contacted: 0,
        contracted: 0,
        contractAmountFen: 0,
      },
      { tenantCode: '220182', tenantName: '榆树市', ...expected, recipients: 2, delivered: 2, opened: 1 },
    ]);
    const province = await ok('get', 'province_admin', '/campaigns/funnel');
    expect(province.byTenant).toEqual([{ tenantCode: '220100', tenantName: '长春市', ...expected }]);
    // The roll-up's statistics carry the same closed loop (this month's pushes), per child tenant.
    const year = TODAY.slice(0, 4);
    const rolled = await ok('get', 'province_admin', `/rollup/statistics?tenantCode=220000&period=${year}`);
    expect(rolled.sections.campaigns.byTenant).toEqual([{ tenantCode: '220100', tenantName: '长春市', ...expected }]);
    const rolledCity = await ok('get', 'changchun_bureau', `/rollup/statistics?tenantCode=220100&period=${year}`);
    expect(rolledCity.sections.campaigns.total).toEqual(expected);
    expect(
      (await ok('get', 'changchun_bureau', `/rollup/statistics?tenantCode=220100&period=${Number(year) - 1}`)).sections.campaigns.total
        .recipients,
    ).toBe(0);
    // Jilin City may not ask about Changchun; it sees nothing of it in its own funnel.
    const refused = await call('get', 'jilin_city_bureau', '/campaigns/funnel?tenantCode=220100');
    expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([400, 'tenantCode']);
    expect((await ok('get', 'jilin_city_bureau', '/campaigns/funnel')).total.recipients).toBe(0);

    // An amendment that no longer qualifies (signed before the push) takes the chain's credit away.
    const amended = await ok('post', 'jlu_member', `/contracts/${attributed}/amendments`, {
      signedOn: `${Number(year) - 1}-12-01`,
      reason: '更正签订日期',
    });
    await ok('post', 'province_reviewer', `/contracts/${amended.id}/register`, undefined, 200);
    await until('the credit withdrawn', async () => {
      const r = await env.db.query(`SELECT 1 FROM campaign_conversion WHERE campaign_id = $1`, [campaignId]);
      return r.rowCount === 0;
    });
    expect((await ok('get', 'changchun_bureau', `/campaigns/funnel?campaignId=${campaignId}`)).total).toMatchObject({
      contracted: 0,
      contractAmountFen: 0,
    });
  });

  it('honours a one-click unsubscribe in every later campaign (left out of the preview and of the mail); bounces a 5xx, retries a 4xx', async () => {
    const mail = (await mailsWith(definition('长春现代农业').subject)).find((x) => recipientsOf(x)[0] === 'e2.2@firm.example.cn')!;
    const link = linkIn(mail, 'u');
    const page = await env.http().get(link);
    expect([page.status, page.text]).toEqual([200, expect.stringContaining('确认退订')]);
    expect(await env.db.query(`SELECT 1 FROM campaign_unsubscribe`).then((r) => r.rowCount)).toBe(0); // GET changes nothing
    // What a mail client sends for List-Unsubscribe-Post (RFC 8058).
    const post = await env.http().post(link).type('form').send('List-Unsubscribe=One-Click');
    expect([post.status, post.text]).toEqual([200, expect.stringContaining('您已退订')]);

    // e1 gets two more addresses: one that does not exist (5xx: bounced, not retried), one refused once (4xx: retried).
    for (const [name, email] of [
      ['e1_bounce', 'bounce.e1@firm.example.cn'],
      ['e1_flaky', 'flaky.e1@firm.example.cn'],
    ])
      await env.db.query(
        `INSERT INTO user_account (tenant_id, organization_id, username, display_name, email, password_hash, roles)
         SELECT tenant_id, id, $2, $2, $3, 'x', ARRAY['enterprise_member'] FROM organization WHERE id = $1`,
        [org.e1, name, email],
      );
    const second = (await ok('post', 'changchun_bureau', '/campaigns', definition('长春现代农业·第二期'))).id;
    const preview = await ok('get', 'changchun_bureau', `/campaigns/${second}/preview`);
    expect(preview.mails.map((m: { email: string }) => m.email).sort()).toEqual([
      'bounce.e1@firm.example.cn',
      'e1.1@firm.example.cn',
      'e2.1@firm.example.cn',
      'flaky.e1@firm.example.cn',
    ]);
    expect(preview.unsubscribedExcluded).toBe(1);
    await ok('post', 'changchun_bureau', `/campaigns/${second}/launch`, undefined, 202);
    const c = await until('the second campaign settled', async () => {
      const got = await ok('get', 'changchun_bureau', `/campaigns/${second}`);
      return got.states.sent === 3 && got.states.bounced === 1 ? got : null;
    });
    const got = (await mailsWith(definition('长春现代农业·第二期').subject)).flatMap(recipientsOf).sort();
    expect(got).toEqual(['e1.1@firm.example.cn', 'e2.1@firm.example.cn', 'flaky.e1@firm.example.cn']);
    expect([c.funnel.recipients, c.funnel.delivered, c.funnel.bounced]).toEqual([4, 3, 1]);
    const rows = (await ok('get', 'changchun_bureau', `/campaigns/${second}/deliveries`)).items as {
      email: string;
      state: string;
      attempts: number;
      lastError: string | null;
    }[];
    const by = (email: string) => rows.find((r) => r.email === email)!;
    expect([by('bounce.e1@firm.example.cn').state, by('bounce.e1@firm.example.cn').attempts]).toEqual(['bounced', 1]);
    expect(by('bounce.e1@firm.example.cn').lastError).toMatch(/^550/);
    expect([by('flaky.e1@firm.example.cn').state, by('flaky.e1@firm.example.cn').attempts]).toEqual(['sent', 2]);
  });

  it('a worker killed with SIGKILL mid-batch and restarted sends no mail twice and loses none (the interrupted one is marked unknown)', async () => {
    const N = 30;
    for (let i = 0; i < N; i++) await enterprise(`s${i}`, '220112', { sme: true }, 'modern_agriculture');
    const def = definition('双阳批量', { segment: { tenantCode: '220112', statuses: ['sme'] } });
    const id = (await ok('post', 'changchun_bureau', '/campaigns', def)).id;
    const preview = await ok('get', 'changchun_bureau', `/campaigns/${id}/preview`);
    expect(preview.recipients).toBe(N);
    await ok('post', 'changchun_bureau', `/campaigns/${id}/launch`, undefined, 202);
    // 5 mails a second: kill the worker once about a third have arrived.
    await until('a third of the batch', async () => ((await mailsWith(def.subject)).length >= N / 3 ? true : null));
    process.kill(worker, 'SIGKILL');
    const atKill = (await mailsWith(def.subject)).length;
    expect(atKill).toBeLessThan(N);
    worker = await env.startWorker();

    const states = await until(
      'every delivery settled',
      async () => {
        const c = await ok('get', 'changchun_bureau', `/campaigns/${id}`);
        const settled = (c.states.sent ?? 0) + (c.states.unknown ?? 0);
        return settled === N ? (c.states as Record<string, number>) : null;
      },
      120_000,
    );
    const mails = await mailsWith(def.subject);
    const perAddress = new Map<string, number>();
    for (const a of mails.flatMap(recipientsOf)) perAddress.set(a, (perAddress.get(a) ?? 0) + 1);
    const doubled = [...perAddress].filter(([, n]) => n > 1);
    expect(doubled).toEqual([]);
    const rows = (await env.db.query(`SELECT email, state FROM campaign_delivery WHERE campaign_id = $1`, [id])).rows as {
      email: string;
      state: string;
    }[];
    // Every 'sent' row has its mail; an 'unknown' row (the worker died between the claim and the outcome) may or may not.
    for (const r of rows) {
      if (r.state === 'sent') expect([r.email, perAddress.get(r.email)]).toEqual([r.email, 1]);
      else expect([r.email, r.state]).toEqual([r.email, 'unknown']);
    }
    // The kill landed while mails were held by the server (2 in flight, each held 600 ms): those rows
    // are unknown — at least one, no more than the worker's concurrency — and none was sent again.
    expect(states.unknown ?? 0).toBeGreaterThanOrEqual(1);
    expect(states.unknown ?? 0).toBeLessThanOrEqual(2);
    expect(mails.length).toBeGreaterThanOrEqual(N - (states.unknown ?? 0));
    expect(mails.length).toBeLessThanOrEqual(N);

    // 投递核查: the campaign's admin settles an unknown delivery. Others may not; a bad answer is a 400
    // naming the field; a row that is not unknown is a 409; nothing changes on a refusal.
    const unknown = (await ok('get', 'changchun_bureau', `/campaigns/${id}/deliveries`)).items.filter(
      (d: { state: string }) => d.state === 'unknown',
    );
    const [target] = unknown as { id: string; email: string }[];
    const sentRow = rows.find((r) => r.state === 'sent')!;
    const review = (user: string, deliveryId: string, body: object) =>
      call('post', user, `/campaigns/deliveries/${deliveryId}/review`, body);
    expect((await review('jilin_city_bureau', target.id, { outcome: 'resend', note: '核查' })).status).toBe(404);
    expect((await review('changchun_broker', target.id, { outcome: 'resend', note: '核查' })).status).toBe(403);
    const bad = await review('changchun_bureau', target.id, { outcome: 'maybe', note: '' });
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field).sort()]).toEqual([400, ['note', 'outcome']]);
    const sentId = (await env.db.query(`SELECT id FROM campaign_delivery WHERE campaign_id = $1 AND email = $2`, [id, sentRow.email]))
      .rows[0].id;
    const notUnknown = await review('changchun_bureau', sentId, { outcome: 'resend', note: '核查' });
    expect([notUnknown.status, notUnknown.body.code]).toEqual([409, 'CAMPAIGN_DELIVERY_NOT_UNKNOWN']);
    expect((await env.db.query(`SELECT state FROM campaign_delivery WHERE id = $1`, [target.id])).rows[0].state).toBe('unknown');
    // Resent: the address gets the mail (again, if the interrupted one had gone), the row is sent.
    const before = perAddress.get(target.email) ?? 0;
    const settled = await ok(
      'post',
      'changchun_bureau',
      `/campaigns/deliveries/${target.id}/review`,
      {
        outcome: 'resend',
        note: '企业来电确认未收到推送邮件',
      },
      200,
    );
    expect([settled.outcome, settled.note]).toEqual(['resent', '企业来电确认未收到推送邮件']);
    await until('the resent mail', async () => {
      const n = (await mailsWith(def.subject)).flatMap(recipientsOf).filter((a) => a === target.email).length;
      return n === before + 1 ? true : null;
    });
    await until('the resent row sent', async () =>
      (await env.db.query(`SELECT state FROM campaign_delivery WHERE id = $1`, [target.id])).rows[0].state === 'sent' ? true : null,
    );
    expect((await review('changchun_bureau', target.id, { outcome: 'delivered', note: '再次核查' })).status).toBe(409);
    // A second unknown row, if the kill left one, is settled as delivered: it counts as sent without a mail.
    if (unknown.length > 1) {
      const other = unknown[1] as { id: string; email: string };
      const count = (await mailsWith(def.subject)).flatMap(recipientsOf).filter((a) => a === other.email).length;
      await ok(
        'post',
        'changchun_bureau',
        `/campaigns/deliveries/${other.id}/review`,
        { outcome: 'delivered', note: '邮件服务器日志显示已投递' },
        200,
      );
      expect((await env.db.query(`SELECT state FROM campaign_delivery WHERE id = $1`, [other.id])).rows[0].state).toBe('sent');
      expect((await mailsWith(def.subject)).flatMap(recipientsOf).filter((a) => a === other.email).length).toBe(count);
    }
    const listed = (await ok('get', 'changchun_bureau', `/campaigns/${id}/deliveries`)).items.find(
      (d: { id: string }) => d.id === target.id,
    );
    expect([listed.state, listed.review?.outcome, listed.review?.note]).toEqual(['sent', 'resent', '企业来电确认未收到推送邮件']);
    const audit = await env.db.query(`SELECT action FROM audit_log WHERE entity_type = 'CampaignDeliveryReview' AND entity_id = $1`, [
      (await env.db.query(`SELECT id FROM campaign_delivery_review WHERE delivery_id = $1`, [target.id])).rows[0].id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);
  });

  it('takes an enterprise’s 行业领域 from its declared profile as well as from its demands', async () => {
    // e6 posted a 新材料 demand but declares 光电 in its profile: a 光电 segment takes it.
    await enterprise('e6', '220122', { sme: true }, 'new_materials');
    await env.db.query(
      `INSERT INTO organization_profile (tenant_id, organization_id, fields) SELECT tenant_id, id, $2 FROM organization WHERE id = $1`,
      [org.e6, ['optoelectronics']],
    );
    const segment = { tenantCode: '220100', statuses: ['sme'], fields: ['optoelectronics'] };
    const id = (await ok('post', 'changchun_bureau', '/campaigns', definition('长春光电', { segment }))).id;
    const preview = await ok('get', 'changchun_bureau', `/campaigns/${id}/preview`);
    expect(preview.mails.map((m: { email: string }) => m.email)).toEqual(['e6.1@firm.example.cn']);
    // …and its demand's field still counts.
    const byDemand = (
      await ok('post', 'changchun_bureau', '/campaigns', definition('长春新材料', { segment: { ...segment, fields: ['new_materials'] } }))
    ).id;
    const viaDemand = (await ok('get', 'changchun_bureau', `/campaigns/${byDemand}/preview`)).mails.map((m: { email: string }) => m.email);
    expect(viaDemand).toContain('e6.1@firm.example.cn');
  });
});
