import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogService } from '@techmarket/catalog';
import {
  AccessService,
  chinaDate,
  chinaYear,
  chinaYearSpan,
  DomainEvents,
  newestFirst,
  OrganizationsService,
  type Page,
  ProblemException,
} from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import { CONTRACT_TYPES, type ContractType, isValidSubType } from './contract-types.js';
import type { RegisteredContractFacts } from './contracts.events.js';
import type { AmendContract, ListContractsQuery, RecordPayment, SubmitContract, UpdateContract } from './dto/contract.dto.js';
import { ContractPayment, TechContract } from './entities/index.js';

/**
 * 技术合同认定登记: a party or a broker submits; the registrar of the seller's tenant (or an
 * ancestor) registers it with a number unique per tenant and year, or returns it with a
 * reason. Registered contracts are immutable: corrections are amendments, reviewed the same way.
 * Registration and money received are published as domain events for the policy engine.
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

  async list(q: ListContractsQuery): Promise<Page<unknown>> {
    const qb = this.ds.getRepository(TechContract).createQueryBuilder('c');
    this.access.scope(qb, 'read', 'TechContract');
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.contractType) qb.andWhere('c.contract_type = :type', { type: q.contractType });
    return newestFirst(qb, q);
  }

  async get(id: string) {
    const c = await this.findReadable(id);
    const [parties, patents, payments] = await Promise.all([
      this.ds.query(`SELECT id, name, type FROM organization WHERE id = ANY($1)`, [[c.sellerOrgId, c.buyerOrgId]]),
      this.ds.query(
        `SELECT p.id, p.application_number AS "applicationNumber", p.title FROM tech_contract_patent cp JOIN patent p ON p.id = cp.patent_id WHERE cp.contract_id = $1`,
        [id],
      ),
      this.ds.getRepository(ContractPayment).find({ where: { contractId: id }, order: { receivedOn: 'ASC' } }),
    ]);
    const name = (orgId: string) => parties.find((o: { id: string }) => o.id === orgId)?.name ?? null;
    return {
      ...c,
      sellerName: name(c.sellerOrgId),
      buyerName: name(c.buyerOrgId),
      patents,
      payments,
      receivedFen: payments.reduce((s, p) => s + p.amountFen, 0),
    };
  }

  async submit(dto: SubmitContract) {
    const [seller, buyer] = await Promise.all([this.org(dto.sellerOrgId, 'sellerOrgId'), this.org(dto.buyerOrgId, 'buyerOrgId')]);
    if (seller.id === buyer.id) throw ProblemException.invalidField('buyerOrgId', 'notSameAs', ['sellerOrgId']);
    checkContract(dto);
    const record = { sellerOrgId: seller.id, buyerOrgId: buyer.id, tenantId: seller.tenantId };
    this.access.assert('create', 'TechContract', record);
    await this.checkCatalogLinks(dto.patentIds, dto.achievementIds);
    const { patentIds, achievementIds, ...fields } = dto;
    const id = await this.ds.transaction(async (em) => {
      const saved = await em.save(
        em.create(TechContract, {
          ...fields,
          ...record,
          subType: fields.subType ?? null,
          status: 'submitted',
          submittedBy: this.access.principal().userId,
        }),
      );
      await this.link(em, saved.id, patentIds ?? [], achievementIds ?? []);
      return saved.id;
    });
    return this.get(id);
  }

  /** A returned contract is corrected by its submitter and goes back to the registrar. */
  async update(id: string, patch: UpdateContract) {
    await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('update', 'TechContract', c);
      const { patentIds, achievementIds, buyerOrgId, ...fields } = patch;
      if (buyerOrgId) {
        const buyer = await this.org(buyerOrgId, 'buyerOrgId');
        if (buyer.id === c.sellerOrgId) throw ProblemException.invalidField('buyerOrgId', 'notSameAs', ['sellerOrgId']);
        c.buyerOrgId = buyer.id;
      }
      const next = Object.assign(c, fields, { status: 'submitted', returnReason: null });
      checkContract(next);
      await this.checkCatalogLinks(patentIds, achievementIds);
      await em.save(next);
      if (patentIds || achievementIds) await this.link(em, id, patentIds, achievementIds);
    });
    return this.get(id);
  }

  async register(id: string) {
    await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('review', 'TechContract', c);
      if (c.status !== 'submitted')
        throw new ProblemException('INVALID_TRANSITION', { from: statusLabel(c.status), action: { zh: '认定登记', en: 'register' } });
      const [tenant] = await em.query(`SELECT code FROM tenant WHERE id = $1`, [c.tenantId]);
      const registeredAt = new Date();
      // The number counts in China's calendar year, whatever the server's time zone.
      const year = chinaYear(registeredAt);
      const [counter] = await em.query(
        `INSERT INTO registration_counter (tenant_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, year) DO UPDATE SET last = registration_counter.last + 1 RETURNING last`,
        [c.tenantId, year],
      );
      Object.assign(c, {
        status: 'registered',
        registrationNumber: `${String(year).slice(2)}${tenant.code}${String(counter.last).padStart(6, '0')}`,
        registeredAt,
        registeredBy: this.access.principal().userId,
        returnReason: null,
      });
      await em.save(c);
      if (c.amendsId) {
        const original = await em.findOneByOrFail(TechContract, { id: c.amendsId });
        await em.save(Object.assign(original, { status: 'superseded' }));
      }
    });
    await this.events.publish('contract.registered', { contract: await this.facts(id) });
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

  /** 变更: a new contract that replaces the registered one once it is registered itself. */
  async amend(id: string, dto: AmendContract) {
    const newId = await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('submit', 'TechContract', c);
      if (c.status !== 'registered') throw new ProblemException('CONTRACT_NOT_AMENDABLE');
      const pending = await em.findOneBy(TechContract, { amendsId: id, status: 'submitted' });
      if (pending) throw new ProblemException('AMENDMENT_PENDING');
      const { reason, patentIds, achievementIds, ...changes } = dto;
      const { id: _id, registrationNumber: _n, registeredAt: _a, registeredBy: _b, version: _v, createdAt: _c, updatedAt: _u, ...copy } = c;
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
      await this.checkCatalogLinks(patentIds, achievementIds);
      const saved = await em.save(em.create(TechContract, next));
      const links = await em.query(
        `SELECT ARRAY(SELECT patent_id FROM tech_contract_patent WHERE contract_id = $1) AS patents,
                ARRAY(SELECT achievement_id FROM tech_contract_achievement WHERE contract_id = $1) AS achievements`,
        [id],
      );
      await this.link(em, saved.id, patentIds ?? links[0].patents, achievementIds ?? links[0].achievements);
      return saved.id;
    });
    return this.get(newId);
  }

  /** 到账: money received on a registered contract. */
  async recordPayment(id: string, dto: RecordPayment) {
    const payment = await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('submit', 'TechContract', c);
      if (c.status !== 'registered') throw new ProblemException('PAYMENT_NOT_ALLOWED');
      const saved = await em.save(
        em.create(ContractPayment, {
          ...dto,
          note: dto.note ?? null,
          contractId: id,
          tenantId: c.tenantId,
          recordedBy: this.access.principal().userId,
        }),
      );
      return saved;
    });
    await this.events.publish('payment.received', {
      contract: await this.facts(id),
      payment: { id: payment.id, receivedOn: payment.receivedOn, amountFen: payment.amountFen },
    });
    return this.get(id);
  }

  /**
   * The facts a contract's events carry (合同事实), read without a caller (after the caller's
   * checked operation has committed): the contract, its parties and patents as they are now.
   */
  async facts(id: string): Promise<RegisteredContractFacts> {
    const c = await this.ds.getRepository(TechContract).findOneByOrFail({ id });
    const [[chain], patentIds, received, orgs] = await Promise.all([
      this.ds.query(
        `WITH RECURSIVE chain(id, amends_id, depth) AS (
           SELECT id, amends_id, 0 FROM tech_contract WHERE id = $1
           UNION ALL SELECT t.id, t.amends_id, chain.depth + 1 FROM tech_contract t JOIN chain ON t.id = chain.amends_id)
         SELECT (SELECT id FROM chain ORDER BY depth DESC LIMIT 1) AS root_id, (SELECT code FROM tenant WHERE id = $2) AS tenant_code`,
        [id, c.tenantId],
      ) as Promise<{ root_id: string; tenant_code: string }[]>,
      this.ds
        .query(`SELECT patent_id FROM tech_contract_patent WHERE contract_id = $1`, [id])
        .then((rows: { patent_id: string }[]) => rows.map((r) => r.patent_id)),
      this.ds
        .query(`SELECT COALESCE(sum(amount_fen), 0)::bigint AS received FROM contract_payment WHERE contract_id = $1`, [id])
        .then((rows: { received: string }[]) => Number(rows[0].received)),
      this.organizations.facts([c.sellerOrgId, c.buyerOrgId]),
    ]);
    return {
      id: c.id,
      rootId: chain.root_id,
      registrationNumber: c.registrationNumber ?? '',
      contractType: c.contractType,
      contractTypeLabel: CONTRACT_TYPES[c.contractType].label,
      subType: c.subType,
      amountFen: c.amountFen,
      techTransactionFen: c.techTransactionFen,
      receivedFen: received,
      signedOn: c.signedOn,
      registeredOn: c.registeredAt ? chinaDate(c.registeredAt) : c.signedOn,
      tenantId: c.tenantId,
      tenantCode: chain.tenant_code,
      seller: orgs.get(c.sellerOrgId)!,
      // Whether the buyer was founded with technology as equity is the organisation's confirmed
      // founding record (OrganizationFacts.founding), not something the contract's sub-type implies.
      buyer: orgs.get(c.buyerOrgId)!,
      patents: await this.catalog.patentFacts(patentIds),
      implemented: c.implemented,
      netIncomeFen: c.netIncomeFen,
      inventorRewardFen: c.inventorRewardFen,
    };
  }

  /**
   * Per seller and China year: how many distinct patents its registered transfer and licence
   * contracts carried, and the money received on its contracts (for year-end policies).
   */
  async sellerYearTotals(sellerOrgIds: string[], year: number): Promise<Map<string, { patentsTransferred: number; receivedFen: number }>> {
    if (!sellerOrgIds.length) return new Map();
    const rows: { org_id: string; patents: number; received: string }[] = await this.ds.query(
      `SELECT o.id AS org_id,
              (SELECT count(DISTINCT cp.patent_id)::int FROM tech_contract c JOIN tech_contract_patent cp ON cp.contract_id = c.id
                WHERE c.seller_org_id = o.id AND c.status = 'registered' AND c.contract_type IN ('transfer', 'licence')
                  AND c.registered_at >= $2 AND c.registered_at < $3) AS patents,
              (SELECT COALESCE(sum(p.amount_fen), 0)::bigint FROM contract_payment p JOIN tech_contract c ON c.id = p.contract_id
                WHERE c.seller_org_id = o.id AND p.received_on BETWEEN $4::date AND $5::date) AS received
         FROM unnest($1::uuid[]) AS o(id)`,
      [sellerOrgIds, ...chinaYearSpan(year), `${year}-01-01`, `${year}-12-31`],
    );
    return new Map(rows.map((r) => [r.org_id, { patentsTransferred: r.patents, receivedFen: Number(r.received) }]));
  }

  async findReadable(id: string, em?: EntityManager): Promise<TechContract> {
    const qb = (em ?? this.ds.manager).getRepository(TechContract).createQueryBuilder('c').where('c.id = :id', { id });
    if (em) qb.setLock('pessimistic_write');
    const c = await this.access.scope(qb, 'read', 'TechContract').getOne();
    if (!c) throw ProblemException.notFound('TechContract');
    return c;
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

  private async link(em: EntityManager, id: string, patentIds?: string[], achievementIds?: string[]) {
    if (patentIds) {
      await em.query('DELETE FROM tech_contract_patent WHERE contract_id = $1', [id]);
      await em.query('INSERT INTO tech_contract_patent (contract_id, patent_id) SELECT $1, unnest($2::uuid[])', [id, patentIds]);
    }
    if (achievementIds) {
      await em.query('DELETE FROM tech_contract_achievement WHERE contract_id = $1', [id]);
      await em.query('INSERT INTO tech_contract_achievement (contract_id, achievement_id) SELECT $1, unnest($2::uuid[])', [
        id,
        achievementIds,
      ]);
    }
  }
}

const STATUS_LABEL: Record<string, string> = { submitted: '待登记', returned: '已退回', registered: '已登记', superseded: '已被变更替代' };
const statusLabel = (status: string) => ({ zh: STATUS_LABEL[status] ?? status, en: status });

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
