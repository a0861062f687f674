import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@techmarket/catalog';
import { AccountsModule, IamModule, OrganizationsModule } from '@techmarket/core';
import './contracts.registration.js';
import { ContractEventsProcessor } from './contract-events.processor.js';
import { ContractFactsService } from './contract-facts.service.js';
import { ContractPaymentsService } from './contract-payments.service.js';
import { ContractReviewsService } from './contract-reviews.service.js';
import { ContractReviewsController, ContractsController } from './contracts.controller.js';
import { ContractsService } from './contracts.service.js';
import { contractEntities } from './entities/index.js';

/** 技术合同认定登记. Reads the catalog (linked patents and achievements, the expert pool) through `CatalogService`. */
@Module({
  imports: [TypeOrmModule.forFeature(contractEntities), IamModule, OrganizationsModule, CatalogModule],
  controllers: [ContractsController, ContractReviewsController],
  providers: [ContractsService, ContractPaymentsService, ContractReviewsService, ContractFactsService],
  exports: [ContractsService],
})
export class ContractsModule {}

/** The contracts module's event consumer (the worker app, or the API when it runs workers in-process). */
@Module({ imports: [ContractsModule, AccountsModule], providers: [ContractEventsProcessor] })
export class ContractsWorkersModule {}
