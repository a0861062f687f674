import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '../config/config.module.js';
import { dataSourceOptions } from './data-source-options.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfigService],
      // Bounded contexts register their entities with forFeature; autoLoadEntities adds them.
      useFactory: (config: AppConfigService) => ({ ...dataSourceOptions(config.get('DATABASE_URL')), autoLoadEntities: true }),
    }),
  ],
})
export class DatabaseModule {}
