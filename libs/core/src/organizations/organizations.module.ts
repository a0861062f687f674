import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IamModule } from '../iam/iam.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { OrganizationAttestationController, OrganizationFactRequestsController } from './attestation.controller.js';
import { OrganizationAttestationService } from './attestation.service.js';
import { OrganizationFactRequest, OrganizationFactSource } from './organization-fact.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, OrganizationFactSource, OrganizationFactRequest]), IamModule, TenancyModule],
  // The attestation routes first: `POST /organizations/status-imports` is not an organisation id.
  controllers: [OrganizationAttestationController, OrganizationsController, OrganizationFactRequestsController],
  providers: [OrganizationsService, OrganizationAttestationService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
