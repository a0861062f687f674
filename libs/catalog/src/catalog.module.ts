import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IamModule, OrganizationsModule, registerAudited, TenancyModule } from '@techmarket/core';
import { AchievementsController } from './achievements.controller.js';
import { AchievementsService } from './achievements.service.js';
import { CatalogService } from './catalog.service.js';
import { DemandsController } from './demands.controller.js';
import { DemandsService } from './demands.service.js';
import { catalogEntities } from './entities/index.js';
import { ExpertsController } from './experts.controller.js';
import { ExpertsService } from './experts.service.js';
import { OwnerResolver } from './owner.js';
import { PatentsController } from './patents.controller.js';
import { PatentsService } from './patents.service.js';
import { workflowController } from './workflow.controller.js';
import { ExportsController } from './import/export.controller.js';
import { CatalogExportService } from './import/export.service.js';
import { CatalogImportProcessor } from './import/import.processor.js';
import { CatalogImportService, IMPORT_QUEUE } from './import/import.service.js';
import { ImportsController } from './import/imports.controller.js';

// Every write to the catalog, workflow transitions included, lands in the owning tenant's audit log.
for (const name of ['Achievement', 'Demand', 'Patent', 'Expert', 'OpenLicence', 'CatalogImport']) {
  registerAudited(name, (row) => row.tenantId);
}

/**
 * 共享目录: achievements, demands, patents with open licences, experts; search, import and
 * export. `workers` adds the import processor (the worker app, or the API in the demo).
 */
@Module({})
export class CatalogModule {
  static forRoot(options: { workers: boolean }): DynamicModule {
    return {
      module: CatalogModule,
      // Contracts and policies read the catalog through CatalogService.
      global: true,
      imports: [
        TypeOrmModule.forFeature(catalogEntities),
        BullModule.registerQueue({ name: IMPORT_QUEUE }),
        IamModule,
        TenancyModule,
        OrganizationsModule,
      ],
      controllers: [
        AchievementsController,
        DemandsController,
        PatentsController,
        ExpertsController,
        ImportsController,
        ExportsController,
        workflowController('achievements', 'achievement', 'achievements 科技成果'),
        workflowController('demands', 'demand', 'demands 企业需求'),
        workflowController('patents', 'patent', 'patents 专利与开放许可'),
        workflowController('experts', 'expert', 'experts 专家库'),
      ],
      providers: [
        CatalogService,
        OwnerResolver,
        AchievementsService,
        DemandsService,
        PatentsService,
        ExpertsService,
        CatalogImportService,
        CatalogExportService,
        ...(options.workers ? [CatalogImportProcessor] : []),
      ],
      exports: [CatalogService],
    };
  }
}
