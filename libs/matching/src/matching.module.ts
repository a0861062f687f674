import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@techmarket/catalog';
import { AccountsModule, IamModule, OrganizationsModule } from '@techmarket/core';
import './matching.registration.js';
import { matchingEntities } from './entities/index.js';
import { MatchingController } from './matching.controller.js';
import { MatchingEngine } from './matching.engine.js';
import { MatchingEventsProcessor } from './matching.processor.js';
import { MatchingService } from './matching.service.js';
import { MatchNoticeDirectory } from './notice-facts.js';
import { DigestsProcessor, ProfileViewsProcessor } from './profiles/profiles.processors.js';
import { ProfilesController } from './profiles/profiles.controller.js';
import { ProfilesService } from './profiles/profiles.service.js';
import { SubscriptionsController } from './subscriptions/subscriptions.controller.js';
import { SubscriptionsService } from './subscriptions/subscriptions.service.js';

/**
 * 供需匹配与定向推送: the engine, stored matches, tunable weights, notices; profiles (企业画像,
 * 机构画像) and subscriptions with their digests. Reads the catalog through `CatalogCorpus`.
 */
@Module({
  imports: [TypeOrmModule.forFeature(matchingEntities), IamModule, AccountsModule, CatalogModule, OrganizationsModule],
  controllers: [MatchingController, ProfilesController, SubscriptionsController],
  providers: [MatchingEngine, MatchingService, MatchNoticeDirectory, ProfilesService, SubscriptionsService],
  exports: [MatchingEngine, MatchNoticeDirectory, ProfilesService, SubscriptionsService],
})
export class MatchingModule {}

/** The matching job (the worker app, or the API when it runs workers in-process). */
@Module({ imports: [MatchingModule], providers: [MatchingEventsProcessor, ProfileViewsProcessor, DigestsProcessor] })
export class MatchingWorkersModule {}
