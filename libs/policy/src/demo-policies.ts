import { readFile } from 'node:fs/promises';
import { validateParams } from '@techmarket/plugin-api';
import { loadPolicyPlugins } from './plugin-loader.js';

interface DemoPolicy {
  tenantCode: string;
  pluginId: string;
  params: Record<string, unknown>;
  validFrom: string;
  source: string;
  budgetFen?: number;
}

/**
 * Installs the demo policies of data/demo-policies.json (configuration, as a bureau would
 * enter it), checking parameters against each plugin's schema. Idempotent: an installed plugin
 * is left as it is.
 */
export async function installDemoPolicies(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  file: string,
): Promise<string[]> {
  const wanted = JSON.parse(await readFile(file, 'utf8')) as { policies: DemoPolicy[] };
  const plugins = await loadPolicyPlugins();
  const done: string[] = [];
  for (const p of wanted.policies) {
    const plugin = plugins.find((x) => x.id === p.pluginId);
    if (!plugin) throw new Error(`demo policy names unknown plugin ${p.pluginId}`);
    const { values, errors } = validateParams(plugin.params, p.params);
    if (errors.length) throw new Error(`${p.pluginId}: ${errors.map((e) => e.message).join('; ')}`);
    const [tenant] = (await db.query(`SELECT id FROM tenant WHERE code = $1`, [p.tenantCode])) as { id: string }[];
    const existing = (await db.query(`SELECT 1 FROM plugin_installation WHERE tenant_id = $1 AND plugin_id = $2 AND status = 'active'`, [
      tenant.id,
      plugin.id,
    ])) as unknown[];
    if (existing.length) continue;
    const [inst] = (await db.query(
      `INSERT INTO plugin_installation (tenant_id, plugin_id, plugin_version, status) VALUES ($1, $2, $3, 'active') RETURNING id`,
      [tenant.id, plugin.id, plugin.version],
    )) as { id: string }[];
    await db.query(
      `INSERT INTO plugin_parameters (installation_id, tenant_id, version, values, valid_from, source) VALUES ($1, $2, 1, $3, $4, $5)`,
      [inst.id, tenant.id, JSON.stringify(values), p.validFrom, p.source],
    );
    if (p.budgetFen !== undefined) {
      await db.query(`INSERT INTO subsidy_budget (installation_id, tenant_id, year, budget_fen, approved_fen) VALUES ($1, $2, $3, $4, 0)`, [
        inst.id,
        tenant.id,
        Number(p.validFrom.slice(0, 4)),
        p.budgetFen,
      ]);
    }
    done.push(`${p.tenantCode}:${plugin.id}`);
  }
  return done;
}
