import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { validateParams, type PolicyPlugin } from '@techmarket/plugin-api';
import { AccessService, ProblemException, TenancyService } from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConfigurePlugin, InstallPlugin, SetBudget } from './dto/policy.dto.js';
import { PluginInstallation, PluginParameters, SubsidyBudget } from './entities/index.js';
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

  async list(tenantCode?: string) {
    const rows = await this.ds.query(
      `SELECT i.id, i.plugin_id AS "pluginId", i.plugin_version AS "pluginVersion", i.status, i.installed_at AS "installedAt",
              t.code AS "tenantCode", t.name AS "tenantName"
         FROM plugin_installation i JOIN tenant t ON t.id = i.tenant_id
        WHERE i.status = 'active' AND ($1::text IS NULL OR t.code = $1) ORDER BY t.path, i.plugin_id`,
      [tenantCode ?? null],
    );
    return rows.map((r: { pluginId: string }) => ({
      ...r,
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
    if (!plugin.tiers.includes(p.tenantTier) || (plugin.tenants && !plugin.tenants.includes(p.tenantCode))) {
      throw new ProblemException('CONFLICT', {
        detail: `插件“${plugin.name.zh}”只能由${plugin.tenants?.join('、') ?? plugin.tiers.map(tierLabel).join('、')}安装`,
      });
    }
    const values = this.checkParams(plugin, dto.params ?? {});
    const id = await this.ds
      .transaction(async (em) => {
        const inst = await em.save(
          em.create(PluginInstallation, {
            tenantId: p.tenantId,
            pluginId: plugin.id,
            pluginVersion: plugin.version,
            status: 'active',
            installedBy: p.userId,
          }),
        );
        await em.save(
          em.create(PluginParameters, {
            installationId: inst.id,
            tenantId: p.tenantId,
            version: 1,
            values,
            validFrom: dto.validFrom,
            source: dto.source,
            createdBy: p.userId,
          }),
        );
        if (dto.annualBudgetFen !== undefined) {
          await em.save(
            em.create(SubsidyBudget, {
              installationId: inst.id,
              tenantId: p.tenantId,
              year: Number(dto.validFrom.slice(0, 4)),
              budgetFen: dto.annualBudgetFen,
              approvedFen: 0,
            }),
          );
        }
        return inst.id;
      })
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw new ProblemException('CONFLICT', { detail: `本级已安装插件“${plugin.name.zh}”` });
        throw e;
      });
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

  /** The parameter version in force on `date` (the latest version among those valid from on or before it). */
  static async paramsInForce(db: { query: DataSource['query'] }, installationId: string, date: string): Promise<PluginParameters | null> {
    const [row] = await db.query(
      `SELECT id, version, values, valid_from::text AS "validFrom", source FROM plugin_parameters
        WHERE installation_id = $1 AND valid_from <= $2 ORDER BY valid_from DESC, version DESC LIMIT 1`,
      [installationId, date],
    );
    return row ?? null;
  }

  checkParams(plugin: PolicyPlugin, params: Record<string, unknown>) {
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

  async lockManaged(em: EntityManager, id: string, action: 'update' | 'delete'): Promise<PluginInstallation> {
    const inst = await em.findOne(PluginInstallation, { where: { id, status: 'active' }, lock: { mode: 'pessimistic_write' } });
    if (!inst) throw ProblemException.notFound('PluginInstallation');
    this.access.assert(action, 'PluginInstallation', inst);
    return inst;
  }
}

const tierLabel = (t: string) => ({ province: '省级平台', city: '市（州）', county: '县（市、区）' })[t] ?? t;

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
  };
}
