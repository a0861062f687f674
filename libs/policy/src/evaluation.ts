import type { Decision, PolicyEvent, PolicyPlugin, Tier } from '@techmarket/plugin-api';

/** What the engine passes around while deciding one event (plain data, no framework). */
export interface InstallationRow {
  id: string;
  plugin_id: string;
  tenant_id: string;
  tenant_code: string;
  tier: Tier;
  path: string;
}

/** An event with the facts the plugins see, the installations it concerns, and its key. */
export interface BuiltEvent {
  event: PolicyEvent;
  key: string;
  installations: InstallationRow[];
}

export interface Evaluated {
  installation: InstallationRow;
  plugin: PolicyPlugin;
  parameters: { id: string; version: number; values: Record<string, unknown>; validFrom: string; source: string } | null;
  decision: Decision;
}
