import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { PolicyPlugin } from '@techmarket/plugin-api';
import { loadPolicyPlugins } from './plugin-loader.js';

/**
 * The policy plugins found at start-up (see plugin-loader.ts). Core code never names a plugin;
 * a new city's policy is a new folder under plugins/.
 */
@Injectable()
export class PluginRegistry implements OnModuleInit {
  private readonly logger = new Logger(PluginRegistry.name);
  private readonly plugins = new Map<string, PolicyPlugin>();

  async onModuleInit(): Promise<void> {
    for (const plugin of await loadPolicyPlugins()) this.plugins.set(plugin.id, plugin);
    this.logger.log(`policy plugins: ${[...this.plugins.keys()].join(', ') || '(none)'}`);
  }

  all(): PolicyPlugin[] {
    return [...this.plugins.values()];
  }

  get(id: string): PolicyPlugin | undefined {
    return this.plugins.get(id);
  }
}
