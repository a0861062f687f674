import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@techmarket/catalog';
import { IamModule, OrganizationsModule } from '@techmarket/core';
import { MatchingModule } from '@techmarket/matching';
import { registerRollupSection } from '@techmarket/rollup';
import './campaigns.registration.js';
import { CampaignWorkflow } from './campaign-events.js';
import { CampaignEventsProcessor } from './campaign-events.processor.js';
import { CampaignMailProcessor } from './campaign-mail.processor.js';
import { CampaignPlanner } from './campaign-planner.js';
import { CampaignSender } from './campaign-sender.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsService } from './campaigns.service.js';
import { campaignsEntities } from './entities/index.js';
import { TrackingController } from './tracking.controller.js';
import { TrackingService } from './tracking.service.js';

/** 推送活动与闭环: campaigns, their deliveries and links, the funnel. */
@Module({
  imports: [TypeOrmModule.forFeature(campaignsEntities), IamModule, OrganizationsModule, CatalogModule, MatchingModule],
  controllers: [CampaignsController, TrackingController],
  providers: [CampaignPlanner, CampaignsService, TrackingService],
  exports: [CampaignPlanner],
})
export class CampaignsModule implements OnModuleInit {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  /** The closed loop joins the roll-up's statistics (`sections.campaigns`). */
  onModuleInit(): void {
    registerRollupSection('campaigns', (tenant, period) => this.campaigns.rollupSection(tenant, period));
  }
}

/** The campaign jobs: planning, sending, the contracts' events (the worker app, or the API when it runs workers). */
@Module({
  imports: [CampaignsModule],
  providers: [CampaignSender, CampaignWorkflow, CampaignMailProcessor, CampaignEventsProcessor],
})
export class CampaignsWorkersModule {}
