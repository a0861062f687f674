import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IamModule, OrganizationsModule, TenancyModule } from '@techmarket/core';
import './catalog.registration.js';
import { AchievementsController } from './achievements.controller.js';
import { AchievementsService } from './achievements.service.js';
import { CatalogService } from './catalog.service.js';
import { CatalogCorpus } from './search/corpus.js';
import { DemandsController } from './demands.controller.js';
import { DemandsService } from './demands.service.js';
import { catalogEntities } from './entities/index.js';
import { ExpertsController } from './experts.controller.js';
import { ExpertsService } from './experts.service.js';
import { OwnerResolver } from './owner.js';
import { PatentsController } from './patents.controller.js';
import { PatentsService } from './patents.service.js';
import { workflowController } from './workflow.controller.js';
import { DemoStatusController } from './demo/demo-status.controller.js';
import { ExportsController } from './import/export.controller.js';
import { CatalogExportService } from './import/export.service.js';
import { CatalogImportProcessor } from './import/import.processor.js';
import { CatalogImportService } from './import/import.service.js';
import { ImportsController } from './import/imports.controller.js';

/**
 * 共享目录: achievements, demands, patents with open licences, experts; search, import and
 * export. Modules that read the catalog (contracts) import this module for `CatalogService`.
 */
@Module({
  imports: [TypeOrmModule.forFeature(catalogEntities), IamModule, TenancyModule, OrganizationsModule],
  controllers: [
    AchievementsController,
    DemandsController,
    PatentsController,
    ExpertsController,
    ImportsController,
    ExportsController,
    DemoStatusController,
    workflowController('achievements', 'achievement', 'achievements 科技成果'),
    workflowController('demands', 'demand', 'demands 企业需求'),
    workflowController('patents', 'patent', 'patents 专利与开放许可'),
    workflowController('experts', 'expert', 'experts 专家库'),
  ],
  providers: [
    CatalogService,
    CatalogCorpus,
    OwnerResolver,
    AchievementsService,
    DemandsService,
    PatentsService,
    ExpertsService,
    CatalogImportService,
    CatalogExportService,
  ],
  exports: [CatalogService, CatalogImportService, CatalogCorpus],
})
export class CatalogModule {}

/** The catalog's background processors (the worker app, or the API when it runs workers in-process). */
@Module({ imports: [CatalogModule], providers: [CatalogImportProcessor] })
export class CatalogWorkersModule {}
