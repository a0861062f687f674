import { Inject, Injectable } from '@nestjs/common';
import { AccessService, OrganizationsService, ProblemException } from '@techmarket/core';

export interface Owner {
  organizationId: string;
  tenantId: string;
  type: string;
  name: string;
  isSme: boolean;
}

/**
 * Resolves the organisation an entry belongs to: the one named in the request (which the
 * caller must be able to see) or the caller's own. The entry lives in that organisation's tenant.
 */
@Injectable()
export class OwnerResolver {
  constructor(
    @Inject(OrganizationsService) private readonly orgs: OrganizationsService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async resolve(organizationId: string | undefined, field = 'organizationId', requiredType?: string): Promise<Owner> {
    const id = organizationId ?? this.access.principal().organizationId;
    if (!id) throw ProblemException.invalidField(field, 'isDefined');
    const org = await this.orgs.findReadable(id).catch(() => {
      throw ProblemException.invalidField(field, 'unknownReference');
    });
    if (requiredType && org.type !== requiredType) throw ProblemException.invalidField(field, 'organizationType', [requiredType]);
    return { organizationId: org.id, tenantId: org.tenantId, type: org.type, name: org.name, isSme: org.isSme };
  }
}
