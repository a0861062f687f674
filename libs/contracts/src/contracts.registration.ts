import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

const SUBJECTS = {
  TechContract: { zh: '技术合同', en: 'Technology contract' },
  ContractExpertReview: { zh: '专家评审', en: 'Expert review' },
};

/** The BullMQ queue on which the contracts module consumes its own events (mail to the parties). */
export const CONTRACT_EVENTS_QUEUE = 'contract-events';

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
  PAYMENT_REFERENCE_TAKEN: {
    status: 409,
    zh: '银行流水号 {reference} 已在本合同登记过到账',
    en: 'The bank reference {reference} is already recorded on this contract',
  },
  PAYMENT_ALREADY_CONFIRMED: { status: 409, zh: '该到账记录已确认', en: 'The payment is already confirmed' },
  PAYMENT_CONFIRMER: {
    status: 403,
    zh: '到账须由另一方当事人或登记机构确认，不能由记录方自己确认',
    en: 'A payment is confirmed by the other party or the registrar, not by the side that recorded it',
  },
  AMOUNT_BELOW_RECEIVED: {
    status: 409,
    zh: '变更后的成交额低于已登记的到账金额合计（{receivedYuan} 元），不能登记',
    en: 'The amended amount is below the payments already recorded ({receivedYuan} yuan)',
  },
  EXPERT_REVIEW_INCOMPLETE: {
    status: 409,
    zh: '技术交易额不低于 500 万元的合同须经专家评审后登记：已指派 {assigned} 位专家，{pending} 位尚未提交意见',
    en: 'A contract with a technology transaction amount of 5 million yuan or more is registered after its expert review: {assigned} experts assigned, {pending} opinions outstanding',
  },
  EXPERT_REVIEW_NOT_REQUIRED: {
    status: 409,
    zh: '该合同技术交易额低于 500 万元，无需专家评审',
    en: 'The contract’s technology transaction amount is below 5 million yuan: no expert review',
  },
  OPINION_ALREADY_RECORDED: { status: 409, zh: '您已提交过评审意见', en: 'You have already recorded your opinion' },
  CERTIFICATE_UNAVAILABLE: {
    status: 409,
    zh: '只有已登记（未被变更替代或撤销）的合同可以出具登记证明',
    en: 'A certificate is issued only for a registered contract (not superseded or cancelled)',
  },
  CERTIFICATE_FONT_MISSING: {
    status: 503,
    zh: '登记证明所需的中文字体未安装（{path}）',
    en: 'The Chinese font the certificate needs is not installed ({path})',
  },
  FACT_NOT_DECLARED: { status: 409, zh: '“{fact}”尚未申报，不能确认', en: '“{fact}” has not been declared' },
  FACT_EVIDENCE_MISSING: {
    status: 409,
    zh: '“{fact}”尚无证明材料，不能确认',
    en: '“{fact}” has no evidence file yet',
  },
} as const;

/** Notices shown with a contract (they never block). `{number}` is the similar contract's registration number. */
export const CONTRACT_WARNINGS = {
  SIMILAR_REGISTERED_CONTRACT: {
    zh: '与已登记的技术合同 {number} 相似（当事人、合同类型相同，且金额相差不超过 1%、签订日期相差不超过 30 天，或涉及的专利相同），请核实是否重复登记',
    en: 'Looks like the registered contract {number} (same parties and type, and an amount within 1 % signed within 30 days, or the same patents): check it is not a duplicate',
  },
} as const;
export type ContractWarningCode = keyof typeof CONTRACT_WARNINGS;

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
  interface ActionRegistry {
    submit: true;
    review: true;
    confirm: true;
  }
  interface ErrorCodeRegistry extends Keys<typeof CONTRACT_ERRORS> {}
}

/**
 * 技术合同认定登记 with core. Parties (members of the seller or buyer) and brokers of the
 * registration tenant's subtree submit (`create`, `submit`: amendments, payments, facts with
 * evidence); the registrars (reviewers and tier staff of the subtree) `review` (register,
 * return, cancel, assign experts, confirm facts); parties and registrars `confirm` money
 * received. An expert reads and answers (`update`) only the reviews assigned to their account.
 */
registerModule({
  name: 'contracts',
  subjects: SUBJECTS,
  actions: ['submit', 'review', 'confirm'],
  errors: CONTRACT_ERRORS,
  labels: {
    ContractPayment: { zh: '到账记录', en: 'Payment received' },
    ContractEvidence: { zh: '证明材料', en: 'Evidence file' },
  },
  fieldMessages: {
    subTypeMismatch: { zh: '与合同类型不符', en: 'does not belong to the contract type' },
    paymentsExceedAmount: {
      zh: '到账金额合计不能超过合同成交额（尚可登记 {0} 元）',
      en: 'the payments would exceed the contract amount ({0} yuan left)',
    },
    belowReceived: { zh: '不能低于已登记的到账金额合计 {0} 元', en: 'must not be below the {0} yuan already recorded as received' },
    expertNotInPool: { zh: '不是专家库中已发布的专家', en: 'is not a published expert of the expert pool' },
    expertConflict: {
      zh: '专家所在机构是合同当事方，须回避',
      en: 'the expert belongs to a party of the contract and must stand aside',
    },
    expertWithoutAccount: {
      zh: '该专家尚未关联账号，无法提交评审意见',
      en: 'the expert has no account to record an opinion with',
    },
    expertAlreadyAssigned: { zh: '该专家已被指派', en: 'the expert is already assigned' },
    evidenceType: { zh: '只接受 PDF、JPEG 或 PNG 文件', en: 'must be a PDF, JPEG or PNG file' },
    evidenceTooLarge: { zh: '文件不能超过 10 MB', en: 'must be at most 10 MB' },
    evidenceEmpty: { zh: '请上传证明材料文件', en: 'an evidence file is required' },
  },
  audited: {
    TechContract: ownTenant,
    ContractPayment: ownTenant,
    ContractExpertReview: ownTenant,
    ContractEvidence: ownTenant,
  },
  queues: [CONTRACT_EVENTS_QUEUE],
  consumes: [{ queue: CONTRACT_EVENTS_QUEUE, events: ['contract.cancelled'] }],
  rules({ principal: p, can, roles, subtree, isStaff, isMember }) {
    if (isMember) {
      for (const party of ['sellerOrgId', 'buyerOrgId']) {
        can(['create', 'read', 'submit', 'confirm'], 'TechContract', { [party]: p.organizationId });
        can('update', 'TechContract', { [party]: p.organizationId, status: 'returned' });
      }
    }
    if (roles.has('broker') || isStaff) {
      can(['create', 'read', 'submit'], 'TechContract', { tenantId: subtree });
      can('update', 'TechContract', { tenantId: subtree, status: 'returned' });
    }
    if (isStaff || roles.has('reviewer')) {
      can(['read', 'review', 'confirm'], 'TechContract', { tenantId: subtree });
      can('read', 'ContractExpertReview', { tenantId: subtree });
    }
    if (roles.has('expert')) can(['read', 'update'], 'ContractExpertReview', { expertUserId: p.userId });
  },
});
