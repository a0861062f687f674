import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, DomainEvents, ProblemException } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { CONTRACT_FACTS, type ContractFact, EVIDENCE_MAX_BYTES } from './contract-types.js';
import { ContractsService, statusLabel } from './contracts.service.js';
import { ContractEvidence, type TechContract } from './entities/index.js';

/** The media type a file's first bytes say it is, among those accepted as evidence; null otherwise. */
export function evidenceType(buffer: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return 'image/jpeg';
  if (buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/**
 * 合同事实: implementation, net income, inventor rewards and paid-in cash capital are declared by
 * the parties with an evidence file each time, and confirmed by the registrar. Declaring a new
 * value clears the fact's confirmation; the facts events carry say which facts are confirmed.
 */
@Injectable()
export class ContractFactsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(ContractsService) private readonly contracts: ContractsService,
  ) {}

  async declare(id: string, fact: ContractFact, valueFen: number | undefined, file: { buffer: Buffer; fileName: string }) {
    if (fact === 'implemented' && valueFen !== undefined)
      throw ProblemException.invalidField('valueFen', 'notAllowedWhen', ['fact=implemented']);
    if (fact !== 'implemented' && valueFen === undefined) throw ProblemException.invalidField('valueFen', 'requiredWhen', [`fact=${fact}`]);
    if (!file.buffer.length) throw ProblemException.invalidField('file', 'evidenceEmpty');
    if (file.buffer.length > EVIDENCE_MAX_BYTES) throw ProblemException.invalidField('file', 'evidenceTooLarge');
    const mediaType = evidenceType(file.buffer);
    if (!mediaType) throw ProblemException.invalidField('file', 'evidenceType');
    await this.ds.transaction(async (em) => {
      const c = await this.contracts.findReadable(id, em);
      this.access.assert('submit', 'TechContract', c);
      if (!['submitted', 'returned', 'registered'].includes(c.status))
        throw new ProblemException('INVALID_TRANSITION', {
          from: statusLabel(c.status),
          action: { zh: '申报合同事实', en: 'declare facts' },
        });
      const def = CONTRACT_FACTS[fact];
      const row = c as unknown as Record<string, unknown>;
      row[def.value] = fact === 'implemented' ? true : valueFen;
      row[def.confirmed] = false;
      await em.save(c);
      await em.save(
        em.create(ContractEvidence, {
          contractId: id,
          tenantId: c.tenantId,
          fact,
          fileName: file.fileName.slice(0, 200) || 'evidence',
          mediaType,
          sizeBytes: file.buffer.length,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          content: file.buffer,
          uploadedBy: this.access.principal().userId,
        }),
      );
    });
    return this.contracts.get(id);
  }

  /** The registrar confirms a declared fact that has evidence; on a registered contract the new facts are published. */
  async confirm(id: string, fact: ContractFact) {
    const def = CONTRACT_FACTS[fact];
    // The fact and its event commit together (outbox, decision 0022): a confirmed fact can release money.
    await this.events.transaction(this.ds, async (em) => {
      const c = await this.contracts.findReadable(id, em);
      this.access.assert('review', 'TechContract', c);
      if (!['submitted', 'registered'].includes(c.status))
        throw new ProblemException('INVALID_TRANSITION', {
          from: statusLabel(c.status),
          action: { zh: '确认合同事实', en: 'confirm facts' },
        });
      const row = c as unknown as Record<string, unknown>;
      const declared = fact === 'implemented' ? row[def.value] === true : row[def.value] !== null && row[def.value] !== undefined;
      if (!declared) throw new ProblemException('FACT_NOT_DECLARED', { fact: { zh: def.label, en: fact } });
      const chain = await this.contracts.chainIds(em, id);
      const evidence = await em
        .getRepository(ContractEvidence)
        .createQueryBuilder('e')
        .where('e.contract_id = ANY(:chain::uuid[]) AND e.fact = :fact', { chain, fact })
        .getExists();
      if (!evidence) throw new ProblemException('FACT_EVIDENCE_MISSING', { fact: { zh: def.label, en: fact } });
      row[def.confirmed] = true;
      await em.save(c as TechContract);
      if (c.status === 'registered')
        await this.events.publishInTransaction(em, 'contract.facts_confirmed', {
          contract: await this.contracts.facts(id, em),
          facts: [fact],
        });
    });
    return this.contracts.get(id);
  }

  /** An evidence file, for whoever can read the contract (or the contract it amended). */
  async file(id: string, evidenceId: string): Promise<ContractEvidence & { content: Buffer }> {
    const c = await this.contracts.findReadable(id);
    const chain = await this.contracts.chainIds(this.ds.manager, c.id);
    const e = await this.ds
      .getRepository(ContractEvidence)
      .createQueryBuilder('e')
      .addSelect('e.content')
      .where('e.id = :evidenceId AND e.contract_id = ANY(:chain::uuid[])', { evidenceId, chain })
      .getOne();
    if (!e) throw ProblemException.notFound('ContractEvidence');
    return e as ContractEvidence & { content: Buffer };
  }
}
