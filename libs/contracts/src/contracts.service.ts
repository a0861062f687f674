import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogService } from '@techmarket/catalog';
import {
  AccessService,
  addWorkingDays,
  chinaDate,
  chinaYear,
  chinaYearSpan,
  decodeCursor,
  DomainEvents,
  format,
  type Lang,
  newestFirst,
  OrganizationsService,
  type Page,
  ProblemException,
  toPage,
  writeAuditEntry,
} from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CONTRACT_FACTS,
  CONTRACT_TYPES,
  type ContractType,
  DECISION_WORKING_DAYS,
  DUE_SOON_WORKING_DAYS,
  EXPERT_REVIEW_THRESHOLD_FEN,
  isValidSubType,
  STATUS_LABELS,
} from './contract-types.js';
import type { CertificateData } from './certificate.js';
import type { RegisteredContractFacts } from './contracts.events.js';
import { CONTRACT_WARNINGS, type ContractWarningCode } from './contracts.registration.js';
import type { AmendContract, ListContractsQuery, SubmitContract, UpdateContract } from './dto/contract.dto.js';
import { ContractEvidence, ContractExpertReview, ContractPayment, TechContract } from './entities/index.js';

export interface ContractWarning {
  code: ContractWarningCode;
  message: string;
  similarContractId: string;
  similarRegistrationNumber: string | null;
}

/**
 * 技术合同认定登记: a party or a broker submits; the registrar of the registration tenant (the
 * seller's, or the domestic buyer's for a technology import) or an ancestor registers it with a
 * number unique per tenant and year, or returns it with a reason, within 15 working days (30 with
 * an expert review). Registered contracts are immutable: corrections are amendments, reviewed the
 * same way, and a rescinded contract's registration is cancelled. Registration, money received
 * and cancellation are published as domain events carrying the contract's facts.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(OrganizationsService) private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Newest first; with `due`, the submitted contracts past their deadline (`overdue`) or due within
   * DUE_SOON_WORKING_DAYS working days (`soon`), soonest first.
   */
  async list(q: ListContractsQuery): Promise<Page<unknown>> {
    const qb = this.ds.getRepository(TechContract).createQueryBuilder('c');
    this.access.scope(qb, 'read', 'TechContract');
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.contractType) qb.andWhere('c.contract_type = :type', { type: q.contractType });
    if (!q.due) return newestFirst(qb, q);
    const today = chinaDate();
    qb.andWhere(`c.status = 'submitted'`);
    if (q.due === 'overdue') qb.andWhere('c.due_on < :today', { today });
    else qb.andWhere('c.due_on BETWEEN :today AND :until', { today, until: addWorkingDays(today, DUE_SOON_WORKING_DAYS) });
    const limit = q.limit ?? 50;
    if (q.cursor) {
      const [dueOn, id] = decodeCursor(q.cursor, 2);
      qb.andWhere('(c.due_on, c.id) > (:dueOn::date, :cursorId::uuid)', { dueOn, cursorId: id });
    }
    const rows = await qb
      .orderBy('c.due_on', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (r) => [r.dueOn, r.id]);
  }

  async get(id: string, lang: Lang = 'zh-CN') {
    const c = await this.findReadable(id);
    const chain = await this.chainIds(this.ds.manager, id);
    const [parties, patents, payments, reviews, evidence, warnings] = await Promise.all([
      this.ds.query(`SELECT id, name, type FROM organization WHERE id = ANY($1)`, [[c.sellerOrgId, c.buyerOrgId]]),
      this.ds.query(
        `SELECT p.id, p.application_number AS "applicationNumber", p.title FROM tech_contract_patent cp JOIN patent p ON p.id = cp.patent_id WHERE cp.contract_id = $1`,
        [id],
      ),
      // An amendment carries the payments recorded on the contracts it amends.
      this.ds
        .getRepository(ContractPayment)
        .find({ where: chain.map((contractId) => ({ contractId })), order: { receivedOn: 'ASC', id: 'ASC' } }),
      this.ds.getRepository(ContractExpertReview).find({ where: { contractId: id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.ds
        .getRepository(ContractEvidence)
        .find({ where: chain.map((contractId) => ({ contractId })), order: { createdAt: 'ASC', id: 'ASC' } }),
      c.status === 'submitted' || c.status === 'returned' ? this.warnings(c, chain, lang) : Promise.resolve([]),
    ]);
    const name = (orgId: string) => parties.find((o: { id: string }) => o.id === orgId)?.name ?? null;
    return {
      ...c,
      sellerName: name(c.sellerOrgId),
      buyerName: name(c.buyerOrgId),
      patents,
      payments: payments.map((p) => ({ ...p, confirmed: p.confirmedAt !== null })),
      /** Only confirmed payments count as received (到账). */
      receivedFen: payments.filter((p) => p.confirmedAt).reduce((s, p) => s + p.amountFen, 0),
      /** Recorded, confirmed or not: what the contract amount still allows. */
      recordedFen: payments.reduce((s, p) => s + p.amountFen, 0),
      expertReviews: reviews,
      evidence,
      warnings,
    };
  }

  async submit(dto: SubmitContract, lang: Lang = 'zh-CN') {
    const [seller, buyer] = await Promise.all([this.org(dto.sellerOrgId, 'sellerOrgId'), this.org(dto.buyerOrgId, 'buyerOrgId')]);
    if (seller.id === buyer.id) throw ProblemException.invalidField('buyerOrgId', 'notSameAs', ['sellerOrgId']);
    checkContract(dto);
    const direction = dto.direction ?? 'domestic';
    // A technology import (技术引进) is registered by the domestic buyer's tenant.
    const record = { sellerOrgId: seller.id, buyerOrgId: buyer.id, tenantId: direction === 'import' ? buyer.tenantId : seller.tenantId };
    this.access.assert('create', 'TechContract', record);
    await this.checkCatalogLinks(dto.patentIds, dto.achievementIds);
    const { patentIds, achievementIds, ...fields } = dto;
    const id = await this.ds.transaction(async (em) => {
      const saved = await em.save(
        em.create(TechContract, {
          ...fields,
          ...record,
          direction,
          subType: fields.subType ?? null,
          status: 'submitted',
          submittedBy: this.access.principal().userId,
          ...deadline(fields.techTransactionFen),
        }),
      );
      await this.link(em, saved, patentIds ?? [], achievementIds ?? []);
      return saved.id;
    });
    return this.get(id, lang);
  }

  /** A returned contract is corrected by its submitter and goes back to the registrar, with a new deadline. */
  async update(id: string, patch: UpdateContract, lang: Lang = 'zh-CN') {
    await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('update', 'TechContract', c);
      const { patentIds, achievementIds, buyerOrgId, ...fields } = patch;
      if (buyerOrgId) {
        const buyer = await this.org(buyerOrgId, 'buyerOrgId');
        if (buyer.id === c.sellerOrgId) throw ProblemException.invalidField('buyerOrgId', 'notSameAs', ['sellerOrgId']);
        if (c.direction === 'import' && buyer.tenantId !== c.tenantId) throw ProblemException.invalidField('buyerOrgId', 'notInSubtree');
        c.buyerOrgId = buyer.id;
      }
      resetChangedFacts(c, fields);
      const next = Object.assign(c, fields, { status: 'submitted', returnReason: null });
      checkContract(next);
      Object.assign(next, deadline(next.techTransactionFen));
      await this.checkCatalogLinks(patentIds, achievementIds);
      await em.save(next);
      if (patentIds || achievementIds) await this.link(em, next, patentIds, achievementIds);
    });
    return this.get(id, lang);
  }

  async register(id: string) {
    await this.events.transaction(this.ds, async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('review', 'TechContract', c);
      if (c.status !== 'submitted')
        throw new ProblemException('INVALID_TRANSITION', { from: statusLabel(c.status), action: { zh: '认定登记', en: 'register' } });
      if (c.expertReview) {
        const [r]: { assigned: number; pending: number }[] = await em.query(
          `SELECT count(*)::int AS assigned, count(*) FILTER (WHERE opinion IS NULL)::int AS pending FROM contract_expert_review WHERE contract_id = $1`,
          [id],
        );
        if (r.assigned === 0 || r.pending > 0) throw new ProblemException('EXPERT_REVIEW_INCOMPLETE', r);
      }
      let original: TechContract | null = null;
      if (c.amendsId) {
        original = await em.getRepository(TechContract).findOne({ where: { id: c.amendsId }, lock: { mode: 'pessimistic_write' } });
        if (!original || original.status !== 'registered')
          throw new ProblemException('INVALID_TRANSITION', {
            from: statusLabel(original?.status ?? 'cancelled'),
            action: { zh: '以变更合同替代', en: 'be replaced by an amendment' },
          });
        const recorded = await this.recordedFen(em, await this.chainIds(em, id));
        if (recorded > c.amountFen) throw new ProblemException('AMOUNT_BELOW_RECEIVED', { receivedYuan: yuan(recorded) });
      }
      const [tenant] = await em.query(`SELECT code FROM tenant WHERE id = $1`, [c.tenantId]);
      const registeredAt = new Date();
      // The number counts in China's calendar year, whatever the server's time zone.
      const year = chinaYear(registeredAt);
      const [counter] = await em.query(
        `INSERT INTO registration_counter (tenant_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, year) DO UPDATE SET last = registration_counter.last + 1 RETURNING last`,
        [c.tenantId, year],
      );
      // The counter is advanced in SQL (atomically); its audit entry is written explicitly.
      await writeAuditEntry(em, {
        tenantId: c.tenantId,
        action: counter.last === 1 ? 'create' : 'update',
        entityType: 'RegistrationCounter',
        entityId: `${c.tenantId}:${year}`,
        changes: { last: { from: counter.last === 1 ? null : counter.last - 1, to: counter.last } },
      });
      Object.assign(c, {
        status: 'registered',
        registrationNumber: `${String(year).slice(2)}${tenant.code}${String(counter.last).padStart(6, '0')}`,
        registeredAt,
        registeredBy: this.access.principal().userId,
        returnReason: null,
      });
      await em.save(c);
      if (original) await em.save(Object.assign(original, { status: 'superseded' }));
      // In-transaction handlers (e.g. the roll-up's statistics) commit with the registration.
      await this.events.publishInTransaction(em, 'contract.registered', { contract: await this.facts(id, em) });
    });
    return this.get(id);
  }

  async returnContract(id: string, reason: string) {
    await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('review', 'TechContract', c);
      if (c.status !== 'submitted')
        throw new ProblemException('INVALID_TRANSITION', { from: statusLabel(c.status), action: { zh: '退回', en: 'return' } });
      await em.save(Object.assign(c, { status: 'returned', returnReason: reason }));
    });
    return this.get(id);
  }

  /** 撤销登记: the registrar cancels a registration (e.g. the contract was rescinded), with a reason. */
  async cancel(id: string, reason: string) {
    const cancelledAt = new Date();
    await this.events.transaction(this.ds, async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('review', 'TechContract', c);
      if (c.status !== 'registered')
        throw new ProblemException('INVALID_TRANSITION', { from: statusLabel(c.status), action: { zh: '撤销登记', en: 'cancel' } });
      if (await em.findOneBy(TechContract, { amendsId: id, status: 'submitted' })) throw new ProblemException('AMENDMENT_PENDING');
      await em.save(
        Object.assign(c, { status: 'cancelled', cancelledAt, cancelledBy: this.access.principal().userId, cancelReason: reason }),
      );
      await this.events.publishInTransaction(em, 'contract.cancelled', {
        contract: await this.facts(id, em),
        cancellation: { reason, cancelledOn: chinaDate(cancelledAt) },
      });
    });
    return this.get(id);
  }

  /** 变更: a new contract that replaces the registered one once it is registered itself; it carries the original's payments. */
  async amend(id: string, dto: AmendContract) {
    const newId = await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('submit', 'TechContract', c);
      if (c.status !== 'registered') throw new ProblemException('CONTRACT_NOT_AMENDABLE');
      const pending = await em.findOneBy(TechContract, { amendsId: id, status: 'submitted' });
      if (pending) throw new ProblemException('AMENDMENT_PENDING');
      const { reason, patentIds, achievementIds, ...changes } = dto;
      const {
        id: _id,
        registrationNumber: _n,
        registeredAt: _a,
        registeredBy: _b,
        version: _v,
        createdAt: _c,
        updatedAt: _u,
        cancelledAt: _ca,
        cancelledBy: _cb,
        cancelReason: _cr,
        ...copy
      } = c;
      resetChangedFacts(copy, changes);
      const next = {
        ...copy,
        ...changes,
        status: 'submitted' as const,
        amendsId: id,
        amendmentReason: reason,
        returnReason: null,
        submittedBy: this.access.principal().userId,
      };
      checkContract(next);
      const recorded = await this.recordedFen(em, await this.chainIds(em, id));
      if (next.amountFen < recorded) throw ProblemException.invalidField('amountFen', 'belowReceived', [yuan(recorded)]);
      await this.checkCatalogLinks(patentIds, achievementIds);
      const saved = await em.save(em.create(TechContract, { ...next, ...deadline(next.techTransactionFen) }));
      const links = await em.query(
        `SELECT ARRAY(SELECT patent_id FROM tech_contract_patent WHERE contract_id = $1) AS patents,
                ARRAY(SELECT achievement_id FROM tech_contract_achievement WHERE contract_id = $1) AS achievements`,
        [id],
      );
      await this.link(em, saved, patentIds ?? links[0].patents, achievementIds ?? links[0].achievements);
      return saved.id;
    });
    return this.get(newId);
  }

  /** What the 登记证明 states, for whoever can read the contract; only a registered contract has one. */
  async certificate(id: string): Promise<CertificateData> {
    const c = await this.findReadable(id);
    if (c.status !== 'registered' || !c.registrationNumber || !c.registeredAt) throw new ProblemException('CERTIFICATE_UNAVAILABLE');
    const [[tenant], orgs] = await Promise.all([
      this.ds.query(`SELECT code, name FROM tenant WHERE id = $1`, [c.tenantId]) as Promise<{ code: string; name: string }[]>,
      this.organizations.facts([c.sellerOrgId, c.buyerOrgId]),
    ]);
    return {
      registrationNumber: c.registrationNumber,
      title: c.title,
      contractType: c.contractType,
      subType: c.subType,
      direction: c.direction,
      sellerName: orgs.get(c.sellerOrgId)?.name ?? '',
      buyerName: orgs.get(c.buyerOrgId)?.name ?? '',
      amountFen: c.amountFen,
      techTransactionFen: c.techTransactionFen,
      signedOn: c.signedOn,
      registeredOn: chinaDate(c.registeredAt),
      registrarName: tenant.name,
      registrarCode: tenant.code,
    };
  }

  /**
   * The facts a contract's events carry (合同事实), read without a caller (the caller's operation
   * was checked already): the contract, its parties and patents as they are now, and the
   * confirmed money received on it and on the contracts it amends. `em`: read inside the
   * producing transaction (its own changes included), one query after another on its connection.
   */
  async facts(id: string, em: EntityManager = this.ds.manager): Promise<RegisteredContractFacts> {
    const c = await em.getRepository(TechContract).findOneByOrFail({ id });
    const chain = await this.chainIds(em, id);
    const [tenant] = (await em.query(`SELECT code FROM tenant WHERE id = $1`, [c.tenantId])) as { code: string }[];
    const [patentIds, received, orgs] = [
      await em
        .query(`SELECT patent_id FROM tech_contract_patent WHERE contract_id = $1`, [id])
        .then((rows: { patent_id: string }[]) => rows.map((r) => r.patent_id)),
      await em
        .query(
          `SELECT COALESCE(sum(amount_fen), 0)::bigint AS received FROM contract_payment WHERE contract_id = ANY($1::uuid[]) AND confirmed_at IS NOT NULL`,
          [chain],
        )
        .then((rows: { received: string }[]) => Number(rows[0].received)),
      await this.organizations.facts([c.sellerOrgId, c.buyerOrgId], em),
    ] as const;
    const root =
      chain[chain.length - 1] === c.id ? c : await em.getRepository(TechContract).findOneByOrFail({ id: chain[chain.length - 1] });
    return {
      id: c.id,
      rootId: chain[chain.length - 1],
      registrationNumber: c.registrationNumber ?? '',
      contractType: c.contractType,
      contractTypeLabel: CONTRACT_TYPES[c.contractType].label,
      subType: c.subType,
      amountFen: c.amountFen,
      techTransactionFen: c.techTransactionFen,
      receivedFen: received,
      direction: c.direction,
      signedOn: c.signedOn,
      registeredOn: c.registeredAt ? chinaDate(c.registeredAt) : c.signedOn,
      firstRegisteredOn: root.registeredAt ? chinaDate(root.registeredAt) : c.registeredAt ? chinaDate(c.registeredAt) : c.signedOn,
      tenantId: c.tenantId,
      tenantCode: tenant.code,
      seller: orgs.get(c.sellerOrgId)!,
      // Whether the buyer was founded with technology as equity is the organisation's confirmed
      // founding record (OrganizationFacts.founding), not something the contract's sub-type implies.
      buyer: orgs.get(c.buyerOrgId)!,
      patents: await this.catalog.patentFacts(patentIds, em),
      implemented: c.implemented,
      netIncomeFen: c.netIncomeFen,
      inventorRewardFen: c.inventorRewardFen,
      implementedConfirmed: c.implementedConfirmed,
      netIncomeConfirmed: c.netIncomeConfirmed,
      inventorRewardConfirmed: c.inventorRewardConfirmed,
      paidInCashCapitalFen: c.paidInCashCapitalFen,
      paidInCashCapitalConfirmed: c.paidInCashCapitalConfirmed,
    };
  }

  /**
   * Per seller and China year: how many distinct patents its registered transfer and licence
   * contracts carried, and the confirmed money received on its contracts (for year-end policies).
   */
  async sellerYearTotals(sellerOrgIds: string[], year: number): Promise<Map<string, { patentsTransferred: number; receivedFen: number }>> {
    if (!sellerOrgIds.length) return new Map();
    const rows: { org_id: string; patents: number; received: string }[] = await this.ds.query(
      `SELECT o.id AS org_id,
              (SELECT count(DISTINCT cp.patent_id)::int FROM tech_contract c JOIN tech_contract_patent cp ON cp.contract_id = c.id
                WHERE c.seller_org_id = o.id AND c.status = 'registered' AND c.contract_type IN ('transfer', 'licence')
                  AND c.registered_at >= $2 AND c.registered_at < $3) AS patents,
              (SELECT COALESCE(sum(p.amount_fen), 0)::bigint FROM contract_payment p JOIN tech_contract c ON c.id = p.contract_id
                WHERE c.seller_org_id = o.id AND p.confirmed_at IS NOT NULL AND p.received_on BETWEEN $4::date AND $5::date) AS received
         FROM unnest($1::uuid[]) AS o(id)`,
      [sellerOrgIds, ...chinaYearSpan(year), `${year}-01-01`, `${year}-12-31`],
    );
    return new Map(rows.map((r) => [r.org_id, { patentsTransferred: r.patents, receivedFen: Number(r.received) }]));
  }

  /** The registered contracts (current, not superseded or cancelled), oldest first, `after` an id for paging (statistics rebuilds). */
  async registeredIds(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM tech_contract WHERE status = 'registered' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  async findReadable(id: string, em?: EntityManager): Promise<TechContract> {
    const qb = (em ?? this.ds.manager).getRepository(TechContract).createQueryBuilder('c').where('c.id = :id', { id });
    if (em) qb.setLock('pessimistic_write');
    const c = await this.access.scope(qb, 'read', 'TechContract').getOne();
    if (!c) throw ProblemException.notFound('TechContract');
    return c;
  }

  /** The contract and the contracts it amends, newest first (the last one is the chain's root). */
  async chainIds(em: EntityManager, id: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `WITH RECURSIVE chain(id, amends_id, depth) AS (
         SELECT id, amends_id, 0 FROM tech_contract WHERE id = $1
         UNION ALL SELECT t.id, t.amends_id, chain.depth + 1 FROM tech_contract t JOIN chain ON t.id = chain.amends_id)
       SELECT id FROM chain ORDER BY depth`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  /** Money recorded on a chain, confirmed or not (what the contract amount must cover). */
  async recordedFen(em: EntityManager, chain: string[]): Promise<number> {
    const [r]: { total: string }[] = await em.query(
      `SELECT COALESCE(sum(amount_fen), 0)::bigint AS total FROM contract_payment WHERE contract_id = ANY($1::uuid[])`,
      [chain],
    );
    return Number(r.total);
  }

  /**
   * 疑似重复登记: registered contracts the caller can read that look like this one — same seller,
   * buyer and type, and either an amount within 1 % signed within 30 days, or the same (non-empty)
   * set of patents. Its own amendment chain is left out. A notice, never a refusal.
   */
  private async warnings(c: TechContract, chain: string[], lang: Lang): Promise<ContractWarning[]> {
    const qb = this.ds
      .getRepository(TechContract)
      .createQueryBuilder('s')
      .where(`s.status = 'registered'`)
      .andWhere('s.id <> ALL(:chain::uuid[])', { chain })
      .andWhere('s.seller_org_id = :seller AND s.buyer_org_id = :buyer AND s.contract_type = :type', {
        seller: c.sellerOrgId,
        buyer: c.buyerOrgId,
        type: c.contractType,
      })
      .andWhere(
        `((abs(s.amount_fen - :amount) * 100 <= greatest(s.amount_fen, :amount) AND abs(s.signed_on - :signedOn::date) <= 30)
          OR EXISTS (SELECT 1 FROM tech_contract_patent x WHERE x.contract_id = :self)
             AND ARRAY(SELECT patent_id FROM tech_contract_patent x WHERE x.contract_id = s.id ORDER BY 1)
               = ARRAY(SELECT patent_id FROM tech_contract_patent x WHERE x.contract_id = :self ORDER BY 1))`,
        { amount: c.amountFen, signedOn: c.signedOn, self: c.id },
      );
    this.access.scope(qb, 'read', 'TechContract');
    const similar = await qb.orderBy('s.registered_at', 'DESC').limit(5).getMany();
    const text = CONTRACT_WARNINGS.SIMILAR_REGISTERED_CONTRACT;
    return similar.map((s) => ({
      code: 'SIMILAR_REGISTERED_CONTRACT',
      message: format(lang === 'en' ? text.en : text.zh, { number: s.registrationNumber }),
      similarContractId: s.id,
      similarRegistrationNumber: s.registrationNumber,
    }));
  }

  private async org(id: string, field: string) {
    const org = (await this.organizations.facts([id])).get(id);
    if (!org) throw ProblemException.invalidField(field, 'unknownReference');
    return org;
  }

  private async checkCatalogLinks(patentIds?: string[], achievementIds?: string[]) {
    for (const [kind, ids, field] of [
      ['patent', patentIds, 'patentIds'],
      ['achievement', achievementIds, 'achievementIds'],
    ] as const) {
      for (const id of ids ?? []) {
        await this.catalog.view(kind, id).catch(() => {
          throw ProblemException.invalidField(field, 'unknownReference');
        });
      }
    }
  }

  /**
   * The contract's patents and achievements. The link tables are written in SQL (no entity per
   * row), so the change is written to the audit log explicitly, as a change of the contract.
   */
  private async link(em: EntityManager, c: TechContract, patentIds?: string[], achievementIds?: string[]) {
    for (const [ids, table, column, field] of [
      [patentIds, 'tech_contract_patent', 'patent_id', 'patentIds'],
      [achievementIds, 'tech_contract_achievement', 'achievement_id', 'achievementIds'],
    ] as const) {
      if (!ids) continue;
      const [before]: { ids: string[] }[] = await em.query(
        `SELECT ARRAY(SELECT ${column}::text FROM ${table} WHERE contract_id = $1 ORDER BY 1) AS ids`,
        [c.id],
      );
      const after = [...ids].sort();
      if (before.ids.join() === after.join()) continue;
      await em.query(`DELETE FROM ${table} WHERE contract_id = $1`, [c.id]);
      await em.query(`INSERT INTO ${table} (contract_id, ${column}) SELECT $1, unnest($2::uuid[])`, [c.id, after]);
      await writeAuditEntry(em, {
        tenantId: c.tenantId,
        action: 'update',
        entityType: 'TechContract',
        entityId: c.id,
        changes: { [field]: { from: before.ids, to: after } },
      });
    }
  }
}

export const statusLabel = (status: string) => ({ zh: STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status, en: status });

export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** When a decision is due: 15 working days after submission, 30 when the contract needs an expert review. */
function deadline(techTransactionFen: number, at = new Date()) {
  const expertReview = techTransactionFen >= EXPERT_REVIEW_THRESHOLD_FEN;
  const days = expertReview ? DECISION_WORKING_DAYS.expertReview : DECISION_WORKING_DAYS.standard;
  return { submittedAt: at, expertReview, dueOn: addWorkingDays(chinaDate(at), days) };
}

/** A declared fact whose value changes is no longer confirmed: the registrar confirms it again from new evidence. */
function resetChangedFacts(target: object, changes: object) {
  const c = target as Record<string, unknown>;
  const next = changes as Record<string, unknown>;
  for (const f of Object.values(CONTRACT_FACTS)) {
    if (next[f.value] !== undefined && next[f.value] !== c[f.value]) c[f.confirmed] = false;
  }
}

function checkContract(c: {
  contractType: ContractType;
  subType?: string | null;
  amountFen: number;
  techTransactionFen: number;
  termStart?: string | null;
  termEnd?: string | null;
}) {
  if (!isValidSubType(c.contractType, c.subType)) throw ProblemException.invalidField('subType', 'subTypeMismatch');
  if (c.techTransactionFen > c.amountFen) throw ProblemException.invalidField('techTransactionFen', 'notAbove', ['amountFen']);
  if (c.termStart && c.termEnd && c.termEnd < c.termStart) throw ProblemException.invalidField('termEnd', 'rangeOrder');
}
