import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogService } from '@techmarket/catalog';
import { AccessService, newestFirst, type Page, ProblemException } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { CONTRACT_TYPES } from './contract-types.js';
import { ContractsService, statusLabel } from './contracts.service.js';
import type { ListReviewsQuery, RecordOpinion } from './dto/contract.dto.js';
import { ContractExpertReview, TechContract } from './entities/index.js';

/**
 * 专家评审 of contracts whose 技术交易额 is 5,000,000 yuan or more: the registrar assigns experts
 * of the catalog's expert pool (published entries), never one of a party's organisation; each
 * expert, through the account linked to their entry, records an opinion. Registration waits
 * until every assigned expert has answered (ContractsService.register).
 */
@Injectable()
export class ContractReviewsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(ContractsService) private readonly contracts: ContractsService,
  ) {}

  async assign(id: string, expertIds: string[]) {
    await this.ds.transaction(async (em) => {
      const c = await this.contracts.findReadable(id, em);
      this.access.assert('review', 'TechContract', c);
      if (!c.expertReview) throw new ProblemException('EXPERT_REVIEW_NOT_REQUIRED');
      if (c.status !== 'submitted')
        throw new ProblemException('INVALID_TRANSITION', {
          from: statusLabel(c.status),
          action: { zh: '指派评审专家', en: 'assign experts' },
        });
      const experts = new Map((await this.catalog.publishedExperts(expertIds)).map((e) => [e.id, e]));
      const assigned = new Set((await em.findBy(ContractExpertReview, { contractId: id })).map((r) => r.expertId));
      expertIds.forEach((expertId, i) => {
        const e = experts.get(expertId);
        const field = `expertIds[${i}]`;
        if (!e) throw ProblemException.invalidField(field, 'expertNotInPool');
        if (e.organizationId && (e.organizationId === c.sellerOrgId || e.organizationId === c.buyerOrgId))
          throw ProblemException.invalidField(field, 'expertConflict');
        if (!e.userId) throw ProblemException.invalidField(field, 'expertWithoutAccount');
        if (assigned.has(expertId)) throw ProblemException.invalidField(field, 'expertAlreadyAssigned');
      });
      const by = this.access.principal().userId;
      for (const expertId of expertIds) {
        const e = experts.get(expertId)!;
        await em.save(
          em.create(ContractExpertReview, {
            contractId: id,
            tenantId: c.tenantId,
            expertId,
            expertName: e.name,
            expertOrgId: e.organizationId,
            expertUserId: e.userId!,
            assignedBy: by,
            opinion: null,
            comment: null,
            opinionAt: null,
          }),
        );
      }
    });
    return this.contracts.get(id);
  }

  /** The reviews the caller may read (an expert: their own), newest first, each with what the expert needs of the contract. */
  async list(q: ListReviewsQuery): Promise<Page<unknown>> {
    const qb = this.ds.getRepository(ContractExpertReview).createQueryBuilder('r');
    this.access.scope(qb, 'read', 'ContractExpertReview');
    const page = await newestFirst(qb, q);
    return { ...page, items: await this.withContracts(page.items) };
  }

  async get(reviewId: string) {
    const r = await this.findReadable(reviewId);
    return (await this.withContracts([r]))[0];
  }

  async recordOpinion(reviewId: string, dto: RecordOpinion) {
    await this.ds.transaction(async (em) => {
      const r = await this.findReadable(reviewId, em);
      this.access.assert('update', 'ContractExpertReview', r);
      if (r.opinion) throw new ProblemException('OPINION_ALREADY_RECORDED');
      const c = await em.findOneByOrFail(TechContract, { id: r.contractId });
      if (c.status !== 'submitted')
        throw new ProblemException('INVALID_TRANSITION', {
          from: statusLabel(c.status),
          action: { zh: '提交评审意见', en: 'record an opinion' },
        });
      await em.save(Object.assign(r, { opinion: dto.opinion, comment: dto.comment, opinionAt: new Date() }));
    });
    return this.get(reviewId);
  }

  private async findReadable(id: string, em = this.ds.manager): Promise<ContractExpertReview> {
    const qb = em.getRepository(ContractExpertReview).createQueryBuilder('r').where('r.id = :id', { id });
    if (em !== this.ds.manager) qb.setLock('pessimistic_write');
    const r = await this.access.scope(qb, 'read', 'ContractExpertReview').getOne();
    if (!r) throw ProblemException.notFound('ContractExpertReview');
    return r;
  }

  /** An assigned expert sees the contract under review (its terms, parties and patents) through the review, not the contract's own route. */
  private async withContracts(reviews: ContractExpertReview[]) {
    if (!reviews.length) return [];
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT c.id, c.title, c.contract_type AS "contractType", c.sub_type AS "subType", c.amount_fen::bigint AS "amountFen",
              c.tech_transaction_fen::bigint AS "techTransactionFen", c.signed_on::text AS "signedOn", c.status, c.due_on::text AS "dueOn",
              s.name AS "sellerName", b.name AS "buyerName",
              ARRAY(SELECT p.application_number FROM tech_contract_patent cp JOIN patent p ON p.id = cp.patent_id
                     WHERE cp.contract_id = c.id ORDER BY 1) AS "patentNumbers"
         FROM tech_contract c JOIN organization s ON s.id = c.seller_org_id JOIN organization b ON b.id = c.buyer_org_id
        WHERE c.id = ANY($1::uuid[])`,
      [reviews.map((r) => r.contractId)],
    );
    const byId = new Map(
      rows.map((r) => [
        r.id as string,
        {
          ...r,
          amountFen: Number(r.amountFen),
          techTransactionFen: Number(r.techTransactionFen),
          contractTypeLabel: CONTRACT_TYPES[r.contractType as keyof typeof CONTRACT_TYPES].label,
        },
      ]),
    );
    return reviews.map((r) => ({ ...r, contract: byId.get(r.contractId) }));
  }
}
