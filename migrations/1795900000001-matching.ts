import { MigrationInterface, QueryRunner } from "typeorm";

export class Matching1795900000001 implements MigrationInterface {
    name = 'Matching1795900000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "matching_weights" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "weights" jsonb NOT NULL, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3882cf1a42371fe0129877afa7d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4abd31e7f314d42b63166f2e4a" ON "matching_weights"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "matching_weights_tenant_uq" ON "matching_weights"  ("tenant_id") `);
        await queryRunner.query(`CREATE TABLE "match_result" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_kind" character varying(16) NOT NULL, "source_id" uuid NOT NULL, "target_kind" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "target_title" character varying(200) NOT NULL, "target_organization_id" uuid, "target_tenant_id" uuid NOT NULL, "via_entry_id" uuid NOT NULL, "rank" integer NOT NULL, "score" double precision NOT NULL, "explanation" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a4450d3f8956bd21c5c916ff273" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_6fa6531ca0a64de5099147436d" ON "match_result"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "match_result_uq" ON "match_result"  ("source_id", "target_kind", "target_id") `);
        await queryRunner.query(`CREATE TABLE "match_notice" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "demand_id" uuid NOT NULL, "demand_title" character varying(200) NOT NULL, "target_kind" character varying(16) NOT NULL, "target_id" uuid NOT NULL, "target_title" character varying(200) NOT NULL, "recipient_organization_id" uuid, "recipient_user_id" uuid, "mailed_to" text array NOT NULL DEFAULT '{}', "score" double precision NOT NULL, "reasons" jsonb NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "interested_at" TIMESTAMP WITH TIME ZONE, "interested_by" uuid, "interest_message" character varying(500), CONSTRAINT "PK_54b02c0381637dabf44016d170b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_01c0432ebf3456a8dac0ec13d6" ON "match_notice"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_3826144a0be4df5e4811cf1735" ON "match_notice"  ("demand_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_0317f8ee24dead5e78982b18e8" ON "match_notice"  ("recipient_organization_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_1995db91f286c85422df91a644" ON "match_notice"  ("recipient_user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "match_notice_uq" ON "match_notice"  ("demand_id", "target_kind", "target_id") `);
        await queryRunner.query(`ALTER TABLE "matching_weights" ADD CONSTRAINT "FK_4abd31e7f314d42b63166f2e4af" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "match_result" ADD CONSTRAINT "FK_6fa6531ca0a64de5099147436db" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "match_notice" ADD CONSTRAINT "FK_01c0432ebf3456a8dac0ec13d64" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "match_notice" DROP CONSTRAINT "FK_01c0432ebf3456a8dac0ec13d64"`);
        await queryRunner.query(`ALTER TABLE "match_result" DROP CONSTRAINT "FK_6fa6531ca0a64de5099147436db"`);
        await queryRunner.query(`ALTER TABLE "matching_weights" DROP CONSTRAINT "FK_4abd31e7f314d42b63166f2e4af"`);
        await queryRunner.query(`DROP INDEX "public"."match_notice_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1995db91f286c85422df91a644"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0317f8ee24dead5e78982b18e8"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3826144a0be4df5e4811cf1735"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_01c0432ebf3456a8dac0ec13d6"`);
        await queryRunner.query(`DROP TABLE "match_notice"`);
        await queryRunner.query(`DROP INDEX "public"."match_result_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6fa6531ca0a64de5099147436d"`);
        await queryRunner.query(`DROP TABLE "match_result"`);
        await queryRunner.query(`DROP INDEX "public"."matching_weights_tenant_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4abd31e7f314d42b63166f2e4a"`);
        await queryRunner.query(`DROP TABLE "matching_weights"`);
    }

}
