import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

const patentNumber = (serial: number, type = '1') => {
  const digits = `2022${type}${String(serial).padStart(7, '0')}`;
  return `${digits}.${checkDigit(digits)}`;
};

const achievement = (title: string, extra: object = {}) => ({
  title,
  summary: `${title}：面向吉林省产业需求的成果简介。`,
  field: 'new_materials',
  maturity: 'pilot',
  trl: 6,
  transferModes: ['licence'],
  priceFen: 100_000_00,
  ...extra,
});

/**
 * The publishing workflow (发布流程) and who may take each step; visibility of drafts versus
 * published entries across tenants; open-licence declarations; posting on behalf of others.
 */
describe('catalog workflow and visibility', () => {
  let env: TestEnv;
  let draftId: string;

  beforeAll(async () => {
    env = await useSharedApi();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  const post = async (user: string, path: string, body: object = {}) =>
    env
      .http()
      .post(path)
      .set(await env.as(user))
      .send(body);
  const get = async (user: string, path: string) =>
    env
      .http()
      .get(path)
      .set(await env.as(user));
  const patch = async (user: string, path: string, body: object) =>
    env
      .http()
      .patch(path)
      .set(await env.as(user))
      .send(body);

  it('a university member registers a draft that only its owners and the tenant chain can see', async () => {
    const res = await post('jlu_member', '/achievements', achievement('稀土发光材料低成本制备技术'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', organizationName: '吉林大学', tenantCode: '220104' });
    draftId = res.body.id;

    for (const user of ['jlu_member', 'changchun_bureau', 'changchun_reviewer', 'province_reviewer']) {
      expect([user, (await get(user, `/achievements/${draftId}`)).status]).toEqual([user, 200]);
    }
    // Sibling city, a county of Changchun that is not the owner's, a broker and an enterprise elsewhere: not found.
    for (const user of ['jilin_city_bureau', 'nongan_center', 'fengman_center', 'changchun_broker', 'nongan_enterprise']) {
      expect([user, (await get(user, `/achievements/${draftId}`)).status]).toEqual([user, 404]);
      const list = await get(user, '/achievements?status=draft');
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(draftId);
    }
    const own = await get('jlu_member', '/achievements?status=draft');
    expect(own.body.items.map((i: { id: string }) => i.id)).toContain(draftId);
  });

  it('refuses every step on the draft to users outside the chain, changing nothing', async () => {
    const before = await snapshot(env.db);
    const attempts: [string, () => Promise<{ status: number }>][] = [];
    for (const user of ['jilin_city_bureau', 'nongan_center', 'fengman_center']) {
      attempts.push(
        [`${user} PATCH`, () => patch(user, `/achievements/${draftId}`, { title: '被篡改' })],
        [
          `${user} DELETE`,
          async () =>
            env
              .http()
              .delete(`/achievements/${draftId}`)
              .set(await env.as(user)),
        ],
        ...['submit', 'publish', 'withdraw', 'archive'].map(
          (step) =>
            [`${user} ${step}`, () => post(user, `/achievements/${draftId}/${step}`)] as [string, () => Promise<{ status: number }>],
        ),
        [`${user} return`, () => post(user, `/achievements/${draftId}/return`, { reason: '越权退回' })],
      );
    }
    for (const [label, call] of attempts) expect([label, (await call()).status]).toEqual([label, 404]);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('moves draft → submitted → published with the right people, and refuses the wrong ones', async () => {
    // Publishing a draft skips review: refused by the workflow.
    const early = await post('changchun_reviewer', `/achievements/${draftId}/publish`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_TRANSITION');
    expect(early.body.detail).toContain('草稿');

    expect((await post('jlu_member', `/achievements/${draftId}/submit`)).body.status).toBe('submitted');
    // The owner cannot approve its own entry; a broker of the city cannot review.
    expect((await post('jlu_member', `/achievements/${draftId}/publish`)).status).toBe(403);
    expect((await post('changchun_broker', `/achievements/${draftId}/publish`)).status).toBe(403);
    // Return needs a reason.
    const noReason = await post('changchun_reviewer', `/achievements/${draftId}/return`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');

    const returned = await post('changchun_reviewer', `/achievements/${draftId}/return`, { reason: '请补充技术指标' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '请补充技术指标' });
    expect((await patch('jlu_member', `/achievements/${draftId}`, { summary: '补充了技术指标：发光效率 120 lm/W。' })).status).toBe(200);
    expect((await post('jlu_member', `/achievements/${draftId}/submit`)).body).toMatchObject({ status: 'submitted', returnReason: null });

    // A reviewer of the province (an ancestor tenant) may publish.
    const published = await post('province_reviewer', `/achievements/${draftId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).toBeTruthy();
  });

  it('shows a published entry to everyone in the province, and keeps it read-only for the owner', async () => {
    for (const user of ['jilin_city_bureau', 'fengman_center', 'nongan_enterprise', 'changchun_broker']) {
      expect([user, (await get(user, `/achievements/${draftId}`)).status]).toEqual([user, 200]);
    }
    const list = await get('fengman_center', '/achievements');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(draftId);
    expect((await patch('jlu_member', `/achievements/${draftId}`, { title: '发布后修改' })).status).toBe(403);
    expect((await patch('jilin_city_bureau', `/achievements/${draftId}`, { title: '发布后修改' })).status).toBe(403);
  });

  it('lets the owner withdraw and a reviewer archive; the audit log holds every transition', async () => {
    expect((await post('jlu_member', `/achievements/${draftId}/withdraw`)).body.status).toBe('withdrawn');
    expect((await get('jilin_city_bureau', `/achievements/${draftId}`)).status).toBe(404);
    expect((await post('changchun_reviewer', `/achievements/${draftId}/archive`)).body.status).toBe('archived');

    const { rows } = await env.db.query(
      `SELECT changes->'status' AS status, changes->'returnReason' AS reason, actor_user_id IS NOT NULL AS has_actor
         FROM audit_log WHERE entity_type = 'Achievement' AND entity_id = $1 ORDER BY created_at, id`,
      [draftId],
    );
    const steps = rows.filter((r) => r.status).map((r) => `${r.status.from ?? ''}→${r.status.to}`);
    expect(steps).toEqual([
      '→draft',
      'draft→submitted',
      'submitted→returned',
      'returned→submitted',
      'submitted→published',
      'published→withdrawn',
      'withdrawn→archived',
    ]);
    expect(rows.every((r) => r.has_actor)).toBe(true);
    expect(rows.find((r) => r.reason?.to === '请补充技术指标')).toBeTruthy();
  });

  it('lets a county centre post a demand for a local enterprise, not for one elsewhere', async () => {
    const org = async (name: string) => (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;
    const local = await org('农安县禾丰农业科技有限公司（演示）');
    const elsewhere = await org('吉林市丰满新材料有限公司（演示）');
    const body = {
      title: '玉米秸秆饲料化技术需求',
      description: '需要提高秸秆青贮饲料的消化率',
      field: 'modern_agriculture',
      organizationId: local,
    };
    const ok = await post('nongan_center', '/demands', { ...body, isOpenCall: true, rewardFen: 50_000_000 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ tenantCode: '220122', organizationId: local, isOpenCall: true, rewardFen: 50_000_000 });
    const refused = await post('nongan_center', '/demands', { ...body, organizationId: elsewhere });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('organizationId');
    const noReward = await post('nongan_center', '/demands', { ...body, isOpenCall: true });
    expect(noReward.status).toBe(400);
    expect(noReward.body.errors[0].field).toBe('rewardFen');
    // The enterprise itself sees the demand posted for it.
    expect((await get('nongan_enterprise', `/demands/${ok.body.id}`)).status).toBe(200);
  });

  it('validates patent numbers and keeps the history of open-licence declarations', async () => {
    const bad = await post('jlu_member', '/patents', {
      applicationNumber: '202210000001.1',
      title: '错误校验位',
      patentType: 'invention',
      legalStatus: 'granted',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('applicationNumber');
    expect(bad.body.errors[0].message).toContain('校验位');
    const mismatch = await post('jlu_member', '/patents', {
      applicationNumber: patentNumber(1, '2'),
      title: '类型不符',
      patentType: 'invention',
      legalStatus: 'granted',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].field).toBe('patentType');

    const created = await post('jlu_member', '/patents', {
      applicationNumber: `ZL ${patentNumber(2)}`,
      title: '一种稀土发光材料的制备方法',
      patentType: 'invention',
      legalStatus: 'granted',
      ipcClasses: ['C09K 11/77'],
      field: 'new_materials',
    });
    expect(created.status).toBe(201);
    expect(created.body.applicationNumber).toBe(patentNumber(2));
    const patentId = created.body.id;
    const dup = await post('jlu_member', '/patents', {
      applicationNumber: patentNumber(2),
      title: '重复',
      patentType: 'invention',
      legalStatus: 'granted',
    });
    expect(dup.status).toBe(409);

    const ach = await post('jlu_member', '/achievements', achievement('稀土发光材料开放许可成果', { patentIds: [patentId] }));
    expect(ach.body.hasOpenLicence).toBe(false);

    const licence = {
      feeType: 'royalty',
      royaltyBasisPoints: 300,
      periodStart: '2026-01-01',
      periodEnd: '2028-12-31',
      useFirstPayLater: true,
    };
    expect((await post('jilin_city_bureau', `/patents/${patentId}/open-licences`, licence)).status).toBe(404);
    expect((await post('changchun_broker', `/patents/${patentId}/open-licences`, licence)).status).toBe(403);
    const missingRate = await post('jlu_member', `/patents/${patentId}/open-licences`, { ...licence, royaltyBasisPoints: undefined });
    expect(missingRate.body.errors[0].field).toBe('royaltyBasisPoints');
    const declared = await post('jlu_member', `/patents/${patentId}/open-licences`, licence);
    expect(declared.status).toBe(201);
    expect(declared.body.openLicence).toBe(true);
    expect((await post('jlu_member', `/patents/${patentId}/open-licences`, licence)).status).toBe(409);
    expect((await get('jlu_member', `/achievements/${ach.body.id}`)).body.hasOpenLicence).toBe(true);

    const licenceId = declared.body.openLicences[0].id;
    const withdrawn = await post('jlu_member', `/patents/${patentId}/open-licences/${licenceId}/withdraw`, {
      reason: '已独占许可给省内企业',
    });
    expect(withdrawn.body.openLicence).toBe(false);
    expect(withdrawn.body.openLicences).toEqual([
      expect.objectContaining({ id: licenceId, status: 'withdrawn', withdrawReason: '已独占许可给省内企业' }),
    ]);
    const free = await post('jlu_member', `/patents/${patentId}/open-licences`, {
      feeType: 'lump_sum',
      isFree: true,
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
    });
    expect(free.body.openLicences.map((l: { status: string }) => l.status)).toEqual(['declared', 'withdrawn']);
    expect(free.body.freeLicence).toBe(true);
    expect((await get('jlu_member', `/achievements/${ach.body.id}`)).body).toMatchObject({ hasOpenLicence: true, hasFreeLicence: true });
  });

  it('lets an expert keep their own profile', async () => {
    const res = await post('changchun_expert', '/experts', {
      name: '李春雨',
      title: '研究员',
      fields: ['modern_agriculture'],
      bio: '从事黑土地保护性耕作研究',
    });
    expect(res.status).toBe(201);
    expect(res.body.userId).toBeTruthy();
    expect((await patch('changchun_expert', `/experts/${res.body.id}`, { availability: 'busy' })).body.availability).toBe('busy');
    expect((await get('jilin_city_bureau', `/experts/${res.body.id}`)).status).toBe(404);
    expect((await post('changchun_expert', `/experts/${res.body.id}/submit`)).body.status).toBe('submitted');
    expect((await post('changchun_reviewer', `/experts/${res.body.id}/publish`)).body.status).toBe('published');
    expect((await get('jilin_city_bureau', `/experts/${res.body.id}`)).status).toBe(200);
  });

  it('names the field for bad input', async () => {
    const cases: [object, string][] = [
      [{ ...achievement('x'), field: '不存在' }, 'field'],
      [{ ...achievement('x'), trl: 9 }, 'trl'],
      [{ ...achievement('x'), priceFen: undefined }, 'priceFen'],
      [{ ...achievement('x'), transferModes: [] }, 'transferModes'],
      [{ ...achievement('x'), patentIds: ['00000000-0000-4000-8000-000000000000'] }, 'patentIds'],
    ];
    for (const [body, field] of cases) {
      const res = await post('jlu_member', '/achievements', body);
      expect([field, res.status, res.body.errors?.[0]?.field]).toEqual([field, 400, field]);
    }
    const q = await get('jlu_member', '/achievements?openLicence=maybe');
    expect([q.status, q.body.errors[0].field]).toEqual([400, 'openLicence']);
  });
});
