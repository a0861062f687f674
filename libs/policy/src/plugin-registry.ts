import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { PolicyPlugin } from '@techmarket/plugin-api';

/**
 * Finds the policy plugins: every folder under `plugins/` whose package.json has
 * `"techmarket": { "policyPlugin": true }`, loaded from its built `main`. Core code never names
 * a plugin; a new city's policy is a new folder. `PLUGINS_DIR` points elsewhere (tests, ops).
 */
@Injectable()
export class PluginRegistry implements OnModuleInit {
  private readonly logger = new Logger(PluginRegistry.name);
  private readonly plugins = new Map<string, PolicyPlugin>();

  async onModuleInit(): Promise<void> {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // dist/libs/policy/src → dist/plugins
    const dir = process.env.PLUGINS_DIR ?? path.resolve(here, '../../../plugins');
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const pkgFile = path.join(dir, entry.name, 'package.json');
      const pkg = JSON.parse(await readFile(pkgFile, 'utf8').catch(() => '{}')) as {
        main?: string;
        techmarket?: { policyPlugin?: boolean };
      };
      if (!pkg.techmarket?.policyPlugin || !pkg.main) continue;
      const main = path.join(dir, entry.name, pkg.main.replace(/\.ts$/, '.js'));
      const mod = (await import(pathToFileURL(main).href)) as { default: PolicyPlugin };
      const plugin = mod.default;
      if (!plugin?.id || typeof plugin.evaluate !== 'function') throw new Error(`${main} does not export a policy plugin`);
      if (this.plugins.has(plugin.id)) throw new Error(`two plugins share the id ${plugin.id}`);
      this.plugins.set(plugin.id, plugin);
    }
    this.logger.log(`policy plugins: ${[...this.plugins.keys()].join(', ') || '(none)'}`);
  }

  all(): PolicyPlugin[] {
    return [...this.plugins.values()];
  }

  get(id: string): PolicyPlugin | undefined {
    return this.plugins.get(id);
  }
}
