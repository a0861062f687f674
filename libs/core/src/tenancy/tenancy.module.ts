import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IamModule } from '../iam/iam.module.js';
import { TenancyController } from './tenancy.controller.js';
import { TenancyService } from './tenancy.service.js';
import { Tenant } from './tenant.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant]), IamModule],
  controllers: [TenancyController],
  providers: [TenancyService],
  exports: [TenancyService],
})
export class TenancyModule {}
