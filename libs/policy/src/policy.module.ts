import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '@techmarket/contracts';
import { IamModule, registerAudited, TenancyModule } from '@techmarket/core';
import { ApplicationsService } from './applications.service.js';
import { DecisionsService } from './decisions.service.js';
import { policyEntities } from './entities/index.js';
import { InstallationsService } from './installations.service.js';
import { PluginRegistry } from './plugin-registry.js';
import { ApplicationsController, PolicyController } from './policy.controller.js';
import { PolicyEngine } from './policy-engine.service.js';
import { PolicyEventsProcessor } from './policy-events.processor.js';

for (const name of ['PluginInstallation', 'PluginParameters', 'SubsidyBudget', 'PolicyDecision', 'SubsidyApplication']) {
  registerAudited(name, (row) => row.tenantId);
}

/** 政策插件引擎, decisions, subsidy applications and budgets. `workers` adds the event processor. */
@Module({})
export class PolicyModule {
  static forRoot(options: { workers: boolean }): DynamicModule {
    return {
      module: PolicyModule,
      imports: [TypeOrmModule.forFeature(policyEntities), IamModule, TenancyModule, ContractsModule],
      controllers: [PolicyController, ApplicationsController],
      providers: [
        PluginRegistry,
        InstallationsService,
        PolicyEngine,
        DecisionsService,
        ApplicationsService,
        ...(options.workers ? [PolicyEventsProcessor] : []),
      ],
    };
  }
}
