import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService } from '../config/config.module.js';
import { DomainEvents } from './domain-events.js';

/**
 * Runs where the processors run: every OUTBOX_RELAY_MS, enqueues the domain events that were
 * committed but never enqueued (the producing process died, or Redis was unreachable, between its
 * commit and the enqueue). One pass at a time per process; SKIP LOCKED keeps processes apart.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(AppConfigService) private readonly config: AppConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.get('OUTBOX_RELAY_MS');
    this.timer = setInterval(() => void this.pass(every), every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async pass(olderThanMs: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const relayed = await this.events.relayPending(olderThanMs);
      if (relayed > 0) this.log.warn(`relayed ${relayed} domain event(s) committed but not enqueued`);
    } catch (e) {
      // Redis or PostgreSQL away: the rows stay pending and the next pass tries again.
      this.log.error(`outbox relay failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
