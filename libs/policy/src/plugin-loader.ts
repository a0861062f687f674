import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PLUGIN_API_VERSION, type PolicyPlugin } from '@techmarket/plugin-api';
import semver from 'semver';

/** The built plugins folder: dist/libs/policy/src → dist/plugins, unless PLUGINS_DIR says otherwise. */
export function defaultPluginsDir(): string {
  return process.env.PLUGINS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugins');
}

/**
 * Loads every folder of `dir` whose package.json has `"techmarket": { "policyPlugin": true }`,
 * from its built `main`. A plugin must declare the plugin-API range it was written for
 * (`peerDependencies["@techmarket/plugin-api"]`); one that does not, or whose range excludes
 * this API's version, stops start-up with a message naming it. Framework-free, so scripts use it too.
 */
export async function loadPolicyPlugins(dir = defaultPluginsDir()): Promise<PolicyPlugin[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const plugins: PolicyPlugin[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const pkg = JSON.parse(await readFile(path.join(dir, entry.name, 'package.json'), 'utf8').catch(() => '{}')) as {
      main?: string;
      techmarket?: { policyPlugin?: boolean };
      peerDependencies?: Record<string, string>;
    };
    if (!pkg.techmarket?.policyPlugin || !pkg.main) continue;
    checkApiRange(entry.name, pkg.peerDependencies?.['@techmarket/plugin-api']);
    const main = path.join(dir, entry.name, pkg.main.replace(/\.ts$/, '.js'));
    const plugin = ((await import(pathToFileURL(main).href)) as { default: PolicyPlugin }).default;
    if (!plugin?.id || typeof plugin.evaluate !== 'function') throw new Error(`${main} does not export a policy plugin`);
    if (plugins.some((p) => p.id === plugin.id)) throw new Error(`two plugins share the id ${plugin.id}`);
    const contractEvents = plugin.events.some((e) => e === 'contract.registered' || e === 'payment.received');
    if (contractEvents && !plugin.governingDate)
      throw new Error(`plugin ${plugin.id} reacts to contract events but declares no governingDate (signed | registered | received)`);
    apiRanges.set(plugin, pkg.peerDependencies!['@techmarket/plugin-api']);
    plugins.push(plugin);
  }
  return plugins;
}

/** The plugin-API range each loaded plugin declared (its package.json, not the plugin object). */
const apiRanges = new WeakMap<PolicyPlugin, string>();
export const pluginApiRange = (plugin: PolicyPlugin): string | undefined => apiRanges.get(plugin);

/** Whether a plugin written for `range` of the plugin API runs on this one (throws, naming the plugin, if not). */
export function checkApiRange(plugin: string, range: string | undefined, version = PLUGIN_API_VERSION): void {
  if (!range)
    throw new Error(
      `plugin ${plugin}: package.json must declare peerDependencies["@techmarket/plugin-api"] (the plugin-API range it was written for)`,
    );
  if (!semver.validRange(range)) throw new Error(`plugin ${plugin}: "${range}" is not a semver range`);
  if (!semver.satisfies(version, range))
    throw new Error(`plugin ${plugin} was written for plugin API ${range}; this platform provides ${version}`);
}
