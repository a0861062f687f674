import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PolicyPlugin } from '@techmarket/plugin-api';

/** The built plugins folder: dist/libs/policy/src → dist/plugins, unless PLUGINS_DIR says otherwise. */
export function defaultPluginsDir(): string {
  return process.env.PLUGINS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugins');
}

/**
 * Loads every folder of `dir` whose package.json has `"techmarket": { "policyPlugin": true }`,
 * from its built `main`. Framework-free, so scripts (the demo loader) use it as well as the app.
 */
export async function loadPolicyPlugins(dir = defaultPluginsDir()): Promise<PolicyPlugin[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const plugins: PolicyPlugin[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const pkg = JSON.parse(await readFile(path.join(dir, entry.name, 'package.json'), 'utf8').catch(() => '{}')) as {
      main?: string;
      techmarket?: { policyPlugin?: boolean };
    };
    if (!pkg.techmarket?.policyPlugin || !pkg.main) continue;
    const main = path.join(dir, entry.name, pkg.main.replace(/\.ts$/, '.js'));
    const plugin = ((await import(pathToFileURL(main).href)) as { default: PolicyPlugin }).default;
    if (!plugin?.id || typeof plugin.evaluate !== 'function') throw new Error(`${main} does not export a policy plugin`);
    if (plugins.some((p) => p.id === plugin.id)) throw new Error(`two plugins share the id ${plugin.id}`);
    plugins.push(plugin);
  }
  return plugins;
}
