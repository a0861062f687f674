import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@techmarket/catalog';
import { AccountsModule, IamModule } from '@techmarket/core';
import './matching.registration.js';
import { matchingEntities } from './entities/index.js';
import { MatchingController } from './matching.controller.js';
import { MatchingEngine } from './matching.engine.js';
import { MatchingEventsProcessor } from './matching.processor.js';
import { MatchingService } from './matching.service.js';

/** 供需匹配与定向推送: the engine, stored matches, tunable weights, notices. Reads the catalog through `CatalogCorpus`. */
@Module({
  imports: [TypeOrmModule.forFeature(matchingEntities), IamModule, AccountsModule, CatalogModule],
  controllers: [MatchingController],
  providers: [MatchingEngine, MatchingService],
  exports: [MatchingEngine],
})
export class MatchingModule {}

/** The matching job (the worker app, or the API when it runs workers in-process). */
@Module({ imports: [MatchingModule], providers: [MatchingEventsProcessor] })
export class MatchingWorkersModule {}
