import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 10 A (异常专利转让、许可数据监测): the review queue of monitoring findings and the tiers'
 * rule thresholds. Empty until the first scan (daily, or POST /monitoring/scans).
 */
export class Monitoring1796000000000 implements MigrationInterface {
    name = 'Monitoring1796000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "monitoring_finding" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule" character varying(32) NOT NULL, "subject_key" character varying(200) NOT NULL, "subject" jsonb NOT NULL, "score" smallint NOT NULL, "reasons" jsonb NOT NULL, "params" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "explanation" character varying(1000), "resolution" character varying(1000), "updated_by" uuid, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_monitoring_finding_status" CHECK (status IN ('open', 'explained', 'confirmed', 'closed')), CONSTRAINT "PK_0fa391cff8acf90a7a24768294e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_89a279a3f3f7a3bbe1f5c0db8b" ON "monitoring_finding"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "monitoring_finding_queue_idx" ON "monitoring_finding"  ("tenant_id", "status", "detected_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "monitoring_finding_subject_uq" ON "monitoring_finding"  ("rule", "subject_key") `);
        await queryRunner.query(`CREATE TABLE "monitoring_rule_setting" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule" character varying(32) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "params" jsonb NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a4f91789dce7380c3f91ea53bd9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e3f82a1a42ee7d64e41083e864" ON "monitoring_rule_setting"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "monitoring_rule_setting_uq" ON "monitoring_rule_setting"  ("tenant_id", "rule") `);
        await queryRunner.query(`ALTER TABLE "monitoring_finding" ADD CONSTRAINT "FK_89a279a3f3f7a3bbe1f5c0db8bb" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "monitoring_rule_setting" ADD CONSTRAINT "FK_e3f82a1a42ee7d64e41083e864e" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "monitoring_rule_setting" DROP CONSTRAINT "FK_e3f82a1a42ee7d64e41083e864e"`);
        await queryRunner.query(`ALTER TABLE "monitoring_finding" DROP CONSTRAINT "FK_89a279a3f3f7a3bbe1f5c0db8bb"`);
        await queryRunner.query(`DROP INDEX "public"."monitoring_rule_setting_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e3f82a1a42ee7d64e41083e864"`);
        await queryRunner.query(`DROP TABLE "monitoring_rule_setting"`);
        await queryRunner.query(`DROP INDEX "public"."monitoring_finding_subject_uq"`);
        await queryRunner.query(`DROP INDEX "public"."monitoring_finding_queue_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_89a279a3f3f7a3bbe1f5c0db8b"`);
        await queryRunner.query(`DROP TABLE "monitoring_finding"`);
    }

}
