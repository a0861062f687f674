import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations carry their own administrative division (existing ones: their tenant's code), the
 * founding facts staff confirm, the source of each status and founding record, and the firms'
 * requests to change them.
 */
export class OrganizationFacts1795839485676 implements MigrationInterface {
    name = 'OrganizationFacts1795839485676'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "organization_fact_source" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "fact" character varying(16) NOT NULL, "value" boolean, "source_kind" character varying(16) NOT NULL, "source_name" character varying(200) NOT NULL, "certificate_number" character varying(64), "issued_on" date NOT NULL, "valid_until" date, "request_id" uuid, "confirmed_by" uuid, "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" character varying(500), CONSTRAINT "CHK_organization_fact_source_kind" CHECK ("source_kind" IN ('list', 'certificate', 'document', 'import')), CONSTRAINT "CHK_organization_fact_source_fact" CHECK ("fact" IN ('isSme', 'isSpecialized', 'isHighTech', 'founding')), CONSTRAINT "PK_7052724edf4e58252a4d548da78" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_7ee59a9617ed8e71a2260b4f0f" ON "organization_fact_source"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d35a4cc427bd46e38c144d94c1" ON "organization_fact_source"  ("organization_id", "fact") `);
        await queryRunner.query(`CREATE TABLE "organization_fact_request" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "fact" character varying(16) NOT NULL, "value" boolean, "founding" jsonb, "source" jsonb, "evidence" character varying(1000) NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'pending', "requested_by" uuid NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_organization_fact_request_state" CHECK ("state" IN ('pending', 'confirmed', 'rejected')), CONSTRAINT "CHK_organization_fact_request_fact" CHECK ("fact" IN ('isSme', 'isSpecialized', 'isHighTech', 'founding')), CONSTRAINT "PK_00792aca5e4a6fd2de83df056f0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_9c248014d0220938efcc8e1837" ON "organization_fact_request"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bd0da6c4bd384ab37834be9c5b" ON "organization_fact_request"  ("organization_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "organization" ADD "division_code" character(6)`);
        // Until now an organisation was taken to be where its tenant is.
        await queryRunner.query(`UPDATE "organization" o SET "division_code" = t."code" FROM "tenant" t WHERE t."id" = o."tenant_id"`);
        await queryRunner.query(`ALTER TABLE "organization" ALTER COLUMN "division_code" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_organization_division_code" CHECK ("division_code" ~ '^[0-9]{6}$')`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "founded_on" date`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "founded_with_tech_equity" boolean`);
        await queryRunner.query(`ALTER TABLE "organization" ADD "paid_in_cash_capital_fen" bigint`);
        await queryRunner.query(`ALTER TABLE "organization_fact_source" ADD CONSTRAINT "FK_7ee59a9617ed8e71a2260b4f0f8" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organization_fact_source" ADD CONSTRAINT "FK_4bf26b8c4752588829253657db0" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organization_fact_request" ADD CONSTRAINT "FK_9c248014d0220938efcc8e18376" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organization_fact_request" ADD CONSTRAINT "FK_e0fbc186dd56805f611e78b4b60" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organization_fact_request" DROP CONSTRAINT "FK_e0fbc186dd56805f611e78b4b60"`);
        await queryRunner.query(`ALTER TABLE "organization_fact_request" DROP CONSTRAINT "FK_9c248014d0220938efcc8e18376"`);
        await queryRunner.query(`ALTER TABLE "organization_fact_source" DROP CONSTRAINT "FK_4bf26b8c4752588829253657db0"`);
        await queryRunner.query(`ALTER TABLE "organization_fact_source" DROP CONSTRAINT "FK_7ee59a9617ed8e71a2260b4f0f8"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "paid_in_cash_capital_fen"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "founded_with_tech_equity"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "founded_on"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_organization_division_code"`);
        await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "division_code"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bd0da6c4bd384ab37834be9c5b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9c248014d0220938efcc8e1837"`);
        await queryRunner.query(`DROP TABLE "organization_fact_request"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d35a4cc427bd46e38c144d94c1"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7ee59a9617ed8e71a2260b4f0f"`);
        await queryRunner.query(`DROP TABLE "organization_fact_source"`);
    }

}
