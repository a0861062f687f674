import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exclusive groups guaranteed by the database; adjustments (top-up / recovery) when a decision
 * changes after approval; applications withdrawn when their decision changes before review.
 */
export class SubsidyAdjustments1795700000002 implements MigrationInterface {
  name = 'SubsidyAdjustments1795700000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subsidy_adjustment" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "applicant_org_id" uuid NOT NULL, "applicant_tenant_id" uuid NOT NULL, "from_decision_id" uuid NOT NULL, "to_decision_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "amount_fen" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "reasons" jsonb NOT NULL, "budget_year" smallint NOT NULL, "settled_by" uuid, "reference" character varying(64), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_subsidy_adjustment_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_d3bd9247edd5314cf30a8d7ee87" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4cea26788c29030339242eb3c6" ON "subsidy_adjustment" ("tenant_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_2a4101297aa9bce62612bc01c8" ON "subsidy_adjustment" ("application_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_af3f7c4d2ad2a7853bd06faec5" ON "subsidy_adjustment" ("applicant_tenant_id")`);
    await queryRunner.query(
      `ALTER TABLE "subsidy_adjustment" ADD CONSTRAINT "FK_4cea26788c29030339242eb3c68" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subsidy_adjustment" ADD CONSTRAINT "FK_2a4101297aa9bce62612bc01c80" FOREIGN KEY ("application_id") REFERENCES "subsidy_application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "policy_decision_one_per_group" ON "policy_decision" ("event_key", "exclusive_group") WHERE current AND eligible AND amount_fen > 0 AND exclusive_group IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "subsidy_application_decision_uq"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "subsidy_application_decision_uq" ON "subsidy_application" ("decision_id") WHERE status NOT IN ('rejected', 'withdrawn')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "subsidy_application_decision_uq"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "subsidy_application_decision_uq" ON "subsidy_application" ("decision_id") WHERE status <> 'rejected'`);
    await queryRunner.query(`DROP INDEX "policy_decision_one_per_group"`);
    await queryRunner.query(`DROP TABLE "subsidy_adjustment"`);
  }
}
