import { Module } from '@nestjs/common';
import { AppConfigModule, DatabaseModule, JobsModule, LoggingModule, RedisModule } from '@techmarket/core';

/** The background worker: BullMQ processors only, no HTTP. Run as many as needed. */
@Module({
  imports: [AppConfigModule, LoggingModule, DatabaseModule, RedisModule, JobsModule.forRoot({ workers: true })],
})
export class WorkerModule {}
