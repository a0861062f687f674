import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogService } from '@techmarket/catalog';
import { AccessService, DomainEvents, type Page, ProblemException, newestFirst } from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import { type ContractType, isValidSubType } from './contract-types.js';
import type { AmendContract, ListContractsQuery, RecordPayment, SubmitContract, UpdateContract } from './dto/contract.dto.js';
import { ContractPayment, TechContract } from './entities/index.js';

interface OrgRow {
  id: string;
  tenant_id: string;
  name: string;
  type: string;
  is_sme: boolean;
  is_specialized: boolean;
  is_high_tech: boolean;
  tenant_code: string;
}

/** What the policy engine reads about a registered contract (this module's public snapshot). */
export interface ContractSnapshot {
  contract: TechContract;
  rootId: string;
  seller: OrgRow;
  buyer: OrgRow;
  patents: { application_number: string; patent_type: string; holder_type: string; ipc_classes: string[]; field: string | null }[];
  receivedFen: number;
  tenantCode: string;
}

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
    const record = { sellerOrgId: seller.id, buyerOrgId: buyer.id, tenantId: seller.tenant_id };
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
      if (c.status !== 'submitted') throw new ProblemException('INVALID_TRANSITION', { from: STATUS_LABEL[c.status], action: '认定登记' });
      const [tenant] = await em.query(`SELECT code FROM tenant WHERE id = $1`, [c.tenantId]);
      const year = new Date().getFullYear();
      const [counter] = await em.query(
        `INSERT INTO registration_counter (tenant_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, year) DO UPDATE SET last = registration_counter.last + 1 RETURNING last`,
        [c.tenantId, year],
      );
      Object.assign(c, {
        status: 'registered',
        registrationNumber: `${String(year).slice(2)}${tenant.code}${String(counter.last).padStart(6, '0')}`,
        registeredAt: new Date(),
        registeredBy: this.access.principal().userId,
        returnReason: null,
      });
      await em.save(c);
      if (c.amendsId) {
        const original = await em.findOneByOrFail(TechContract, { id: c.amendsId });
        await em.save(Object.assign(original, { status: 'superseded' }));
      }
    });
    await this.events.publish({ type: 'contract.registered', contractId: id });
    return this.get(id);
  }

  async returnContract(id: string, reason: string) {
    await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('review', 'TechContract', c);
      if (c.status !== 'submitted') throw new ProblemException('INVALID_TRANSITION', { from: STATUS_LABEL[c.status], action: '退回' });
      await em.save(Object.assign(c, { status: 'returned', returnReason: reason }));
    });
    return this.get(id);
  }

  /** 变更: a new contract that replaces the registered one once it is registered itself. */
  async amend(id: string, dto: AmendContract) {
    const newId = await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('submit', 'TechContract', c);
      if (c.status !== 'registered') throw new ProblemException('CONFLICT', { detail: '只有已登记的合同可以变更；未登记的合同请直接修改' });
      const pending = await em.findOneBy(TechContract, { amendsId: id, status: 'submitted' });
      if (pending) throw new ProblemException('CONFLICT', { detail: '该合同已有待审核的变更' });
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
    const paymentId = await this.ds.transaction(async (em) => {
      const c = await this.findReadable(id, em);
      this.access.assert('submit', 'TechContract', c);
      if (c.status !== 'registered') throw new ProblemException('CONFLICT', { detail: '只有已登记且未被变更替代的合同可以登记到账' });
      const saved = await em.save(
        em.create(ContractPayment, {
          ...dto,
          note: dto.note ?? null,
          contractId: id,
          tenantId: c.tenantId,
          recordedBy: this.access.principal().userId,
        }),
      );
      return saved.id;
    });
    await this.events.publish({ type: 'payment.received', contractId: id, paymentId });
    return this.get(id);
  }

  /** The facts of a contract for the policy engine, read without a caller (it runs in the worker). */
  async snapshot(id: string): Promise<ContractSnapshot | null> {
    const c = await this.ds.getRepository(TechContract).findOneBy({ id });
    if (!c) return null;
    const orgs: OrgRow[] = await this.ds.query(
      `SELECT o.id, o.tenant_id, o.name, o.type, o.is_sme, o.is_specialized, o.is_high_tech, t.code AS tenant_code
         FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE o.id = ANY($1)`,
      [[c.sellerOrgId, c.buyerOrgId]],
    );
    const patents = await this.ds.query(
      `SELECT p.application_number, p.patent_type, o.type AS holder_type, p.ipc_classes, p.field
         FROM tech_contract_patent cp JOIN patent p ON p.id = cp.patent_id JOIN organization o ON o.id = p.organization_id WHERE cp.contract_id = $1`,
      [id],
    );
    const [{ received }] = await this.ds.query(
      `SELECT COALESCE(sum(amount_fen), 0)::bigint AS received FROM contract_payment WHERE contract_id = $1`,
      [id],
    );
    const [{ code }] = await this.ds.query(`SELECT code FROM tenant WHERE id = $1`, [c.tenantId]);
    let rootId = c.id;
    for (let amends = c.amendsId; amends;) {
      rootId = amends;
      const [row] = await this.ds.query(`SELECT amends_id FROM tech_contract WHERE id = $1`, [amends]);
      amends = row?.amends_id ?? null;
    }
    return {
      contract: c,
      rootId,
      seller: orgs.find((o) => o.id === c.sellerOrgId)!,
      buyer: orgs.find((o) => o.id === c.buyerOrgId)!,
      patents,
      receivedFen: Number(received),
      tenantCode: code,
    };
  }

  async findReadable(id: string, em?: EntityManager): Promise<TechContract> {
    const qb = (em ?? this.ds.manager).getRepository(TechContract).createQueryBuilder('c').where('c.id = :id', { id });
    if (em) qb.setLock('pessimistic_write');
    const c = await this.access.scope(qb, 'read', 'TechContract').getOne();
    if (!c) throw ProblemException.notFound('TechContract');
    return c;
  }

  private async org(id: string, field: string): Promise<OrgRow> {
    const [row] = await this.ds.query(
      `SELECT o.id, o.tenant_id, o.name, o.type, o.is_sme, o.is_specialized, o.is_high_tech, t.code AS tenant_code
         FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE o.id = $1`,
      [id],
    );
    if (!row) throw ProblemException.invalidField(field, 'unknownReference');
    return row;
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
