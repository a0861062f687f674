import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Policy events stored once with their facts; decisions point to the event they were made on. */
export class PolicyEventFacts1795700000000 implements MigrationInterface {
  name = 'PolicyEventFacts1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policy_event" ("id" uuid NOT NULL, "type" character varying(32) NOT NULL, "event_key" character varying(64) NOT NULL, "occurred_on" date NOT NULL, "tenant_ids" uuid array NOT NULL, "facts" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_policy_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "policy_event_key" ON "policy_event" ("event_key", "occurred_on")`);
    // Simulation looks up the events of a tenant's subtree (tenant_ids && subtree).
    await queryRunner.query(`CREATE INDEX "policy_event_tenants" ON "policy_event" USING gin ("tenant_ids")`);
    await queryRunner.query(`ALTER TABLE "policy_decision" ADD "event_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_policy_decision_event_id" ON "policy_decision" ("event_id")`);
    await queryRunner.query(
      `ALTER TABLE "policy_decision" ADD CONSTRAINT "FK_policy_decision_event" FOREIGN KEY ("event_id") REFERENCES "policy_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_decision" DROP CONSTRAINT "FK_policy_decision_event"`);
    await queryRunner.query(`DROP INDEX "IDX_policy_decision_event_id"`);
    await queryRunner.query(`ALTER TABLE "policy_decision" DROP COLUMN "event_id"`);
    await queryRunner.query(`DROP TABLE "policy_event"`);
  }
}
