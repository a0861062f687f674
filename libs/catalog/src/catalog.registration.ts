import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

/** The catalog entries that follow the publishing workflow (共享目录). */
export const CATALOG_SUBJECTS = ['Achievement', 'Demand', 'Patent', 'Expert'] as const;
export type CatalogSubject = (typeof CATALOG_SUBJECTS)[number];

/** Workflow states in which the owner may still edit or delete an entry. */
export const EDITABLE_STATUSES = ['draft', 'returned'] as const;

/** The BullMQ queue of spreadsheet imports (批量导入). */
export const IMPORT_QUEUE = 'catalog-import';

const SUBJECTS = {
  Achievement: { zh: '科技成果', en: 'Achievement' },
  Demand: { zh: '企业需求', en: 'Demand' },
  Patent: { zh: '专利', en: 'Patent' },
  Expert: { zh: '专家', en: 'Expert' },
  CatalogImport: { zh: '导入任务', en: 'Import' },
};

/**
 * `submit` (owner sends for review), `review` (publish, return, archive), `withdraw` (take a
 * published entry off the catalog), `license` (declare or withdraw an open licence on a patent).
 */
const ACTIONS = ['submit', 'review', 'withdraw', 'license'] as const;

export const CATALOG_ERRORS = {
  EXTERNAL_ID_TAKEN: {
    status: 409,
    zh: '该机构下已存在相同外部编号（externalId）的条目',
    en: 'The organisation already has an entry with this externalId',
  },
  PATENT_NUMBER_TAKEN: {
    status: 409,
    zh: '专利申请号 {number} 已登记',
    en: 'The patent application number {number} is already registered',
  },
  PATENT_LINKED: {
    status: 409,
    zh: '该专利已关联科技成果，请先解除关联',
    en: 'The patent is linked to an achievement; unlink it first',
  },
  PATENT_LAPSED: { status: 409, zh: '专利已失效，不能声明开放许可', en: 'A lapsed patent cannot be declared for open licensing' },
  OPEN_LICENCE_IN_FORCE: {
    status: 409,
    zh: '该专利已有生效的开放许可声明，请先撤回',
    en: 'The patent already has an open licence declaration in force; withdraw it first',
  },
  OPEN_LICENCE_WITHDRAWN: { status: 409, zh: '该开放许可声明已撤回', en: 'The open licence declaration has been withdrawn' },
} as const;

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
  interface ActionRegistry extends Keys<Record<(typeof ACTIONS)[number], true>> {}
  interface ErrorCodeRegistry extends Keys<typeof CATALOG_ERRORS> {}
}

/**
 * 共享目录 with core: its subjects and workflow actions, its permission rules, its messages,
 * its audited entities and its import queue.
 */
registerModule({
  name: 'catalog',
  subjects: SUBJECTS,
  actions: [...ACTIONS],
  errors: CATALOG_ERRORS,
  labels: { OpenLicence: { zh: '开放许可声明', en: 'Open licence declaration' } },
  fieldMessages: {
    isPatentNumber: {
      zh: '不是有效的中国专利申请号（如 202110123456.7，校验位须正确）',
      en: 'must be a Chinese patent application number with a valid check digit, e.g. 202110123456.7',
    },
    patentTypeMismatch: { zh: '与申请号中的专利类型不一致', en: 'does not match the patent type encoded in the number' },
    trlRange: { zh: '与成熟度不符，应在 {0}–{1} 之间', en: 'does not match the maturity stage; must be {0}–{1}' },
  },
  // Every write to the catalog, workflow transitions included, lands in the owning tenant's audit log.
  audited: Object.fromEntries(['Achievement', 'Demand', 'Patent', 'Expert', 'OpenLicence', 'CatalogImport'].map((e) => [e, ownTenant])),
  queues: [IMPORT_QUEUE],
  /**
   * Published entries are readable by every signed-in user in the province; drafts only by
   * their owners and by the staff and reviewers of the owning tenant or an ancestor. Owners
   * edit only while an entry is a draft or returned; reviewers (审核员) and tier admins review
   * entries of their subtree.
   */
  rules({ principal: p, can, roles, subtree, isStaff, isMember }) {
    const editable = { $in: [...EDITABLE_STATUSES] };
    can('read', [...CATALOG_SUBJECTS], { status: 'published' });
    if (isMember) {
      const own = ['Achievement', 'Demand', 'Patent'] as const;
      can(['read', 'create', 'submit', 'withdraw', 'license'], [...own], { organizationId: p.organizationId });
      can(['update', 'delete'], [...own], { organizationId: p.organizationId, status: editable });
      can('create', 'CatalogImport', { organizationId: p.organizationId });
      can('read', 'CatalogImport', { createdBy: p.userId });
    }
    if (roles.has('expert')) {
      can(['read', 'create', 'submit', 'withdraw'], 'Expert', { userId: p.userId });
      can('update', 'Expert', { userId: p.userId, status: editable });
    }
    if (isStaff) {
      // Tier staff post on behalf of the organisations and experts of their subtree (代为发布).
      can(['read', 'create', 'submit', 'withdraw', 'license'], [...CATALOG_SUBJECTS], { tenantId: subtree });
      can(['update', 'delete'], [...CATALOG_SUBJECTS], { tenantId: subtree, status: editable });
      can(['create', 'read'], 'CatalogImport', { tenantId: subtree });
    }
    if (roles.has('reviewer') || roles.has('platform_admin') || roles.has('bureau_admin')) {
      can(['read', 'review', 'withdraw'], [...CATALOG_SUBJECTS], { tenantId: subtree });
    }
    if (roles.has('center_staff')) can('review', [...CATALOG_SUBJECTS], { tenantId: subtree });
  },
});
