import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * 定期通报 (吉知产联字〔2021〕1号 四、（二）): the tenants' monthly and annual reports, each with the
 * snapshot of its figures and the XLSX as mailed. Empty until the first report is made.
 */
export class RollupReports1796100000000 implements MigrationInterface {
    name = 'RollupReports1796100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "rollup_report" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "period" character varying(7) NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'pending', "requested_by" uuid, "data" jsonb, "xlsx" bytea, "mailed_to" jsonb NOT NULL DEFAULT '[]', "error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_rollup_report_status" CHECK (status IN ('pending', 'done', 'failed')), CONSTRAINT "CHK_rollup_report_kind" CHECK (kind IN ('monthly', 'annual')), CONSTRAINT "PK_88b706210e07c9579b60840d815" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_f7665b0f40eb541a5c8848be6b" ON "rollup_report"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "rollup_report_list_idx" ON "rollup_report"  ("tenant_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "rollup_report" ADD CONSTRAINT "FK_f7665b0f40eb541a5c8848be6b3" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "rollup_report" DROP CONSTRAINT "FK_f7665b0f40eb541a5c8848be6b3"`);
        await queryRunner.query(`DROP INDEX "public"."rollup_report_list_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f7665b0f40eb541a5c8848be6b"`);
        await queryRunner.query(`DROP TABLE "rollup_report"`);
    }

}
