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
import { MatchLoopController } from './match-loop.controller.js';
import { MatchLoopService } from './match-loop.service.js';
import { TrackingController } from './tracking.controller.js';
import { TrackingService } from './tracking.service.js';
import { campaignFunnelTable, matchFunnelTable } from './report-tables.js';

/** 推送活动与闭环: campaigns, their deliveries and links, the funnel; the closed loop of match notices. */
@Module({
  imports: [TypeOrmModule.forFeature(campaignsEntities), IamModule, OrganizationsModule, CatalogModule, MatchingModule],
  controllers: [CampaignsController, MatchLoopController, TrackingController],
  providers: [CampaignPlanner, CampaignsService, MatchLoopService, TrackingService],
  exports: [CampaignPlanner],
})
export class CampaignsModule implements OnModuleInit {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(MatchLoopService) private readonly matchLoop: MatchLoopService,
  ) {}

  /** The closed loops join the roll-up's statistics: pushes (`sections.campaigns`) and match notices (`sections.matches`). */
  onModuleInit(): void {
    registerRollupSection('campaigns', (tenant, period) => this.campaigns.rollupSection(tenant, period), campaignFunnelTable);
    registerRollupSection('matches', (tenant, period) => this.matchLoop.rollupSection(tenant, period), matchFunnelTable);
  }
}

/** The campaign jobs: planning, sending, the contracts' events (the worker app, or the API when it runs workers). */
@Module({
  imports: [CampaignsModule, MatchingModule],
  providers: [CampaignSender, CampaignWorkflow, CampaignMailProcessor, CampaignEventsProcessor],
})
export class CampaignsWorkersModule {}
