import { readFile } from 'node:fs/promises';
import { Tenant } from '@techmarket/core/entities';
import type { DataSource } from 'typeorm';
import { PluginInstallation } from './entities/index.js';
import type { SourceCitation } from './entities/plugin-parameters.entity.js';
import { installPlugin } from './installations.service.js';
import './policy.registration.js';
import { loadPolicyPlugins } from './plugin-loader.js';

interface DemoPolicy {
  tenantCode: string;
  pluginId: string;
  params: Record<string, unknown>;
  validFrom: string;
  validTo?: string;
  source: SourceCitation;
  budgetFen?: number;
}

/**
 * Installs the demo policies of data/demo-policies.json (configuration, as a bureau would
 * enter it) through `installPlugin`, the same domain function the API uses: the same tier and
 * tenant check, the same parameter validation, the same audit log. Idempotent: an installed
 * plugin is left as it is. One transaction: all of them or none.
 */
export async function installDemoPolicies(ds: DataSource, file: string): Promise<string[]> {
  const wanted = JSON.parse(await readFile(file, 'utf8')) as { policies: DemoPolicy[] };
  const plugins = await loadPolicyPlugins();
  return ds.transaction(async (em) => {
    const done: string[] = [];
    for (const p of wanted.policies) {
      const plugin = plugins.find((x) => x.id === p.pluginId);
      if (!plugin) throw new Error(`demo policy names unknown plugin ${p.pluginId}`);
      const tenant = await em.findOneByOrFail(Tenant, { code: p.tenantCode });
      if (await em.existsBy(PluginInstallation, { tenantId: tenant.id, pluginId: plugin.id, status: 'active' })) continue;
      await installPlugin(
        em,
        plugin,
        { tenantId: tenant.id, tenantCode: tenant.code, tier: tenant.tier },
        { params: p.params, validFrom: p.validFrom, validTo: p.validTo, source: p.source, annualBudgetFen: p.budgetFen, actorId: null },
      );
      done.push(`${p.tenantCode}:${plugin.id}`);
    }
    return done;
  });
}
