import { createMongoAbility } from '@casl/ability';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource, EntityMetadata } from 'typeorm';
import { generateDemoCatalog } from '../../libs/catalog/src/demo/generate.js';
import '../../libs/catalog/src/catalog.registration.js';
import '../../libs/contracts/src/contracts.registration.js';
import '../../libs/policy/src/policy.registration.js';
import {
  type Action,
  type AppAbility,
  registeredActions,
  registeredSubjects,
  type SubjectName,
} from '../../libs/core/src/iam/ability.factory.js';
import type { AccessService } from '../../libs/core/src/iam/access.service.js';
import { accessFor, openDatabase, principalLoader, principalOf } from '../support/medium.js';

type Subject = Exclude<SubjectName, 'all'>;
// Every subject core and the modules registered (the registrations above), every action but `manage`.
const ROW_SUBJECTS = registeredSubjects().filter((s): s is Subject => s !== 'all');
const ROW_ACTIONS = registeredActions().filter((a): a is Action => a !== 'manage');
const DEMO_ACCOUNTS = [
  'province_admin',
  'province_reviewer',
  'changchun_bureau',
  'changchun_reviewer',
  'changchun_broker',
  'changchun_expert',
  'jilin_city_bureau',
  'nongan_center',
  'fengman_center',
  'jlu_member',
  'nongan_enterprise',
];

/**
 * Rules → SQL (libs/core/src/iam/access-sql.ts, through AccessService.scope as every list query
 * uses it) on real tables: the demo catalog at small scale over all 70 tenants, plus contracts,
 * installations, decisions, applications and imports in Changchun and in Jilin City. The SQL must
 * return exactly the rows the CASL rules allow one by one (AccessService.can, as single-record
 * checks use it), for every demo account, subject and action.
 */
describe('permissions as SQL on real tables', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  const tables = {} as Record<Subject, { meta: EntityMetadata; rows: { id: string }[] }>;

  beforeAll(async () => {
    ({ ds, close } = await openDatabase());
    await ds.transaction((em) =>
      generateDemoCatalog({ query: (sql, params) => em.query(sql, params) }, { scale: 'small', seed: 20261125 }),
    );
    await addFixtures(ds);
    for (const subject of ROW_SUBJECTS) {
      const meta = ds.entityMetadatas.find((m) => m.name === subject);
      if (!meta) throw new Error(`no entity for subject ${subject}`);
      tables[subject] = { meta, rows: (await ds.getRepository(meta.target).find()) as { id: string }[] };
    }
  });
  afterAll(async () => {
    await close();
  });

  const visible = async (access: AccessService, action: (typeof ROW_ACTIONS)[number], subject: Subject): Promise<string[]> => {
    const qb = ds.createQueryBuilder(tables[subject].meta.target, 'x');
    const rows: { id: string }[] = await access.scope(qb, action, subject).select('x.id', 'id').getRawMany();
    return rows.map((r) => String(r.id));
  };

  it('has rows of every subject to test on', () => {
    for (const subject of ROW_SUBJECTS) expect([subject, tables[subject].rows.length > 0]).toEqual([subject, true]);
  });

  it('returns exactly the rows CASL allows, for every demo account, subject and action', async () => {
    const mismatches: object[] = [];
    let compared = 0;
    let partial = 0;
    for (const username of DEMO_ACCOUNTS) {
      const access = accessFor(await principalOf(ds, username));
      for (const subject of ROW_SUBJECTS) {
        for (const action of ROW_ACTIONS) {
          // A field-restricted rule is checked per field, it does not make rows visible (access-sql.ts).
          if (
            access
              .ability()
              .rulesFor(action, subject)
              .some((r) => r.fields)
          )
            continue;
          const bySql = new Set(await visible(access, action, subject));
          const byCasl = new Set(tables[subject].rows.filter((r) => access.can(action, subject, r)).map((r) => String(r.id)));
          const onlySql = [...bySql].filter((id) => !byCasl.has(id));
          const onlyCasl = [...byCasl].filter((id) => !bySql.has(id));
          if (onlySql.length || onlyCasl.length) mismatches.push({ username, action, subject, onlySql, onlyCasl });
          compared++;
          if (bySql.size > 0 && bySql.size < tables[subject].rows.length) partial++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Not a vacuous pass: many combinations see some rows but not all.
    expect(compared).toBeGreaterThan(900);
    expect(partial).toBeGreaterThan(150);
  });

  /** Expressions over `x` naming the tenants a row belongs to; a row lies in a subtree when all of them do. */
  const OWNERS: Partial<Record<Subject, { tenants: string[]; isPublic?: string }>> = {
    Tenant: { tenants: ['x.id'] },
    Organization: { tenants: ['x.tenant_id'] },
    UserAccount: { tenants: ['x.tenant_id'] },
    AuditLogEntry: { tenants: ['x.tenant_id'] },
    Achievement: { tenants: ['x.tenant_id'], isPublic: `x.status = 'published'` },
    Demand: { tenants: ['x.tenant_id'], isPublic: `x.status = 'published'` },
    Patent: { tenants: ['x.tenant_id'], isPublic: `x.status = 'published'` },
    Expert: { tenants: ['x.tenant_id'], isPublic: `x.status = 'published'` },
    CatalogImport: { tenants: ['x.tenant_id'] },
    TechContract: {
      tenants: [
        'x.tenant_id',
        '(SELECT tenant_id FROM organization WHERE id = x.seller_org_id)',
        '(SELECT tenant_id FROM organization WHERE id = x.buyer_org_id)',
      ],
    },
    PolicyDecision: { tenants: ['x.tenant_id', 'x.subject_tenant_id'] },
    SubsidyApplication: { tenants: ['x.tenant_id', 'x.applicant_tenant_id'] },
    SubsidyAdjustment: { tenants: ['x.tenant_id', 'x.applicant_tenant_id'] },
    OrganizationFactRequest: { tenants: ['x.tenant_id'] },
    // ContractExpertReview: an expert of the province-wide pool sees their own assignments in any city.
    // PluginInstallation: public (policies are published rules).
  };

  it.each([
    ['jilin_city_bureau', '220000.220100'],
    ['fengman_center', '220000.220100'],
    ['changchun_bureau', '220000.220200'],
    ['changchun_reviewer', '220000.220200'],
    ['changchun_broker', '220000.220200'],
    ['changchun_expert', '220000.220200'],
    ['nongan_center', '220000.220200'],
    ['nongan_enterprise', '220000.220200'],
    ['jlu_member', '220000.220200'],
  ])('%s reads no private row that lies wholly in the sibling city %s', async (username, sibling) => {
    const access = accessFor(await principalOf(ds, username));
    for (const [subject, owner] of Object.entries(OWNERS) as [Subject, { tenants: string[]; isPublic?: string }][]) {
      const inSibling = owner.tenants.map((t) => `${t} IN (SELECT id FROM tenant WHERE path <@ $1::ltree)`).join(' AND ');
      const foreign: { id: string }[] = await ds.query(
        `SELECT x.id::text AS id FROM ${tables[subject].meta.tableName} x WHERE ${inSibling} AND NOT (${owner.isPublic ?? 'FALSE'})`,
        [sibling],
      );
      expect([subject, foreign.length > 0]).toEqual([subject, true]); // there is something to leak
      const seen = new Set(await visible(access, 'read', subject));
      expect([subject, foreign.filter((r) => seen.has(r.id))]).toEqual([subject, []]);
    }
  });

  it('fails closed: an ability without rules reads nothing, whatever the subject and action', async () => {
    const access = accessFor(await principalOf(ds, 'province_admin'), createMongoAbility([]) as AppAbility);
    for (const subject of ROW_SUBJECTS) {
      for (const action of ROW_ACTIONS) expect([subject, action, await visible(access, action, subject)]).toEqual([subject, action, []]);
    }
  });

  it('gives a deactivated account no principal, and a county only its own subtree', async () => {
    const loader = principalLoader(ds);
    const [nongan] = await ds.query(`SELECT id FROM user_account WHERE username = 'nongan_center'`);
    const principal = (await loader.load(nongan.id))!;
    const codes = await ds.query(`SELECT code FROM tenant WHERE id = ANY($1) ORDER BY code`, [principal.subtreeTenantIds]);
    expect(codes.map((r: { code: string }) => r.code)).toEqual(['220122']);
    await ds.query(`UPDATE user_account SET is_active = false WHERE id = $1`, [nongan.id]);
    try {
      expect(await loader.load(nongan.id)).toBeNull();
    } finally {
      await ds.query(`UPDATE user_account SET is_active = true WHERE id = $1`, [nongan.id]);
    }
  });
});

/**
 * Rows the demo catalog does not have: contracts, installations with parameters, decisions,
 * subsidy applications and imports, in Changchun, in Jilin City and across the two; an expert
 * profile of the demo expert; a non-administrative node under Changchun.
 */
async function addFixtures(ds: DataSource): Promise<void> {
  const id = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as { id: string }[])[0].id;
  const org = (name: string) => id(`SELECT id FROM organization WHERE name = $1`, [name]);
  const user = (name: string) => id(`SELECT id FROM user_account WHERE username = $1`, [name]);
  const tenant = (code: string) => id(`SELECT id FROM tenant WHERE code = $1`, [code]);

  await ds.query(
    `INSERT INTO tenant (code, name, tier, kind, parent_id, path, version)
     SELECT '220171', '长春新区', 'county', 'non_administrative', id, path || '220171'::ltree, 1 FROM tenant WHERE code = '220100'`,
  );
  const jlu = await org('吉林大学');
  const optics = await org('中国科学院长春光学精密机械与物理研究所');
  const nepu = await org('东北电力大学');
  const nongan = await org('农安县禾丰农业科技有限公司（演示）');
  const fengman = await org('吉林市丰满新材料有限公司（演示）');
  const ccCentre = await org('长春技术转移服务中心（演示）');

  const contract = (seller: string, buyer: string, status: string) =>
    id(
      `INSERT INTO tech_contract (tenant_id, title, contract_type, seller_org_id, buyer_org_id, amount_fen, tech_transaction_fen, signed_on, status, version)
       SELECT tenant_id, '测试合同', 'transfer', $1, $2, 100000000, 100000000, '2026-03-01', $3, 1 FROM organization WHERE id = $1 RETURNING id`,
      [seller, buyer, status],
    );
  const ccContract = await contract(jlu, nongan, 'registered');
  const jcContract = await contract(nepu, fengman, 'registered');
  await contract(jlu, fengman, 'submitted');
  await contract(optics, ccCentre, 'returned');

  const install = async (code: string, pluginId: string) => {
    const t = await tenant(code);
    const inst = await id(
      `INSERT INTO plugin_installation (tenant_id, plugin_id, plugin_version, status) VALUES ($1, $2, '1.0.0', 'active') RETURNING id`,
      [t, pluginId],
    );
    const params = await id(
      `INSERT INTO plugin_parameters (installation_id, tenant_id, version, values, valid_from, source) VALUES ($1, $2, 1, '{}', '2026-01-01', '{"document":"x"}') RETURNING id`,
      [inst, t],
    );
    return { inst, params, tenant: t };
  };
  const cc = await install('220100', 'changchun-sme-patent-subsidy');
  const jc = await install('220200', 'province-tech-transaction-subsidy');
  const county = await install('220122', 'county-agri-transfer');

  const decide = (i: { inst: string; params: string; tenant: string }, subjectOrg: string, key: string) =>
    id(
      `INSERT INTO policy_decision (installation_id, tenant_id, plugin_id, plugin_version, parameters_id, parameters_version, event_type,
         event_payload, event_key, event_date, subject_org_id, subject_tenant_id, eligible, amount_fen, reasons, figures, current)
       SELECT $1, $2, 'p', '1.0.0', $3, 1, 'contract.registered', '{}', $4, '2026-03-01', o.id, o.tenant_id, true, 100, '[]', '{}', true
         FROM organization o WHERE o.id = $5 RETURNING id`,
      [i.inst, i.tenant, i.params, key, subjectOrg],
    );
  const apply = (decision: string, i: { tenant: string }, applicant: string, filedBy: string) =>
    id(
      `INSERT INTO subsidy_application (decision_id, tenant_id, applicant_org_id, applicant_tenant_id, filed_by, amount_fen, budget_year, version)
       SELECT $1, $2, o.id, o.tenant_id, $4, 100, 2026, 1 FROM organization o WHERE o.id = $3 RETURNING id`,
      [decision, i.tenant, applicant, filedBy],
    );
  // A top-up owed on an application (the applicant's and the paying tenant's).
  const adjust = (application: string, decision: string) =>
    ds.query(
      `INSERT INTO subsidy_adjustment (tenant_id, application_id, applicant_org_id, applicant_tenant_id, from_decision_id, to_decision_id, kind, amount_fen, reasons, budget_year, version)
       SELECT a.tenant_id, a.id, a.applicant_org_id, a.applicant_tenant_id, $2, $2, 'top_up', 50, '[]', 2026, 1 FROM subsidy_application a WHERE a.id = $1`,
      [application, decision],
    );
  const d1 = await decide(cc, nongan, 'k1');
  await adjust(await apply(d1, cc, nongan, await user('nongan_enterprise')), d1);
  const d2 = await decide(jc, fengman, 'k2');
  await adjust(await apply(d2, jc, fengman, await user('fengman_center')), d2);
  await decide(county, nongan, 'k3');
  await apply(await decide(cc, fengman, 'k4'), cc, fengman, await user('changchun_reviewer'));

  const importBy = (code: string, organization: string | null, creator: string) =>
    ds.query(
      `INSERT INTO catalog_import (tenant_id, organization_id, created_by, kind, mode, file_name)
       VALUES ((SELECT id FROM tenant WHERE code = $1), $2, (SELECT id FROM user_account WHERE username = $3), 'achievement', 'all_or_nothing', 'x.csv')`,
      [code, organization, creator],
    );
  await importBy('220104', jlu, 'jlu_member');
  await importBy('220211', fengman, 'fengman_center');
  await importBy('220122', null, 'nongan_center');

  const expert = await id(
    `INSERT INTO expert (tenant_id, user_id, name, title, fields, status, version)
     SELECT tenant_id, id, '演示专家', '研究员', '{new_materials}', 'draft', 1 FROM user_account WHERE username = 'changchun_expert' RETURNING id`,
    [],
  );
  // Requests for a status change, by a firm of Nong'an (Changchun) and one of Fengman (Jilin City).
  for (const [firm, requester] of [
    [nongan, 'nongan_enterprise'],
    [fengman, 'fengman_center'],
  ])
    await ds.query(
      `INSERT INTO organization_fact_request (tenant_id, organization_id, fact, value, evidence, requested_by)
       SELECT o.tenant_id, o.id, 'isSme', true, '中小企业名录截图', (SELECT id FROM user_account WHERE username = $2) FROM organization o WHERE o.id = $1`,
      [firm, requester],
    );
  // Expert reviews of a Changchun and of a Jilin City contract, both assigned to the demo expert.
  for (const contractId of [ccContract, jcContract])
    await ds.query(
      `INSERT INTO contract_expert_review (tenant_id, contract_id, expert_id, expert_name, expert_user_id, assigned_by)
       SELECT c.tenant_id, c.id, $2, '演示专家', (SELECT id FROM user_account WHERE username = 'changchun_expert'),
              (SELECT id FROM user_account WHERE username = 'changchun_reviewer') FROM tech_contract c WHERE c.id = $1`,
      [contractId, expert],
    );
}
