import { Module } from '@nestjs/common';
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

// Every write to the catalog, workflow transitions included, lands in the owning tenant's audit log.
for (const name of ['Achievement', 'Demand', 'Patent', 'Expert', 'OpenLicence', 'CatalogImport']) {
  registerAudited(name, (row) => row.tenantId);
}

/** 共享目录: achievements, demands, patents with open licences, experts; search, import and export. */
@Module({
  imports: [TypeOrmModule.forFeature(catalogEntities), IamModule, TenancyModule, OrganizationsModule],
  controllers: [
    AchievementsController,
    DemandsController,
    PatentsController,
    ExpertsController,
    workflowController('achievements', 'achievement', 'achievements 科技成果'),
    workflowController('demands', 'demand', 'demands 企业需求'),
    workflowController('patents', 'patent', 'patents 专利与开放许可'),
    workflowController('experts', 'expert', 'experts 专家库'),
  ],
  providers: [CatalogService, OwnerResolver, AchievementsService, DemandsService, PatentsService, ExpertsService],
  exports: [CatalogService],
})
export class CatalogModule {}
