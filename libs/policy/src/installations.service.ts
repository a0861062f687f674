import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { validateParams, type PolicyPlugin } from '@techmarket/plugin-api';
import { AccessService, chinaDate, ProblemException, TenancyService } from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConfigurePlugin, InstallPlugin, SetBudget } from './dto/policy.dto.js';
import { PluginInstallation, PluginParameters, SubsidyBudget } from './entities/index.js';
import type { SourceCitation } from './entities/plugin-parameters.entity.js';
import { pluginApiRange } from './plugin-loader.js';
import { PluginRegistry } from './plugin-registry.js';

/**
 * 插件安装与配置: a bureau (or county centre) installs a plugin for its own tenant, sets dated
 * parameter versions citing its documents, and sets annual budgets.
 */
@Injectable()
export class InstallationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(TenancyService) private readonly tenancy: TenancyService,
    @Inject(PluginRegistry) private readonly registry: PluginRegistry,
  ) {}

  catalog() {
    return this.registry.all().map((p) => describe(p));
  }

  /**
   * The active installations (全省公开), each with the parameter version in effect today (China
   * date) — or, when none is, the latest one, flagged — and this year's budget with what is used.
   */
  async list(tenantCode?: string) {
    const today = chinaDate();
    const rows = await this.ds.query(
      `SELECT i.id, i.plugin_id AS "pluginId", i.plugin_version AS "pluginVersion", i.status, i.installed_at AS "installedAt",
              t.code AS "tenantCode", t.name AS "tenantName", t.tier AS "tenantTier",
              CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object(
                'version', v.version, 'validFrom', v.valid_from::text, 'validTo', v.valid_to::text, 'source', v.source,
                'inEffect', v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to >= $2::date)) END AS "parameters",
              CASE WHEN b.installation_id IS NULL THEN NULL ELSE json_build_object(
                'year', b.year, 'budgetFen', b.budget_fen::bigint, 'approvedFen', b.approved_fen::bigint) END AS "budget"
         FROM plugin_installation i JOIN tenant t ON t.id = i.tenant_id
         LEFT JOIN LATERAL (
                SELECT * FROM plugin_parameters p WHERE p.installation_id = i.id
                 ORDER BY (p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date)) DESC, p.version DESC LIMIT 1
              ) v ON true
         LEFT JOIN subsidy_budget b ON b.installation_id = i.id AND b.year = $3
        WHERE i.status = 'active' AND ($1::text IS NULL OR t.code = $1) ORDER BY t.path, i.plugin_id`,
      [tenantCode ?? null, today, Number(today.slice(0, 4))],
    );
    return rows.map((r: { pluginId: string; budget: { budgetFen: string | number; approvedFen: string | number } | null }) => ({
      ...r,
      // json_build_object gives bigint as a JSON number already; Number() keeps the type honest either way.
      budget: r.budget && { ...r.budget, budgetFen: Number(r.budget.budgetFen), approvedFen: Number(r.budget.approvedFen) },
      plugin: this.registry.get(r.pluginId) ? describe(this.registry.get(r.pluginId)!) : null,
    }));
  }

  async get(id: string) {
    const inst = await this.ds.getRepository(PluginInstallation).findOne({ where: { id }, relations: { tenant: true } });
    if (!inst) throw ProblemException.notFound('PluginInstallation');
    const versions = await this.ds.getRepository(PluginParameters).find({ where: { installationId: id }, order: { version: 'ASC' } });
    const budgets = await this.ds.getRepository(SubsidyBudget).find({ where: { installationId: id }, order: { year: 'ASC' } });
    const plugin = this.registry.get(inst.pluginId);
    return {
      ...inst,
      tenantCode: inst.tenant!.code,
      tenant: undefined,
      plugin: plugin ? describe(plugin) : null,
      parameterVersions: versions,
      budgets,
    };
  }

  async install(dto: InstallPlugin) {
    const p = this.access.principal();
    const plugin = this.registry.get(dto.pluginId);
    if (!plugin) throw ProblemException.invalidField('pluginId', 'unknownReference');
    this.access.assert('create', 'PluginInstallation', { tenantId: p.tenantId });
    const id = await this.ds.transaction((em) =>
      installPlugin(em, plugin, { tenantId: p.tenantId, tenantCode: p.tenantCode, tier: p.tenantTier }, { ...dto, actorId: p.userId }),
    );
    return this.get(id);
  }

  /** Adds a parameter version; past decisions keep the version they used. */
  async configure(id: string, dto: ConfigurePlugin) {
    await this.ds.transaction(async (em) => {
      const inst = await this.lockManaged(em, id, 'update');
      const plugin = this.registry.get(inst.pluginId)!;
      const values = this.checkParams(plugin, dto.params);
      const [{ last }] = await em.query(`SELECT COALESCE(max(version), 0) AS last FROM plugin_parameters WHERE installation_id = $1`, [id]);
      await em.save(
        em.create(PluginParameters, {
          installationId: id,
          tenantId: inst.tenantId,
          version: last + 1,
          values,
          validFrom: dto.validFrom,
          validTo: checkValidity(dto.validFrom, dto.validTo),
          source: dto.source,
          createdBy: this.access.principal().userId,
        }),
      );
    });
    return this.get(id);
  }

  async uninstall(id: string) {
    await this.ds.transaction(async (em) => {
      const inst = await this.lockManaged(em, id, 'delete');
      await em.save(Object.assign(inst, { status: 'uninstalled', uninstalledAt: new Date() }));
    });
  }

  async setBudget(id: string, dto: SetBudget) {
    await this.ds.transaction(async (em) => {
      const inst = await this.lockManaged(em, id, 'update');
      const existing = await em.findOne(SubsidyBudget, {
        where: { installationId: id, year: dto.year },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && dto.budgetFen < existing.approvedFen) {
        throw ProblemException.invalidField('budgetFen', 'min', [existing.approvedFen]);
      }
      await em.save(
        Object.assign(
          existing ?? em.create(SubsidyBudget, { installationId: id, tenantId: inst.tenantId, year: dto.year, approvedFen: 0 }),
          { budgetFen: dto.budgetFen },
        ),
      );
    });
    return this.get(id);
  }

  checkParams(plugin: PolicyPlugin, params: Record<string, unknown>) {
    return checkParams(plugin, params);
  }

  async lockManaged(em: EntityManager, id: string, action: 'update' | 'delete'): Promise<PluginInstallation> {
    const inst = await em.findOne(PluginInstallation, { where: { id, status: 'active' }, lock: { mode: 'pessimistic_write' } });
    if (!inst) throw ProblemException.notFound('PluginInstallation');
    this.access.assert(action, 'PluginInstallation', inst);
    return inst;
  }
}

const TIER_LABELS: Record<string, { zh: string; en: string }> = {
  province: { zh: '省级平台', en: 'the provincial platform' },
  city: { zh: '市（州）', en: 'a city' },
  county: { zh: '县（市、区）', en: 'a county' },
};

/** A version's last day, which cannot come before its first (400 naming `validTo`). */
function checkValidity(validFrom: string, validTo?: string): string | null {
  if (validTo && validTo < validFrom) throw ProblemException.invalidField('validTo', 'rangeOrder');
  return validTo ?? null;
}

/** A plugin's parameters checked against its schema; a 400 naming each bad parameter otherwise. */
export function checkParams(plugin: PolicyPlugin, params: Record<string, unknown>) {
  const { values, errors } = validateParams(plugin.params, params);
  if (errors.length) {
    throw new ProblemException(
      'VALIDATION_FAILED',
      {},
      errors.map((e) => ({ field: `params.${e.param}`, code: 'pluginParam', args: [e.message] })),
    );
  }
  return values;
}

/**
 * 安装插件: the one way an installation comes to be — by a bureau through the API, or by the
 * demo loader. Checks that the plugin may be installed by this tenant, validates the
 * parameters, and writes the installation, its first parameter version and its budget through
 * the entity manager (so the audit log records each).
 */
export async function installPlugin(
  em: EntityManager,
  plugin: PolicyPlugin,
  tenant: { tenantId: string; tenantCode: string; tier: string },
  dto: {
    params?: Record<string, unknown>;
    validFrom: string;
    validTo?: string;
    source: SourceCitation;
    annualBudgetFen?: number;
    actorId: string | null;
  },
): Promise<string> {
  if (!plugin.tiers.includes(tenant.tier as never) || (plugin.tenants && !plugin.tenants.includes(tenant.tenantCode))) {
    const allowed = plugin.tenants
      ? { zh: plugin.tenants.join('、'), en: plugin.tenants.join(', ') }
      : {
          zh: plugin.tiers.map((t) => TIER_LABELS[t].zh).join('、'),
          en: plugin.tiers.map((t) => TIER_LABELS[t].en).join(' or '),
        };
    throw new ProblemException('PLUGIN_TIER_MISMATCH', { plugin: plugin.name, allowed });
  }
  const values = checkParams(plugin, dto.params ?? {});
  try {
    const inst = await em.save(
      em.create(PluginInstallation, {
        tenantId: tenant.tenantId,
        pluginId: plugin.id,
        pluginVersion: plugin.version,
        status: 'active',
        installedBy: dto.actorId,
      }),
    );
    await em.save(
      em.create(PluginParameters, {
        installationId: inst.id,
        tenantId: tenant.tenantId,
        version: 1,
        values,
        validFrom: dto.validFrom,
        validTo: checkValidity(dto.validFrom, dto.validTo),
        source: dto.source,
        createdBy: dto.actorId,
      }),
    );
    if (dto.annualBudgetFen !== undefined) {
      await em.save(
        em.create(SubsidyBudget, {
          installationId: inst.id,
          tenantId: tenant.tenantId,
          year: Number(dto.validFrom.slice(0, 4)),
          budgetFen: dto.annualBudgetFen,
          approvedFen: 0,
        }),
      );
    }
    return inst.id;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new ProblemException('PLUGIN_ALREADY_INSTALLED', { plugin: plugin.name });
    throw e;
  }
}

export function describe(p: PolicyPlugin) {
  return {
    id: p.id,
    version: p.version,
    name: p.name,
    description: p.description,
    tiers: p.tiers,
    tenants: p.tenants ?? null,
    legalBasis: p.legalBasis,
    params: p.params,
    events: p.events,
    exclusiveGroup: p.exclusiveGroup ?? null,
    /** The plugin-API range its package.json declares (peerDependencies), checked at start-up. */
    apiRange: pluginApiRange(p) ?? null,
  };
}
