import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MailQueue, UsersService } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { AdjustmentsService } from './adjustments.service.js';
import { decide } from './engine/decide.js';
import { type ContractLifecycleEvent, eventTenantIds, type PolicyDomainEvent, toEngineEvent } from './engine/engine-event.js';
import type { Evaluated } from './engine/types.js';
import { PluginRegistry } from './plugin-registry.js';
import { PolicyStore } from './policy.store.js';

/**
 * 政策引擎 (the Nest side): for each domain event it stores the event's facts once, loads the
 * active installations with their parameter versions in one query, lets the pure `decide`
 * evaluate them, and stores the decisions in the same transaction; mail effects go out after
 * commit. It never names a plugin and reads no other module's tables: the facts come with the event.
 */
@Injectable()
export class PolicyEngine {
  private readonly logger = new Logger(PolicyEngine.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(PluginRegistry) private readonly registry: PluginRegistry,
    @Inject(PolicyStore) private readonly store: PolicyStore,
    @Inject(MailQueue) private readonly mail: MailQueue,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AdjustmentsService) private readonly adjustments: AdjustmentsService,
  ) {}

  async handle(d: PolicyDomainEvent | ContractLifecycleEvent): Promise<number> {
    if (d.type === 'contract.cancelled' || d.type === 'contract.facts_confirmed') return this.lifecycle(d as ContractLifecycleEvent);
    const e = toEngineEvent(d as PolicyDomainEvent);
    const evaluated = await this.ds.transaction(async (em) => {
      await this.store.saveEvent(em, d as PolicyDomainEvent, e, eventTenantIds(d as PolicyDomainEvent));
      const installations = await this.store.installations(e.scope.kind === 'tenant' ? { tenantId: e.scope.tenantId } : {}, em);
      const priors = await this.store.priors(
        e,
        installations.map((i) => i.id),
        em,
      );
      const decided = decide(e, installations, (id) => this.registry.get(id), undefined, priors);
      const { stored, replaced } = await this.store.saveDecisions(em, e, decided);
      await this.adjustments.onDecisionsReplaced(em, replaced, stored);
      return decided;
    });
    await this.carryOutEffects(evaluated);
    return evaluated.length;
  }

  /**
   * A cancelled registration (撤销登记) withdraws every decision about the contract — approved money
   * becomes a recovery, pending applications are withdrawn; confirmed facts are recorded so that
   * approval sees them. Neither asks the plugins.
   */
  private async lifecycle(d: ContractLifecycleEvent): Promise<number> {
    return this.ds.transaction(async (em) => {
      if (d.type === 'contract.facts_confirmed') {
        await this.store.saveLifecycleEvent(em, d, d.contract.registeredOn);
        return 0;
      }
      const { cancellation } = d as ContractLifecycleEvent & { cancellation: { reason: string; cancelledOn: string } };
      await this.store.saveLifecycleEvent(em, d, cancellation.cancelledOn);
      const reason = `合同已于 ${cancellation.cancelledOn} 撤销登记（${cancellation.reason}），本项政策不再适用`;
      const { stored, replaced } = await this.store.withdrawAll(em, d.contract.rootId, d.eventId, reason);
      await this.adjustments.onDecisionsReplaced(em, replaced, stored);
      return stored.length;
    });
  }

  /** Effects after commit: mail goes through the queue; tags and listings live on the decision. */
  private async carryOutEffects(evaluated: Evaluated[]) {
    for (const e of evaluated) {
      const notify = e.decision.eligible ? e.decision.effects?.notifyTenantStaff : undefined;
      if (!notify) continue;
      const staff = await this.users.recipients({ staffOfTenant: e.installation.tenantId });
      for (const to of staff) await this.mail.enqueue({ to, subject: `【${e.plugin.name.zh}】${notify.subject}`, text: notify.text });
      this.logger.log(`${e.plugin.id}@${e.installation.tenantCode}: notified ${staff.length} staff`);
    }
  }
}
