import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@techmarket/catalog';
import { IamModule, OrganizationsModule } from '@techmarket/core';
import './contracts.registration.js';
import { ContractsController } from './contracts.controller.js';
import { ContractsService } from './contracts.service.js';
import { contractEntities } from './entities/index.js';

/** 技术合同认定登记. Reads the catalog (linked patents and achievements) through `CatalogService`. */
@Module({
  imports: [TypeOrmModule.forFeature(contractEntities), IamModule, OrganizationsModule, CatalogModule],
  controllers: [ContractsController],
  providers: [ContractsService],
  exports: [ContractsService],
})
export class ContractsModule {}
