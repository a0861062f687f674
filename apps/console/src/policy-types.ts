import type { ParamSchema } from './param-form';

/** A document a plugin or a parameter version cites (依据文件). */
export interface LegalBasis {
  document: string;
  title?: string;
  article?: string;
  issuer?: string;
}

/** A policy plugin as `GET /policy/plugins` describes it (libs/policy installations.service.ts `describe`). */
export interface PolicyPluginView {
  id: string;
  version: string;
  name: { zh: string; en: string };
  description: string;
  tiers: string[];
  tenants: string[] | null;
  legalBasis: LegalBasis[];
  params: ParamSchema;
  events: string[];
  exclusiveGroup: string | null;
  /** The plugin-API range its package.json declares. */
  apiRange: string | null;
}
