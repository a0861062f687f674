import { MigrationInterface, QueryRunner } from "typeorm";

export class Catalog1795614764114 implements MigrationInterface {
    name = 'Catalog1795614764114'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "patent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "return_reason" character varying(500), "published_at" TIMESTAMP WITH TIME ZONE, "external_id" character varying(64), "created_by" uuid, "search_doc" tsvector, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "application_number" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "abstract" text NOT NULL DEFAULT '', "patent_type" character varying(16) NOT NULL, "legal_status" character varying(16) NOT NULL, "grant_date" date, "ipc_classes" text array NOT NULL DEFAULT '{}', "field" character varying(32), "open_licence" boolean NOT NULL DEFAULT false, "free_licence" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_96dffa9f77a7b6bf84dea124cbd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_55e1f20515adec6fbb26debfa2" ON "patent"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_4caa5aff4103a26e806bc12298" ON "patent"  ("organization_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_eea448a46d9eef0da768031f67" ON "patent"  ("application_number") `);
        await queryRunner.query(`CREATE INDEX "patent_published_idx" ON "patent"  ("published_at", "id") WHERE status = 'published'`);
        await queryRunner.query(`CREATE INDEX "patent_search_gin" ON "patent" USING gin ("search_doc") `);
        await queryRunner.query(`CREATE TABLE "achievement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "return_reason" character varying(500), "published_at" TIMESTAMP WITH TIME ZONE, "external_id" character varying(64), "created_by" uuid, "search_doc" tsvector, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "summary" text NOT NULL, "field" character varying(32) NOT NULL, "keywords" text array NOT NULL DEFAULT '{}', "contact_name" character varying(32), "contact_phone" character varying(32), "maturity" character varying(16) NOT NULL, "trl" smallint, "transfer_modes" text array NOT NULL DEFAULT '{}', "price_fen" bigint, "price_negotiable" boolean NOT NULL DEFAULT false, "funding_source" character varying(128), "has_open_licence" boolean NOT NULL DEFAULT false, "has_free_licence" boolean NOT NULL DEFAULT false, CONSTRAINT "CHK_achievement_price" CHECK (price_fen IS NULL OR price_fen >= 0), CONSTRAINT "CHK_achievement_trl" CHECK (trl IS NULL OR trl BETWEEN 1 AND 9), CONSTRAINT "PK_441339f40e8ce717525a381671e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4ccfede058b0a5461f9fcd13ec" ON "achievement"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_f4e83da86ea1a5e797c488f889" ON "achievement"  ("organization_id") `);
        await queryRunner.query(`CREATE INDEX "achievement_published_idx" ON "achievement"  ("published_at", "id") WHERE status = 'published'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "achievement_external_id_uq" ON "achievement"  ("organization_id", "external_id") WHERE external_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "achievement_search_gin" ON "achievement" USING gin ("search_doc") `);
        await queryRunner.query(`CREATE TABLE "catalog_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "organization_id" uuid, "created_by" uuid NOT NULL, "kind" character varying(16) NOT NULL, "mode" character varying(16) NOT NULL, "file_name" character varying(200) NOT NULL, "content" bytea, "status" character varying(16) NOT NULL DEFAULT 'queued', "total_rows" integer NOT NULL DEFAULT '0', "processed_rows" integer NOT NULL DEFAULT '0', "inserted_rows" integer NOT NULL DEFAULT '0', "updated_rows" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "error_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1c100cf923f8f53f84a4c31934f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_aae6a56bcced07a01e5834da6c" ON "catalog_import"  ("tenant_id") `);
        await queryRunner.query(`CREATE TABLE "demand" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "return_reason" character varying(500), "published_at" TIMESTAMP WITH TIME ZONE, "external_id" character varying(64), "created_by" uuid, "search_doc" tsvector, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL, "field" character varying(32) NOT NULL, "budget_min_fen" bigint, "budget_max_fen" bigint, "deadline" date, "is_open_call" boolean NOT NULL DEFAULT false, "reward_fen" bigint, CONSTRAINT "CHK_demand_open_call" CHECK (NOT is_open_call OR reward_fen IS NOT NULL), CONSTRAINT "CHK_demand_budget" CHECK (budget_min_fen IS NULL OR budget_max_fen IS NULL OR budget_min_fen <= budget_max_fen), CONSTRAINT "PK_2e27cd7b3d79c50d197cb0b3924" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_85c13c531f7cfd83c951370090" ON "demand"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_de9b61bc88a0ca2b4e469b3b41" ON "demand"  ("organization_id") `);
        await queryRunner.query(`CREATE INDEX "demand_published_idx" ON "demand"  ("published_at", "id") WHERE status = 'published'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "demand_external_id_uq" ON "demand"  ("organization_id", "external_id") WHERE external_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "demand_search_gin" ON "demand" USING gin ("search_doc") `);
        await queryRunner.query(`CREATE TABLE "expert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "return_reason" character varying(500), "published_at" TIMESTAMP WITH TIME ZONE, "external_id" character varying(64), "created_by" uuid, "search_doc" tsvector, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "organization_id" uuid, "name" character varying(32) NOT NULL, "title" character varying(32) NOT NULL, "fields" text array NOT NULL DEFAULT '{}', "bio" text NOT NULL DEFAULT '', "contact_phone" character varying(32), "contact_email" character varying(128), "availability" character varying(16) NOT NULL DEFAULT 'available', CONSTRAINT "PK_0062630832658e718267ce2941f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_679733f78e5733984d7323e0cf" ON "expert"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_5a0564d12eede2804146404198" ON "expert"  ("user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_874e9e7f7b698177d4f66e30fb" ON "expert"  ("organization_id") `);
        await queryRunner.query(`CREATE INDEX "expert_published_idx" ON "expert"  ("published_at", "id") WHERE status = 'published'`);
        await queryRunner.query(`CREATE INDEX "expert_search_gin" ON "expert" USING gin ("search_doc") `);
        await queryRunner.query(`CREATE TABLE "open_licence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "patent_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "fee_type" character varying(16) NOT NULL, "fee_fen" bigint, "royalty_basis_points" integer, "payment_method" character varying(200), "period_start" date NOT NULL, "period_end" date NOT NULL, "is_free" boolean NOT NULL DEFAULT false, "use_first_pay_later" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'declared', "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdraw_reason" character varying(500), "declared_by" uuid, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_open_licence_status" CHECK (status IN ('declared', 'withdrawn')), CONSTRAINT "CHK_open_licence_fee" CHECK (fee_type IN ('lump_sum', 'royalty', 'annual')), CONSTRAINT "PK_cde47191f892612eb9f5db4c6cc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_a47d07edf519e8f90ae294b1d9" ON "open_licence"  ("patent_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_ee5155bfdb73994994db27c9dd" ON "open_licence"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "open_licence_one_declared_uq" ON "open_licence"  ("patent_id") WHERE status = 'declared'`);
        await queryRunner.query(`CREATE TABLE "achievement_patent" ("achievement_id" uuid NOT NULL, "patent_id" uuid NOT NULL, CONSTRAINT "PK_2fd11780fd5d5dc3e2d4a6fc757" PRIMARY KEY ("achievement_id", "patent_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_5a0a22ab71140d0db9a1ec0941" ON "achievement_patent"  ("achievement_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bfd1f4c26fa40b3dce71d18fe2" ON "achievement_patent"  ("patent_id") `);
        await queryRunner.query(`ALTER TABLE "patent" ADD CONSTRAINT "FK_55e1f20515adec6fbb26debfa2a" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "patent" ADD CONSTRAINT "FK_4caa5aff4103a26e806bc122984" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "achievement" ADD CONSTRAINT "FK_4ccfede058b0a5461f9fcd13ecc" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "achievement" ADD CONSTRAINT "FK_f4e83da86ea1a5e797c488f889c" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "catalog_import" ADD CONSTRAINT "FK_aae6a56bcced07a01e5834da6ce" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "demand" ADD CONSTRAINT "FK_85c13c531f7cfd83c951370090f" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "demand" ADD CONSTRAINT "FK_de9b61bc88a0ca2b4e469b3b41a" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "expert" ADD CONSTRAINT "FK_679733f78e5733984d7323e0cfc" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "expert" ADD CONSTRAINT "FK_874e9e7f7b698177d4f66e30fbb" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "open_licence" ADD CONSTRAINT "FK_a47d07edf519e8f90ae294b1d9b" FOREIGN KEY ("patent_id") REFERENCES "patent"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "open_licence" ADD CONSTRAINT "FK_ee5155bfdb73994994db27c9dde" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "achievement_patent" ADD CONSTRAINT "FK_5a0a22ab71140d0db9a1ec09414" FOREIGN KEY ("achievement_id") REFERENCES "achievement"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "achievement_patent" ADD CONSTRAINT "FK_bfd1f4c26fa40b3dce71d18fe29" FOREIGN KEY ("patent_id") REFERENCES "patent"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "achievement_patent" DROP CONSTRAINT "FK_bfd1f4c26fa40b3dce71d18fe29"`);
        await queryRunner.query(`ALTER TABLE "achievement_patent" DROP CONSTRAINT "FK_5a0a22ab71140d0db9a1ec09414"`);
        await queryRunner.query(`ALTER TABLE "open_licence" DROP CONSTRAINT "FK_ee5155bfdb73994994db27c9dde"`);
        await queryRunner.query(`ALTER TABLE "open_licence" DROP CONSTRAINT "FK_a47d07edf519e8f90ae294b1d9b"`);
        await queryRunner.query(`ALTER TABLE "expert" DROP CONSTRAINT "FK_874e9e7f7b698177d4f66e30fbb"`);
        await queryRunner.query(`ALTER TABLE "expert" DROP CONSTRAINT "FK_679733f78e5733984d7323e0cfc"`);
        await queryRunner.query(`ALTER TABLE "demand" DROP CONSTRAINT "FK_de9b61bc88a0ca2b4e469b3b41a"`);
        await queryRunner.query(`ALTER TABLE "demand" DROP CONSTRAINT "FK_85c13c531f7cfd83c951370090f"`);
        await queryRunner.query(`ALTER TABLE "catalog_import" DROP CONSTRAINT "FK_aae6a56bcced07a01e5834da6ce"`);
        await queryRunner.query(`ALTER TABLE "achievement" DROP CONSTRAINT "FK_f4e83da86ea1a5e797c488f889c"`);
        await queryRunner.query(`ALTER TABLE "achievement" DROP CONSTRAINT "FK_4ccfede058b0a5461f9fcd13ecc"`);
        await queryRunner.query(`ALTER TABLE "patent" DROP CONSTRAINT "FK_4caa5aff4103a26e806bc122984"`);
        await queryRunner.query(`ALTER TABLE "patent" DROP CONSTRAINT "FK_55e1f20515adec6fbb26debfa2a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bfd1f4c26fa40b3dce71d18fe2"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5a0a22ab71140d0db9a1ec0941"`);
        await queryRunner.query(`DROP TABLE "achievement_patent"`);
        await queryRunner.query(`DROP INDEX "public"."open_licence_one_declared_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ee5155bfdb73994994db27c9dd"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a47d07edf519e8f90ae294b1d9"`);
        await queryRunner.query(`DROP TABLE "open_licence"`);
        await queryRunner.query(`DROP INDEX "public"."expert_search_gin"`);
        await queryRunner.query(`DROP INDEX "public"."expert_published_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_874e9e7f7b698177d4f66e30fb"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5a0564d12eede2804146404198"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_679733f78e5733984d7323e0cf"`);
        await queryRunner.query(`DROP TABLE "expert"`);
        await queryRunner.query(`DROP INDEX "public"."demand_search_gin"`);
        await queryRunner.query(`DROP INDEX "public"."demand_external_id_uq"`);
        await queryRunner.query(`DROP INDEX "public"."demand_published_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_de9b61bc88a0ca2b4e469b3b41"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_85c13c531f7cfd83c951370090"`);
        await queryRunner.query(`DROP TABLE "demand"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_aae6a56bcced07a01e5834da6c"`);
        await queryRunner.query(`DROP TABLE "catalog_import"`);
        await queryRunner.query(`DROP INDEX "public"."achievement_search_gin"`);
        await queryRunner.query(`DROP INDEX "public"."achievement_external_id_uq"`);
        await queryRunner.query(`DROP INDEX "public"."achievement_published_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f4e83da86ea1a5e797c488f889"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4ccfede058b0a5461f9fcd13ec"`);
        await queryRunner.query(`DROP TABLE "achievement"`);
        await queryRunner.query(`DROP INDEX "public"."patent_search_gin"`);
        await queryRunner.query(`DROP INDEX "public"."patent_published_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_eea448a46d9eef0da768031f67"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4caa5aff4103a26e806bc12298"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_55e1f20515adec6fbb26debfa2"`);
        await queryRunner.query(`DROP TABLE "patent"`);
    }

}
