import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IamModule, registerAudited } from '@techmarket/core';
import { ContractsController } from './contracts.controller.js';
import { ContractsService } from './contracts.service.js';
import { contractEntities } from './entities/index.js';

for (const name of ['TechContract', 'ContractPayment']) registerAudited(name, (row) => row.tenantId);

/** 技术合同认定登记. Needs the catalog (linked patents and achievements) from the importing module. */
@Module({
  imports: [TypeOrmModule.forFeature(contractEntities), IamModule],
  controllers: [ContractsController],
  providers: [ContractsService],
  exports: [ContractsService],
})
export class ContractsModule {}
