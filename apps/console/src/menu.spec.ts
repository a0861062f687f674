import { createMongoAbility } from '@casl/ability';
import { packRules, unpackRules } from '@casl/ability/extra';
import { describe, expect, it } from '@jest/globals';
import { menuFor } from './menu.js';

/** The menu is built from the packed rules GET /me returns; the rules here have the shapes the API's CASL factory gives. */
const menuOf = (rules: object[]) => menuFor(createMongoAbility(unpackRules(packRules(rules as never)) as never)).map((m) => m.name);

describe('the console menu follows the caller’s CASL rules', () => {
  it('shows a city bureau the policy and subsidy pages', () => {
    expect(
      menuOf([
        { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
        { action: ['create', 'update', 'delete', 'review'], subject: 'PluginInstallation', conditions: { tenantId: 't1' } },
        { action: 'read', subject: 'SubsidyApplication', conditions: { tenantId: { $in: ['t1'] } } },
      ]),
    ).toEqual(['成果检索', '政策配置', '补贴申请', '政策插件目录']);
  });
  it('hides the policy page from an enterprise member, who may only read installations', () => {
    expect(
      menuOf([
        { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
        { action: 'read', subject: 'PluginInstallation' },
        { action: ['create', 'read'], subject: 'SubsidyApplication', conditions: { applicantOrgId: 'o1' } },
      ]),
    ).toEqual(['成果检索', '补贴申请']);
  });
  it('shows the province admin the dashboard and a county centre the demand desk, each from its own rules', () => {
    expect(
      menuOf([
        { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
        { action: 'read', subject: 'RollupStatistic', conditions: { tenantId: { $in: ['t0', 't1'] } } },
        { action: ['read', 'create', 'submit'], subject: 'Demand', conditions: { tenantId: { $in: ['t0', 't1'] } } },
      ]),
    ).toEqual(['统计驾驶舱', '成果检索', '企业需求']);
    expect(
      menuOf([
        { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
        { action: 'read', subject: 'Demand', conditions: { status: 'published' } },
      ]),
    ).toEqual(['成果检索']);
  });
  it('shows the registrar the registration desk, and staff who install plugins the catalogue and the sub-markets', () => {
    expect(
      menuOf([
        { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
        { action: ['read', 'review', 'confirm'], subject: 'TechContract', conditions: { tenantId: { $in: ['t1'] } } },
      ]),
    ).toEqual(['成果检索', '合同登记']);
    expect(
      menuOf([
        { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
        { action: ['create', 'update', 'delete', 'review'], subject: 'PluginInstallation', conditions: { tenantId: 't0' } },
        { action: 'manage', subject: 'Tenant', conditions: { id: { $in: ['t0', 't1'] } } },
      ]),
    ).toEqual(['成果检索', '政策配置', '政策插件目录', '分市场']);
    // Everyone reads the tree they belong to and the installations: neither opens these pages.
    expect(
      menuOf([
        { action: 'read', subject: 'Tenant', conditions: { id: { $in: ['t1'] } } },
        { action: 'read', subject: 'PluginInstallation' },
      ]),
    ).toEqual([]);
  });
});

describe('the pages of issue 11’s second slice in the menu', () => {
  const member = [
    { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
    {
      action: ['read', 'create', 'submit', 'withdraw', 'license'],
      subject: ['Achievement', 'Demand', 'Patent'],
      conditions: { organizationId: 'o1' },
    },
    { action: 'create', subject: 'CatalogImport', conditions: { organizationId: 'o1' } },
    { action: ['create', 'read'], subject: 'SubsidyApplication', conditions: { applicantOrgId: 'o1' } },
  ];
  const names = (rules: object[], who: { member?: boolean; tier?: string }) =>
    menuFor(createMongoAbility(unpackRules(packRules(rules as never)) as never), who).map((m) => m.name);
  it('shows a member its own things (我的事项) and imports', () => {
    expect(names(member, { member: true, tier: 'county' })).toEqual(['成果检索', '企业需求', '补贴申请', '我的事项', '批量导入']);
  });
  it('shows 我的事项 to members only, and the routing list to county staff only', () => {
    const staff = [
      { action: 'read', subject: 'Achievement', conditions: { status: 'published' } },
      { action: ['read', 'create', 'submit', 'withdraw'], subject: ['Achievement', 'Demand'], conditions: { tenantId: { $in: ['t2'] } } },
      { action: ['create', 'update', 'delete', 'review'], subject: 'PluginInstallation', conditions: { tenantId: 't2' } },
      { action: ['create', 'read', 'update', 'attest'], subject: 'Organization', conditions: { tenantId: { $in: ['t2'] } } },
      { action: ['create', 'read'], subject: 'CatalogImport', conditions: { tenantId: { $in: ['t2'] } } },
    ];
    expect(names(staff, { tier: 'county' })).toEqual([
      '成果检索',
      '政策配置',
      '企业需求',
      '政策插件目录',
      '涉农推送',
      '本地机构',
      '批量导入',
    ]);
    // The routing policy installs in counties only: a city bureau with the same rules has no routing list.
    expect(names(staff, { tier: 'city' })).toEqual(['成果检索', '政策配置', '企业需求', '政策插件目录', '本地机构', '批量导入']);
  });
  it('shows 推送活动 to those who may create campaigns (province and city admins), not to tier staff who only read them', () => {
    const base = [{ action: 'read', subject: 'Achievement', conditions: { status: 'published' } }];
    expect(
      names([...base, { action: ['create', 'update', 'launch'], subject: 'Campaign', conditions: { tenantId: { $in: ['t1', 't2'] } } }], {
        tier: 'city',
      }),
    ).toEqual(['成果检索', '推送活动']);
    expect(
      names([...base, { action: 'read', subject: 'Campaign', conditions: { tenantId: { $in: ['t2'] } } }], { tier: 'county' }),
    ).toEqual(['成果检索']);
  });
});
