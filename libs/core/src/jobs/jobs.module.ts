import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfigService } from '../config/config.module.js';
import { MailProcessor } from '../mail/mail.processor.js';
import { MailQueue } from '../mail/mail.queue.js';
import { MailSender } from '../mail/mail.sender.js';
import { DomainEvents } from './domain-events.js';
import { JobFailureLog } from './job-failures.js';
import { OutboxRelay } from './outbox.relay.js';
import { registeredQueues } from './queues.js';

export interface JobsOptions {
  /** Register the processors (the worker app, or the API when RUN_WORKERS_IN_API=1). */
  workers: boolean;
}

/**
 * BullMQ on Redis for background work. Producers (queues) are always available; the
 * processors only where `workers` is set, so API and worker scale separately. Modules'
 * processors are provided by the modules themselves (their `workers` option).
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => {
            const url = new URL(config.get('REDIS_URL'));
            return {
              prefix: `${config.get('REDIS_PREFIX')}:bull`,
              connection: {
                host: url.hostname,
                port: Number(url.port || 6379),
                db: Number(url.pathname.slice(1) || 0),
                password: url.password ? decodeURIComponent(url.password) : undefined,
                username: url.username ? decodeURIComponent(url.username) : undefined,
                tls: url.protocol === 'rediss:' ? {} : undefined,
              },
            };
          },
        }),
        // Core's mail queue and every queue a module registered (registerModule runs when its module file loads).
        BullModule.registerQueue(...registeredQueues().map((name) => ({ name }))),
      ],
      providers: [MailQueue, MailSender, DomainEvents, ...(options.workers ? [MailProcessor, OutboxRelay, JobFailureLog] : [])],
      exports: [MailQueue, MailSender, DomainEvents, BullModule],
    };
  }
}
