import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

const SUBJECTS = { TechContract: { zh: '技术合同', en: 'Technology contract' } };

export const CONTRACT_ERRORS = {
  CONTRACT_NOT_AMENDABLE: {
    status: 409,
    zh: '只有已登记的合同可以变更；未登记的合同请直接修改',
    en: 'Only a registered contract can be amended; edit an unregistered one directly',
  },
  AMENDMENT_PENDING: { status: 409, zh: '该合同已有待审核的变更', en: 'The contract already has an amendment awaiting review' },
  PAYMENT_NOT_ALLOWED: {
    status: 409,
    zh: '只有已登记且未被变更替代的合同可以登记到账',
    en: 'Money received can only be recorded on a registered contract that has not been superseded',
  },
} as const;

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
  interface ActionRegistry {
    submit: true;
    review: true;
  }
  interface ErrorCodeRegistry extends Keys<typeof CONTRACT_ERRORS> {}
}

/**
 * 技术合同认定登记 with core. Parties (members of the seller or buyer) and brokers of the
 * registration tenant's subtree submit (`create`, `submit`: amendments and payments); the
 * registrars (reviewers and tier staff of the subtree) `review`.
 */
registerModule({
  name: 'contracts',
  subjects: SUBJECTS,
  actions: ['submit', 'review'],
  errors: CONTRACT_ERRORS,
  labels: { ContractPayment: { zh: '到账记录', en: 'Payment received' } },
  fieldMessages: { subTypeMismatch: { zh: '与合同类型不符', en: 'does not belong to the contract type' } },
  audited: { TechContract: ownTenant, ContractPayment: ownTenant },
  rules({ principal: p, can, roles, subtree, isStaff, isMember }) {
    if (isMember) {
      for (const party of ['sellerOrgId', 'buyerOrgId']) {
        can(['create', 'read', 'submit'], 'TechContract', { [party]: p.organizationId });
        can('update', 'TechContract', { [party]: p.organizationId, status: 'returned' });
      }
    }
    if (roles.has('broker') || isStaff) {
      can(['create', 'read', 'submit'], 'TechContract', { tenantId: subtree });
      can('update', 'TechContract', { tenantId: subtree, status: 'returned' });
    }
    if (isStaff || roles.has('reviewer')) can(['read', 'review'], 'TechContract', { tenantId: subtree });
  },
});
