import { Inject, Injectable } from '@nestjs/common';
import { ContractsService } from '@techmarket/contracts';
import { AccessService, chinaYear, DomainEvents, OrganizationsService, ProblemException, TenancyService } from '@techmarket/core';

/**
 * 年度结算: a tier closes a year for its year-end policies (e.g. the university licensing
 * reward). The `year.closed` event carries every institution of the subtree with the year's
 * totals that the contracts module counted, so the engine decides from facts, not tables.
 */
@Injectable()
export class YearCloseService {
  constructor(
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(TenancyService) private readonly tenancy: TenancyService,
    @Inject(OrganizationsService) private readonly organizations: OrganizationsService,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  async close(tenantCode: string, year: number) {
    const tenant = await this.tenancy.findReadable(tenantCode);
    this.access.assert('review', 'PluginInstallation', { tenantId: tenant.id });
    if (year > chinaYear()) throw ProblemException.invalidField('year', 'max', [chinaYear()]);
    const institutions = await this.organizations.factsInSubtree(tenant.id, 'university_institute');
    const totals = await this.contracts.sellerYearTotals(
      institutions.map((i) => i.id),
      year,
    );
    await this.events.publish('year.closed', {
      tenantId: tenant.id,
      tenantCode: tenant.code,
      year,
      institutions: institutions.map((institution) => ({
        institution,
        ...(totals.get(institution.id) ?? { patentsTransferred: 0, receivedFen: 0 }),
      })),
    });
    return { queued: true, tenantCode, year };
  }
}
