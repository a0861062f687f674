import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@techmarket/catalog';
import { ContractsModule } from '@techmarket/contracts';
import { AccountsModule, IamModule, OrganizationsModule, TenancyModule } from '@techmarket/core';
import './policy.registration.js';
import { AdjustmentsService } from './adjustments.service.js';
import { ApplicationsService } from './applications.service.js';
import { DecisionsService } from './decisions.service.js';
import { policyEntities } from './entities/index.js';
import { InstallationsService } from './installations.service.js';
import { PluginRegistry } from './plugin-registry.js';
import { AdjustmentsController, ApplicationsController, PolicyController } from './policy.controller.js';
import { PolicyEngine } from './policy-engine.service.js';
import { PolicyEventsProcessor } from './policy-events.processor.js';
import { PolicyStore } from './policy.store.js';
import { YearCloseService } from './year-close.service.js';

/** 政策插件引擎, decisions, subsidy applications and budgets. */
@Module({
  imports: [
    TypeOrmModule.forFeature(policyEntities),
    IamModule,
    TenancyModule,
    OrganizationsModule,
    AccountsModule,
    CatalogModule,
    ContractsModule,
  ],
  controllers: [PolicyController, ApplicationsController, AdjustmentsController],
  providers: [
    PluginRegistry,
    PolicyStore,
    InstallationsService,
    PolicyEngine,
    DecisionsService,
    ApplicationsService,
    AdjustmentsService,
    YearCloseService,
  ],
  exports: [PluginRegistry, PolicyEngine],
})
export class PolicyModule {}

/** The policy engine's event consumer (the worker app, or the API when it runs workers in-process). */
@Module({ imports: [PolicyModule], providers: [PolicyEventsProcessor] })
export class PolicyWorkersModule {}
