import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, chinaDate, DomainEvents, ProblemException } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { ContractsService, yuan } from './contracts.service.js';
import type { RecordPayment } from './dto/contract.dto.js';
import { ContractPayment } from './entities/index.js';

/**
 * 到账: a party, broker or registrar records money received with its bank reference; the other
 * party or the registrar confirms it. Only confirmed payments count as received, and
 * `payment.received` is published on confirmation. The payments of a contract and of the
 * contracts it amends never add up to more than its amount: the check runs under the contract's
 * row lock, so parallel recordings cannot overshoot together.
 */
@Injectable()
export class ContractPaymentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(ContractsService) private readonly contracts: ContractsService,
  ) {}

  async record(id: string, dto: RecordPayment) {
    await this.ds.transaction(async (em) => {
      const c = await this.contracts.findReadable(id, em); // FOR UPDATE: one recording at a time per contract
      this.access.assert('submit', 'TechContract', c);
      if (c.status !== 'registered') throw new ProblemException('PAYMENT_NOT_ALLOWED');
      const chain = await this.contracts.chainIds(em, id);
      const taken = await em
        .getRepository(ContractPayment)
        .createQueryBuilder('p')
        .where('p.contract_id = ANY(:chain::uuid[])', { chain })
        .andWhere('p.bank_reference = :ref', { ref: dto.bankReference })
        .getExists();
      if (taken) throw new ProblemException('PAYMENT_REFERENCE_TAKEN', { reference: dto.bankReference });
      const recorded = await this.contracts.recordedFen(em, chain);
      if (recorded + dto.amountFen > c.amountFen)
        throw ProblemException.invalidField('amountFen', 'paymentsExceedAmount', [yuan(c.amountFen - recorded)]);
      const p = this.access.principal();
      const party = p.organizationId === c.sellerOrgId || p.organizationId === c.buyerOrgId ? p.organizationId : null;
      await em.save(
        em.create(ContractPayment, {
          ...dto,
          note: dto.note ?? null,
          contractId: id,
          tenantId: c.tenantId,
          recordedBy: p.userId,
          recordedByOrgId: party,
          confirmedAt: null,
          confirmedBy: null,
        }),
      );
    });
    return this.contracts.get(id);
  }

  /** The other party (a member of the party that did not record it) or a registrar confirms; never whoever recorded it. */
  async confirm(id: string, paymentId: string) {
    await this.events.transaction(this.ds, async (em) => {
      const c = await this.contracts.findReadable(id, em);
      const chain = await this.contracts.chainIds(em, id);
      const row = await em
        .getRepository(ContractPayment)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :paymentId AND p.contract_id = ANY(:chain::uuid[])', { paymentId, chain })
        .getOne();
      if (!row) throw ProblemException.notFound('ContractPayment');
      this.access.assert('confirm', 'TechContract', c);
      if (c.status !== 'registered') throw new ProblemException('PAYMENT_NOT_ALLOWED');
      if (row.confirmedAt) throw new ProblemException('PAYMENT_ALREADY_CONFIRMED');
      const p = this.access.principal();
      const registrar = this.access.can('review', 'TechContract', c);
      const otherParty = p.organizationId !== null && p.organizationId !== row.recordedByOrgId;
      if (p.userId === row.recordedBy || !(registrar || otherParty)) throw new ProblemException('PAYMENT_CONFIRMER');
      const payment = await em.save(Object.assign(row, { confirmedAt: new Date(), confirmedBy: p.userId }));
      // The contract's facts include this payment: they are read inside the transaction.
      await this.events.publishInTransaction(em, 'payment.received', {
        contract: await this.contracts.facts(id, em),
        payment: {
          id: payment.id,
          receivedOn: payment.receivedOn,
          amountFen: payment.amountFen,
          bankReference: payment.bankReference,
          confirmedOn: chinaDate(payment.confirmedAt!),
        },
      });
    });
    return this.contracts.get(id);
  }
}
