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
