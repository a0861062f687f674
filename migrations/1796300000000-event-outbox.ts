import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The domain-event outbox (0022): events written with the change that produced them, marked once
 * enqueued on BullMQ, relayed by the worker when a crash came in between.
 */
export class EventOutbox1796300000000 implements MigrationInterface {
    name = 'EventOutbox1796300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "domain_event_outbox" ("event_id" uuid NOT NULL, "type" text NOT NULL, "event" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5eea0616dae85286656995f626c" PRIMARY KEY ("event_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_domain_event_outbox_pending" ON "domain_event_outbox"  ("created_at") WHERE enqueued_at IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_domain_event_outbox_pending"`);
        await queryRunner.query(`DROP TABLE "domain_event_outbox"`);
    }

}
