import type { OrganizationFacts } from '@techmarket/core/module-api';

/** `catalog.published`: an achievement or patent entered the shared catalog (发布), with its facts. */
export interface CatalogEntryPublished {
  kind: 'achievement' | 'patent';
  entry: {
    id: string;
    title: string;
    /** 行业领域 code (INDUSTRY_FIELDS). */
    field: string | null;
    /** IPC classes of the patent, or of the patents linked to the achievement. */
    ipcClasses: string[];
    /** China date of publication. */
    publishedOn: string;
    owner: OrganizationFacts;
  };
}

/**
 * `catalog.demand_published`: an enterprise demand (企业需求) entered the shared catalog, with its facts.
 * A separate type from `catalog.published`, whose shape is part of the policy plugin API (achievements
 * and patents only): routing plugins must not start receiving demands.
 */
export interface CatalogDemandPublished {
  kind: 'demand';
  entry: {
    id: string;
    title: string;
    description: string;
    field: string;
    budgetMinFen: number | null;
    budgetMaxFen: number | null;
    isOpenCall: boolean;
    publishedOn: string;
    owner: OrganizationFacts;
  };
}

/**
 * `catalog.entry_viewed`: a member of an organisation opened a published entry (查看). The catalog
 * states the fact and knows nothing of who uses it (matching builds enterprise profiles from it).
 * Entries of the viewer's own organisation are not reported.
 */
export interface CatalogEntryViewed {
  kind: 'achievement' | 'patent' | 'expert' | 'demand';
  entry: {
    id: string;
    title: string;
    /** 行业领域 codes (one for most kinds; an expert's several). */
    fields: string[];
    organizationId: string | null;
  };
  viewer: { userId: string; organizationId: string; tenantId: string };
  viewedAt: string;
}

declare module '@techmarket/core/module-api' {
  interface DomainEventMap {
    'catalog.published': CatalogEntryPublished;
    'catalog.demand_published': CatalogDemandPublished;
    'catalog.entry_viewed': CatalogEntryViewed;
  }
}
