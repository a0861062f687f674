import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { chinaDate } from '../../libs/core/src/time/china-time.js';
import { addWorkingDays } from '../../libs/core/src/time/working-days.js';
import { pdfText } from '../support/pdf-text.js';
import { DEMO_PASSWORD, snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';
import { until } from '../support/poll.js';

const YEAR = Number(chinaDate().slice(0, 4));
const CONTRACT_TABLES = [
  'tech_contract',
  'tech_contract_patent',
  'contract_payment',
  'contract_expert_review',
  'contract_evidence',
  'audit_log',
];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const patentNumber = (serial: number) => {
  const digits = `2022100${String(serial).padStart(5, '0')}`;
  return `${digits}.${checkDigit(digits)}`;
};
const daysAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Contract registration as registrars do it (issue 9): money received with bank references and
 * confirmation, deadlines in China's working days, expert reviews, certificates, cancellation,
 * technology imports, duplicate warnings, facts with evidence, and the audit log of the writes
 * made in SQL — each route also tried by a sibling city and by a county of it (404, nothing changes).
 */
describe('contract registration as registrars do it (认定登记实务)', () => {
  let env: TestEnv;
  const ids: Record<string, string> = {};
  type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

  const call = async (method: Method, user: string, path: string, body?: object, instance = 0) => {
    const req = env
      .http(instance)
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };
  /** The facts of the events the policy engine stored (it stores every contract event it receives). */
  const storedEvents = async (type: string, contractId: string) =>
    (
      await env.db.query(`SELECT facts FROM policy_event WHERE type = $1 AND facts->'contract'->>'id' = $2 ORDER BY received_at`, [
        type,
        contractId,
      ])
    ).rows.map((r) => r.facts as Record<string, never> & { contract: Record<string, unknown>; payment?: Record<string, unknown> });
  const submit = async (user: string, over: Record<string, unknown> = {}) => {
    const res = await call('post', user, '/contracts', {
      title: '光电编码器专利权转让合同',
      contractType: 'transfer',
      subType: 'patent_right',
      sellerOrgId: ids.jlu,
      buyerOrgId: ids.nonganFirm,
      amountFen: 100_000_000,
      techTransactionFen: 100_000_000,
      signedOn: `${YEAR}-03-01`,
      ...over,
    });
    expect([res.status, res.body.detail]).toEqual([201, undefined]);
    return res.body as { id: string; warnings: { code: string; message: string; similarContractId: string }[] } & Record<string, never>;
  };
  const register = async (id: string, user = 'changchun_reviewer') => {
    const res = await call('post', user, `/contracts/${id}/register`, {});
    expect([res.status, res.body.detail]).toEqual([200, undefined]);
    return res.body as { registrationNumber: string } & Record<string, never>;
  };
  const upload = async (user: string, id: string, fields: Record<string, string>, file?: { name: string; content: Buffer }) => {
    const req = env
      .http()
      .post(`/contracts/${id}/facts`)
      .set(await env.as(user));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    if (file) req.attach('file', file.content, file.name);
    return req;
  };
  const mailTo = (user: string, subject: string) =>
    until(`mail to ${user}: ${subject}`, async () =>
      (await env.smtp.messages()).find(
        (m: ParsedMail) =>
          (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(`${user}@demo.techmarket.cn`)) && m.subject?.includes(subject),
      ),
    );

  beforeAll(async () => {
    env = await useSharedApi({ instances: 2 });
    const org = async (name: string) => (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;
    ids.jlu = await org('吉林大学');
    ids.ciomp = await org('中国科学院长春光学精密机械与物理研究所');
    ids.nonganFirm = await org('农安县禾丰农业科技有限公司（演示）');
    for (const user of ['jilin_city_bureau', 'fengman_center', 'nongan_enterprise', 'jlu_member', 'changchun_reviewer']) await env.as(user);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  describe('7. money received (到账)', () => {
    it('records with a bank reference, counts only what the other party or the registrar confirmed, and publishes on confirmation', async () => {
      ids.paid = (await submit('jlu_member')).id;
      await register(ids.paid);

      const before = await snapshot(env.db, CONTRACT_TABLES);
      const noRef = await call('post', 'jlu_member', `/contracts/${ids.paid}/payments`, { receivedOn: `${YEAR}-04-01`, amountFen: 100 });
      expect([noRef.status, noRef.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['bankReference']]);
      expect(await snapshot(env.db, CONTRACT_TABLES)).toBe(before);

      const p1 = await call('post', 'jlu_member', `/contracts/${ids.paid}/payments`, {
        receivedOn: `${YEAR}-04-01`,
        amountFen: 30_000_000,
        bankReference: 'CCB-0401-001',
      });
      expect([p1.status, p1.body.receivedFen, p1.body.recordedFen, p1.body.payments[0].confirmed]).toEqual([201, 0, 30_000_000, false]);
      ids.p1 = p1.body.payments[0].id;
      const p2 = await call('post', 'nongan_enterprise', `/contracts/${ids.paid}/payments`, {
        receivedOn: `${YEAR}-04-02`,
        amountFen: 20_000_000,
        bankReference: 'ABC-0402-002',
      });
      expect(p2.status).toBe(201);
      ids.p2 = p2.body.payments.find((p: { bankReference: string }) => p.bankReference === 'ABC-0402-002').id;

      const again = await call('post', 'jlu_member', `/contracts/${ids.paid}/payments`, {
        receivedOn: `${YEAR}-04-03`,
        amountFen: 1,
        bankReference: 'CCB-0401-001',
      });
      expect([again.status, again.body.code]).toEqual([409, 'PAYMENT_REFERENCE_TAKEN']);

      // Whoever recorded it cannot confirm it; a broker is no party; the other party can.
      const self = await call('post', 'jlu_member', `/contracts/${ids.paid}/payments/${ids.p1}/confirm`, {});
      expect([self.status, self.body.code]).toEqual([403, 'PAYMENT_CONFIRMER']);
      expect((await call('post', 'changchun_broker', `/contracts/${ids.paid}/payments/${ids.p1}/confirm`, {})).status).toBe(403);
      const confirmed = await call('post', 'nongan_enterprise', `/contracts/${ids.paid}/payments/${ids.p1}/confirm`, {}, 1);
      expect([confirmed.status, confirmed.body.receivedFen, confirmed.body.recordedFen]).toEqual([200, 30_000_000, 50_000_000]);
      expect((await call('post', 'changchun_reviewer', `/contracts/${ids.paid}/payments/${ids.p1}/confirm`, {})).status).toBe(409);

      // One payment.received event, for the confirmed payment, whose facts count only it.
      const events = await until('payment.received', async () => {
        const e = await storedEvents('payment.received', ids.paid);
        return e.length ? e : null;
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(await storedEvents('payment.received', ids.paid)).toHaveLength(1);
      expect(events[0].payment).toMatchObject({
        id: ids.p1,
        amountFen: 30_000_000,
        bankReference: 'CCB-0401-001',
        confirmedOn: chinaDate(),
      });
      expect(events[0].contract.receivedFen).toBe(30_000_000);
    });

    it('never lets the payments exceed the contract amount, even recorded in parallel on two processes', async () => {
      const over = await call('post', 'jlu_member', `/contracts/${ids.paid}/payments`, {
        receivedOn: `${YEAR}-04-05`,
        amountFen: 50_000_001,
        bankReference: 'OVER-1',
      });
      expect([over.status, over.body.errors[0].field, over.body.errors[0].message]).toEqual([
        400,
        'amountFen',
        expect.stringContaining('500,000.00'),
      ]);

      const small = (
        await submit('jlu_member', {
          title: '并发到账测试合同',
          amountFen: 1_000_000,
          techTransactionFen: 1_000_000,
          signedOn: `${YEAR}-01-15`,
        })
      ).id;
      await register(small);
      const auth = await env.as('jlu_member');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          env
            .http(i % 2)
            .post(`/contracts/${small}/payments`)
            .set(auth)
            .send({ receivedOn: `${YEAR}-05-01`, amountFen: 200_000, bankReference: `PAR-${i}` }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 201, 201, 400, 400, 400, 400, 400]);
      expect(results.filter((r) => r.status === 400).every((r) => r.body.errors[0].field === 'amountFen')).toBe(true);
      const { rows } = await env.db.query(`SELECT sum(amount_fen)::bigint AS total FROM contract_payment WHERE contract_id = $1`, [small]);
      expect(rows[0].total).toBe('1000000');
    });

    it('carries the payments into an amendment: the registered amendment’s facts include them', async () => {
      const low = await call('post', 'jlu_member', `/contracts/${ids.paid}/amendments`, {
        amountFen: 40_000_000,
        techTransactionFen: 40_000_000,
        reason: '减少合同金额',
      });
      expect([low.status, low.body.errors?.[0].field]).toEqual([400, 'amountFen']);

      const amendment = await call('post', 'jlu_member', `/contracts/${ids.paid}/amendments`, {
        amountFen: 200_000_000,
        techTransactionFen: 200_000_000,
        reason: '追加合同金额',
      });
      expect([amendment.status, amendment.body.receivedFen, amendment.body.payments.length]).toEqual([201, 30_000_000, 2]);
      ids.amendment = amendment.body.id;
      await register(ids.amendment);
      const [registered] = await until('the amendment’s contract.registered', async () => {
        const e = await storedEvents('contract.registered', ids.amendment);
        return e.length ? e : null;
      });
      expect(registered.contract).toMatchObject({ id: ids.amendment, rootId: ids.paid, amountFen: 200_000_000, receivedFen: 30_000_000 });

      // The payment recorded on the original is confirmed through the amendment and counts there.
      const p2 = await call('post', 'changchun_reviewer', `/contracts/${ids.amendment}/payments/${ids.p2}/confirm`, {});
      expect([p2.status, p2.body.receivedFen]).toEqual([200, 50_000_000]);
      expect(
        (
          await call('post', 'jlu_member', `/contracts/${ids.paid}/payments`, {
            receivedOn: `${YEAR}-06-01`,
            amountFen: 1,
            bankReference: 'OLD',
          })
        ).status,
      ).toBe(409);
    });
  });

  describe('11. deadlines (办结期限)', () => {
    it('is due in 15 working days, 30 with an expert review, counted on China’s official calendar', async () => {
      const today = chinaDate();
      const small = await submit('jlu_member', { title: '期限测试合同', signedOn: `${YEAR}-02-01` });
      expect([small.dueOn, small.expertReview]).toEqual([addWorkingDays(today, 15), false]);
      const big = await submit('jlu_member', {
        title: '重大技术开发合同',
        contractType: 'development',
        subType: 'commissioned',
        amountFen: 800_000_000,
        techTransactionFen: 500_000_000,
        signedOn: `${YEAR}-02-02`,
      });
      expect([big.dueOn, big.expertReview]).toEqual([addWorkingDays(today, 30), true]);
      ids.small = small.id;
      ids.big = big.id;
    });

    it('lists what is overdue and what is due soon, soonest first, only within the registrar’s subtree', async () => {
      // Two contracts submitted weeks ago (their deadlines passed) and one due today.
      const late = (await submit('jlu_member', { title: '超期合同甲', signedOn: `${YEAR}-01-10` })).id;
      const later = (await submit('jlu_member', { title: '超期合同乙', signedOn: `${YEAR}-01-11` })).id;
      await env.db.query(`UPDATE tech_contract SET due_on = $2 WHERE id = $1`, [late, daysAfter(chinaDate(), -3)]);
      await env.db.query(`UPDATE tech_contract SET due_on = $2 WHERE id = $1`, [later, daysAfter(chinaDate(), -20)]);
      await env.db.query(`UPDATE tech_contract SET due_on = $2 WHERE id = $1`, [ids.small, chinaDate()]);

      const overdue = await call('get', 'changchun_reviewer', '/contracts?due=overdue');
      expect(overdue.body.items.map((c: { id: string }) => c.id)).toEqual([later, late]);
      const soon = await call('get', 'changchun_reviewer', '/contracts?due=soon');
      expect(soon.body.items.map((c: { id: string }) => c.id)).toEqual([ids.small]);
      const paged = await call('get', 'changchun_reviewer', '/contracts?due=overdue&limit=1');
      const next = await call('get', 'changchun_reviewer', `/contracts?due=overdue&limit=1&cursor=${paged.body.nextCursor}`);
      expect([...paged.body.items, ...next.body.items].map((c: { id: string }) => c.id)).toEqual([later, late]);

      for (const user of ['jilin_city_bureau', 'fengman_center']) {
        for (const due of ['overdue', 'soon']) expect((await call('get', user, `/contracts?due=${due}`)).body.items).toEqual([]);
      }
      const bad = await call('get', 'changchun_reviewer', '/contracts?due=yesterday');
      expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'due']);
      await register(late);
      expect((await call('get', 'changchun_reviewer', '/contracts?due=overdue')).body.items.map((c: { id: string }) => c.id)).toEqual([
        later,
      ]);
    });
  });

  describe('12. expert review (专家评审)', () => {
    const publishExpert = async (creator: string, body: object) => {
      const made = await call('post', creator, '/experts', { title: '研究员', fields: ['new_materials'], ...body });
      expect(made.status).toBe(201);
      expect((await call('post', creator, `/experts/${made.body.id}/submit`, {})).status).toBe(200);
      expect((await call('post', 'changchun_reviewer', `/experts/${made.body.id}/publish`, {})).status).toBe(200);
      return made.body.id as string;
    };

    it('assigns experts of the pool, never one of a party’s organisation, and registers only after every opinion', async () => {
      ids.expert = await publishExpert('changchun_expert', { name: '王评审' });
      const partyExpert = await publishExpert('changchun_bureau', { name: '吉大专家', organizationId: ids.jlu });
      const noAccount = await publishExpert('changchun_bureau', { name: '无账号专家' });
      const draft = (await call('post', 'changchun_bureau', '/experts', { name: '草稿专家', title: '教授', fields: ['new_materials'] }))
        .body.id;
      const outsider = await call('post', 'jilin_city_bureau', '/users', {
        tenantCode: '220200',
        username: 'jilin_expert',
        displayName: '吉林市专家',
        password: DEMO_PASSWORD,
        roles: ['expert'],
      });
      expect(outsider.status).toBe(201);

      const incomplete = await call('post', 'changchun_reviewer', `/contracts/${ids.big}/register`, {});
      expect([incomplete.status, incomplete.body.code]).toEqual([409, 'EXPERT_REVIEW_INCOMPLETE']);

      const before = await snapshot(env.db, CONTRACT_TABLES);
      for (const [expertId, code] of [
        [partyExpert, '专家所在机构是合同当事方，须回避'],
        [noAccount, '该专家尚未关联账号'],
        [draft, '不是专家库中已发布的专家'],
      ]) {
        const res = await call('post', 'changchun_reviewer', `/contracts/${ids.big}/experts`, { expertIds: [ids.expert, expertId] });
        expect([res.status, res.body.errors[0].field, res.body.errors[0].message]).toEqual([
          400,
          'expertIds[1]',
          expect.stringContaining(code),
        ]);
      }
      expect((await call('post', 'jlu_member', `/contracts/${ids.big}/experts`, { expertIds: [ids.expert] })).status).toBe(403);
      const notNeeded = await call('post', 'changchun_reviewer', `/contracts/${ids.small}/experts`, { expertIds: [ids.expert] });
      expect([notNeeded.status, notNeeded.body.code]).toEqual([409, 'EXPERT_REVIEW_NOT_REQUIRED']);
      expect(await snapshot(env.db, CONTRACT_TABLES)).toBe(before);

      const assigned = await call('post', 'changchun_reviewer', `/contracts/${ids.big}/experts`, { expertIds: [ids.expert] });
      expect([assigned.status, assigned.body.expertReviews.map((r: { expertName: string }) => r.expertName)]).toEqual([200, ['王评审']]);
      ids.review = assigned.body.expertReviews[0].id;
      const pending = await call('post', 'changchun_reviewer', `/contracts/${ids.big}/register`, {});
      expect([pending.status, pending.body.detail]).toEqual([409, expect.stringContaining('1 位尚未提交意见')]);

      // The expert sees the assignment with the contract; nobody else answers it.
      const mine = await call('get', 'changchun_expert', '/contract-reviews');
      expect(mine.body.items.map((r: { id: string; contract: { title: string } }) => [r.id, r.contract.title])).toEqual([
        [ids.review, '重大技术开发合同'],
      ]);
      expect((await call('get', 'changchun_expert', `/contracts/${ids.big}`)).status).toBe(403); // the review shows what the expert needs
      expect((await call('get', 'jilin_expert', '/contract-reviews')).body.items).toEqual([]);
      const opinion = { opinion: 'agree', comment: '技术内容真实，交易额认定合理' };
      expect((await call('post', 'jilin_expert', `/contract-reviews/${ids.review}/opinion`, opinion)).status).toBe(404);
      expect((await call('post', 'changchun_reviewer', `/contract-reviews/${ids.review}/opinion`, opinion)).status).toBe(403);
      const bad = await call('post', 'changchun_expert', `/contract-reviews/${ids.review}/opinion`, { opinion: 'maybe', comment: 'x' });
      expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'opinion']);

      const given = await call('post', 'changchun_expert', `/contract-reviews/${ids.review}/opinion`, opinion);
      expect([given.status, given.body.opinion, given.body.comment]).toEqual([200, 'agree', opinion.comment]);
      expect((await call('post', 'changchun_expert', `/contract-reviews/${ids.review}/opinion`, opinion)).body.code).toBe(
        'OPINION_ALREADY_RECORDED',
      );
      expect((await call('get', 'changchun_reviewer', `/contracts/${ids.big}`)).body.expertReviews[0]).toMatchObject({ opinion: 'agree' });
      await register(ids.big);
    });
  });

  describe('13. certificate (登记证明)', () => {
    it('prints a zh-CN page and a PDF with the number, both amounts, type, parties, date and the tax relief', async () => {
      const registered = (await call('get', 'jlu_member', `/contracts/${ids.amendment}`)).body;
      const html = await call('get', 'nongan_enterprise', `/contracts/${ids.amendment}/certificate`);
      expect([html.status, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
      const expected = [
        '技术合同认定登记证明',
        registered.registrationNumber,
        '技术合同成交额',
        '2,000,000.00 元',
        '技术交易额',
        '技术转让（专利权转让）',
        '吉林大学',
        '农安县禾丰农业科技有限公司（演示）',
        chinaDate(new Date(registered.registeredAt)),
        '免征增值税',
        '不超过 500 万元的部分免征企业所得税',
      ];
      for (const text of expected) expect([text, html.text.includes(text)]).toEqual([text, true]);

      const pdf = await env
        .http()
        .get(`/contracts/${ids.amendment}/certificate.pdf`)
        .set(await env.as('jlu_member'))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
      const body = pdf.body as Buffer;
      expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(body);
      for (const t of expected.slice(0, 10)) expect([t, text.includes(t)]).toEqual([t, true]);

      // A development contract supports the VAT exemption only; a superseded or unregistered one has no certificate.
      const dev = await call('get', 'changchun_reviewer', `/contracts/${ids.big}/certificate`);
      expect([
        dev.text.includes('技术开发（委托开发）'),
        dev.text.includes('免征增值税'),
        dev.text.includes('企业所得税法实施条例'),
      ]).toEqual([true, true, false]);
      for (const id of [ids.paid, ids.small]) {
        const res = await call('get', 'jlu_member', `/contracts/${id}/certificate`);
        expect([res.status, res.body.code]).toEqual([409, 'CERTIFICATE_UNAVAILABLE']);
      }
    });
  });

  describe('14. cancellation, technology imports, duplicate warnings', () => {
    it('cancels a registration with a reason (registrar only), audited, and publishes contract.cancelled with the contract’s facts', async () => {
      const c = (
        await submit('jlu_member', {
          title: '拟撤销合同',
          amountFen: 70_000_000,
          techTransactionFen: 70_000_000,
          signedOn: `${YEAR}-05-20`,
        })
      ).id;
      const { registrationNumber } = await register(c);
      const before = await snapshot(env.db, CONTRACT_TABLES);
      expect((await call('post', 'jlu_member', `/contracts/${c}/cancel`, { reason: '合同已解除' })).status).toBe(403);
      const noReason = await call('post', 'changchun_reviewer', `/contracts/${c}/cancel`, {});
      expect([noReason.status, noReason.body.errors[0].field]).toEqual([400, 'reason']);
      expect(await snapshot(env.db, CONTRACT_TABLES)).toBe(before);

      const cancelled = await call('post', 'changchun_reviewer', `/contracts/${c}/cancel`, { reason: '双方协议解除合同' });
      expect([cancelled.status, cancelled.body.status, cancelled.body.cancelReason]).toEqual([200, 'cancelled', '双方协议解除合同']);
      expect((await call('post', 'changchun_reviewer', `/contracts/${c}/cancel`, { reason: '再次撤销' })).status).toBe(409);
      expect(
        (await call('post', 'jlu_member', `/contracts/${c}/payments`, { receivedOn: `${YEAR}-06-01`, amountFen: 1, bankReference: 'X' }))
          .status,
      ).toBe(409);

      const audit = await call('get', 'changchun_bureau', `/audit-logs?entityType=TechContract&entityId=${c}`);
      const entry = audit.body.items.find((a: { changes: { status?: { to: string } } }) => a.changes.status?.to === 'cancelled');
      expect(entry.changes.cancelReason).toEqual({ from: null, to: '双方协议解除合同' });
      expect(entry.actorUserId).toBe((await env.db.query(`SELECT id FROM user_account WHERE username = 'changchun_reviewer'`)).rows[0].id);

      // The contracts module's own consumer tells both parties, from the facts the event carried.
      for (const user of ['jlu_member', 'nongan_enterprise']) {
        const mail = await mailTo(user, `技术合同登记已撤销：${registrationNumber}`);
        expect(mail.text).toContain('撤销原因：双方协议解除合同');
        expect(mail.text).toContain('吉林大学 → 农安县禾丰农业科技有限公司（演示）');
      }
    });

    it('registers a technology import where the domestic buyer is', async () => {
      const foreign = await call('post', 'province_admin', '/organizations', {
        tenantCode: '220000',
        name: 'Optronics Technologies GmbH（境外）',
        type: 'enterprise',
      });
      expect(foreign.status).toBe(201);
      const imported = await submit('nongan_enterprise', {
        title: '引进激光测距技术秘密许可合同',
        contractType: 'licence',
        subType: 'know_how',
        direction: 'import',
        sellerOrgId: foreign.body.id,
        amountFen: 90_000_000,
        techTransactionFen: 90_000_000,
        signedOn: `${YEAR}-04-18`,
      });
      const tenant = (await env.db.query(`SELECT id FROM tenant WHERE code = '220122'`)).rows[0].id;
      expect([imported.direction, imported.tenantId]).toEqual(['import', tenant]);
      for (const user of ['jilin_city_bureau', 'fengman_center'])
        expect((await call('post', user, `/contracts/${imported.id}/register`, {})).status).toBe(404);
      const { registrationNumber } = await register(imported.id, 'nongan_center');
      expect(registrationNumber).toMatch(new RegExp(`^${String(YEAR).slice(2)}220122\\d{6}$`));
      const [event] = await until('the import’s contract.registered', async () => {
        const e = await storedEvents('contract.registered', imported.id);
        return e.length ? e : null;
      });
      expect(event.contract).toMatchObject({ direction: 'import', tenantCode: '220122' });
    });

    it('warns when a submitted contract looks like a registered one, without blocking it', async () => {
      const patent = await call('post', 'jlu_member', '/patents', {
        applicationNumber: patentNumber(7),
        title: '重复检测专利',
        patentType: 'invention',
        legalStatus: 'granted',
      });
      const base = (
        await submit('jlu_member', {
          title: '原合同',
          amountFen: 300_000_000,
          techTransactionFen: 300_000_000,
          signedOn: `${YEAR}-07-01`,
          patentIds: [patent.body.id],
        })
      ).id;
      const { registrationNumber } = await register(base);

      const twin = await submit('jlu_member', {
        title: '疑似重复合同',
        amountFen: 301_000_000,
        techTransactionFen: 300_000_000,
        signedOn: `${YEAR}-07-20`,
      });
      expect(twin.status).toBe('submitted');
      expect(twin.warnings).toEqual([
        {
          code: 'SIMILAR_REGISTERED_CONTRACT',
          message: expect.stringContaining(registrationNumber),
          similarContractId: base,
          similarRegistrationNumber: registrationNumber,
        },
      ]);
      const seen = await call('get', 'changchun_reviewer', `/contracts/${twin.id}`);
      expect(seen.body.warnings.map((w: { similarContractId: string }) => w.similarContractId)).toEqual([base]);
      const en = await env
        .http()
        .get(`/contracts/${twin.id}`)
        .set(await env.as('changchun_reviewer'))
        .set('accept-language', 'en');
      expect(en.body.warnings[0].message).toContain('Looks like the registered contract');

      const samePatents = await submit('jlu_member', {
        title: '同专利合同',
        amountFen: 900_000_000,
        techTransactionFen: 900_000_000,
        signedOn: `${YEAR}-10-01`,
        patentIds: [patent.body.id],
      });
      expect(samePatents.warnings.map((w) => w.similarContractId)).toEqual([base]);
      const different = await submit('jlu_member', {
        title: '不同合同',
        amountFen: 330_000_000,
        techTransactionFen: 300_000_000,
        signedOn: `${YEAR}-07-20`,
      });
      expect(different.warnings).toEqual([]);
      const otherBuyer = await submit('jlu_member', {
        title: '另一买方',
        buyerOrgId: ids.ciomp,
        amountFen: 300_000_000,
        techTransactionFen: 300_000_000,
        signedOn: `${YEAR}-07-01`,
      });
      expect(otherBuyer.warnings).toEqual([]);
      await register(twin.id); // a notice, never a refusal
    });
  });

  describe('6. contract facts with evidence (合同事实与证明材料)', () => {
    it('declares facts with checked evidence files; the registrar confirms them; the events say which are confirmed', async () => {
      const c = (
        await submit('jlu_member', {
          title: '实施转化合同',
          amountFen: 60_000_000,
          techTransactionFen: 60_000_000,
          signedOn: `${YEAR}-08-08`,
          inventorRewardFen: 1_000_000,
        })
      ).id;
      ids.facts = c;
      const before = await snapshot(env.db, CONTRACT_TABLES);
      const wrongType = await upload(
        'jlu_member',
        c,
        { fact: 'netIncome', valueFen: '5000000' },
        { name: 'note.txt', content: Buffer.from('净收入说明') },
      );
      expect([wrongType.status, wrongType.body.errors[0].field, wrongType.body.errors[0].message]).toEqual([
        400,
        'file',
        'file: 只接受 PDF、JPEG 或 PNG 文件',
      ]);
      const huge = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
      const tooBig = await upload('jlu_member', c, { fact: 'netIncome', valueFen: '5000000' }, { name: 'big.pdf', content: huge });
      expect([tooBig.status, tooBig.body.errors[0].field, tooBig.body.errors[0].message]).toEqual([
        400,
        'file',
        'file: 文件不能超过 10 MB',
      ]);
      const noValue = await upload('jlu_member', c, { fact: 'netIncome' }, { name: 'a.pdf', content: PDF });
      expect([noValue.status, noValue.body.errors[0].field]).toEqual([400, 'valueFen']);
      const badFact = await upload('jlu_member', c, { fact: 'profit', valueFen: '1' }, { name: 'a.pdf', content: PDF });
      expect([badFact.status, badFact.body.errors[0].field]).toEqual([400, 'fact']);
      const noFile = await upload('jlu_member', c, { fact: 'implemented' });
      expect([noFile.status, noFile.body.errors[0].field]).toEqual([400, 'file']);
      expect(await snapshot(env.db, CONTRACT_TABLES)).toBe(before);

      const implemented = await upload('jlu_member', c, { fact: 'implemented' }, { name: '实施证明.png', content: PNG });
      expect([implemented.status, implemented.body.implemented, implemented.body.implementedConfirmed]).toEqual([201, true, false]);
      const income = await upload('jlu_member', c, { fact: 'netIncome', valueFen: '5000000' }, { name: '审计报告.pdf', content: PDF });
      expect([
        income.body.netIncomeFen,
        income.body.evidence.map((e: { fact: string; mediaType: string }) => [e.fact, e.mediaType]),
      ]).toEqual([
        5_000_000,
        [
          ['implemented', 'image/png'],
          ['netIncome', 'application/pdf'],
        ],
      ]);
      ids.evidence = income.body.evidence[1].id;
      const file = await env
        .http()
        .get(`/contracts/${c}/evidence/${ids.evidence}`)
        .set(await env.as('changchun_reviewer'))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (x: Buffer) => chunks.push(x));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect([file.status, file.headers['content-type'], (file.body as Buffer).equals(PDF)]).toEqual([200, 'application/pdf', true]);

      expect((await call('post', 'jlu_member', `/contracts/${c}/facts/implemented/confirm`, {})).status).toBe(403);
      const noEvidence = await call('post', 'changchun_reviewer', `/contracts/${c}/facts/inventorReward/confirm`, {});
      expect([noEvidence.status, noEvidence.body.code]).toEqual([409, 'FACT_EVIDENCE_MISSING']);
      const undeclared = await call('post', 'changchun_reviewer', `/contracts/${c}/facts/paidInCashCapital/confirm`, {});
      expect([undeclared.status, undeclared.body.code]).toEqual([409, 'FACT_NOT_DECLARED']);
      const ok = await call('post', 'changchun_reviewer', `/contracts/${c}/facts/implemented/confirm`, {});
      expect([ok.status, ok.body.implementedConfirmed, ok.body.netIncomeConfirmed]).toEqual([200, true, false]);

      await register(c);
      const [event] = await until('contract.registered with facts', async () => {
        const e = await storedEvents('contract.registered', c);
        return e.length ? e : null;
      });
      expect(event.contract).toMatchObject({
        implemented: true,
        implementedConfirmed: true,
        netIncomeFen: 5_000_000,
        netIncomeConfirmed: false,
        inventorRewardFen: 1_000_000,
        inventorRewardConfirmed: false,
      });
      // A new declaration clears the confirmation until the registrar looks again.
      const redeclared = await upload(
        'nongan_enterprise',
        c,
        { fact: 'implemented' },
        { name: 'photo.jpg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]) },
      );
      expect([redeclared.status, redeclared.body.implementedConfirmed]).toEqual([201, false]);
    });
  });

  describe('15. writes made in SQL land in the audit log', () => {
    it('records the registration counter and the patent links', async () => {
      const patent = await call('post', 'jlu_member', '/patents', {
        applicationNumber: patentNumber(8),
        title: '审计专利',
        patentType: 'invention',
        legalStatus: 'granted',
      });
      const c = (await submit('jlu_member', { title: '审计测试合同', patentIds: [patent.body.id], signedOn: `${YEAR}-09-09` })).id;
      const links = await call('get', 'changchun_bureau', `/audit-logs?entityType=TechContract&entityId=${c}`);
      expect(links.body.items.find((a: { changes: Record<string, unknown> }) => a.changes.patentIds).changes.patentIds).toEqual({
        from: [],
        to: [patent.body.id],
      });

      const { registrationNumber } = await register(c);
      const seq = Number(registrationNumber.slice(-6));
      const counters = await call('get', 'changchun_bureau', '/audit-logs?entityType=RegistrationCounter');
      const reviewer = (await env.db.query(`SELECT id FROM user_account WHERE username = 'changchun_reviewer'`)).rows[0].id;
      expect(counters.body.items[0]).toMatchObject({
        action: 'update',
        tenantCode: '220104',
        actorUserId: reviewer,
        changes: { last: { from: seq - 1, to: seq } },
      });
      expect(counters.body.items.at(-1)).toMatchObject({ action: 'create', changes: { last: { from: null, to: 1 } } });
    });
  });

  it('refuses every new route to a sibling city and to a county of it, changing nothing', async () => {
    const auth = { registered: ids.amendment, submitted: ids.facts };
    const routes: [Method, string, object | undefined][] = [
      ['post', `/contracts/${auth.registered}/payments/${ids.p2}/confirm`, {}],
      ['post', `/contracts/${auth.registered}/payments`, { receivedOn: `${YEAR}-06-01`, amountFen: 1, bankReference: 'INTRUDER' }],
      ['post', `/contracts/${auth.registered}/cancel`, { reason: '越权撤销' }],
      ['post', `/contracts/${ids.big}/experts`, { expertIds: [ids.expert] }],
      ['post', `/contracts/${auth.submitted}/facts/netIncome/confirm`, {}],
      ['get', `/contracts/${auth.submitted}/evidence/${ids.evidence}`, undefined],
      ['get', `/contracts/${auth.registered}/certificate`, undefined],
      ['get', `/contracts/${auth.registered}/certificate.pdf`, undefined],
      ['get', `/contract-reviews/${ids.review}`, undefined],
      ['post', `/contract-reviews/${ids.review}/opinion`, { opinion: 'disagree', comment: '越权' }],
    ];
    const before = await snapshot(env.db, CONTRACT_TABLES);
    for (const user of ['jilin_city_bureau', 'fengman_center']) {
      for (const [method, path, body] of routes) {
        const res = await call(method, user, path, body);
        expect([user, method, path, [403, 404].includes(res.status)]).toEqual([user, method, path, true]);
      }
      const upload403 = await upload(user, auth.submitted, { fact: 'implemented' }, { name: 'x.pdf', content: PDF });
      expect([user, upload403.status]).toEqual([user, 404]);
      expect((await call('get', user, '/contract-reviews')).body.items).toEqual([]);
    }
    expect(await snapshot(env.db, CONTRACT_TABLES)).toBe(before);
  });
});
