import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 10 (the provincial roll-up): aggregates of registered contracts per tenant on the path,
 * side, China month and dimension; each amendment chain's contribution; KPI targets. Existing
 * contracts are counted by `npm run rollup:rebuild` (the targets of the texts by `db:setup`).
 */
export class Rollup1795900000000 implements MigrationInterface {
    name = 'Rollup1795900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "rollup_aggregate" ("tenant_id" uuid NOT NULL, "side" character varying(10) NOT NULL, "month" date NOT NULL, "contract_type" character varying(16) NOT NULL, "field" character varying(64) NOT NULL, "buyer_category" character varying(16) NOT NULL, "seller_category" character varying(24) NOT NULL, "flow" character varying(16) NOT NULL, "with_patents" boolean NOT NULL, "child_code" character varying(12) NOT NULL, "contracts" integer NOT NULL, "amount_fen" bigint NOT NULL, "tech_transaction_fen" bigint NOT NULL, "received_fen" bigint NOT NULL, "patents" integer NOT NULL, CONSTRAINT "PK_979d7da4d81cf677748ce168697" PRIMARY KEY ("tenant_id", "side", "month", "contract_type", "field", "buyer_category", "seller_category", "flow", "with_patents", "child_code"))`);
        await queryRunner.query(`CREATE TABLE "rollup_contribution" ("tenant_id" uuid NOT NULL, "root_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "month" date NOT NULL, "dims" jsonb NOT NULL, "measures" jsonb NOT NULL, "placements" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8f5058e09a3f3f65a27b41a9141" PRIMARY KEY ("root_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_27c6d438840228c32367ee7593" ON "rollup_contribution"  ("tenant_id") `);
        await queryRunner.query(`CREATE TABLE "rollup_target" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "kpi" character varying(40) NOT NULL, "value" bigint, "growth_bp" integer, "source" character varying(200) NOT NULL, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7be253efb8a0a49ca19e4ec7d05" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_1438b7ecc3f9e1e96fdff6eb5a" ON "rollup_target"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "rollup_target_uq" ON "rollup_target"  ("tenant_id", "year", "kpi") `);
        await queryRunner.query(`ALTER TABLE "rollup_aggregate" ADD CONSTRAINT "FK_4093aeb3781e843d7b74b71beaa" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "rollup_contribution" ADD CONSTRAINT "FK_27c6d438840228c32367ee7593f" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "rollup_target" ADD CONSTRAINT "FK_1438b7ecc3f9e1e96fdff6eb5ab" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "rollup_target" DROP CONSTRAINT "FK_1438b7ecc3f9e1e96fdff6eb5ab"`);
        await queryRunner.query(`ALTER TABLE "rollup_contribution" DROP CONSTRAINT "FK_27c6d438840228c32367ee7593f"`);
        await queryRunner.query(`ALTER TABLE "rollup_aggregate" DROP CONSTRAINT "FK_4093aeb3781e843d7b74b71beaa"`);
        await queryRunner.query(`DROP INDEX "public"."rollup_target_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1438b7ecc3f9e1e96fdff6eb5a"`);
        await queryRunner.query(`DROP TABLE "rollup_target"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_27c6d438840228c32367ee7593"`);
        await queryRunner.query(`DROP TABLE "rollup_contribution"`);
        await queryRunner.query(`DROP TABLE "rollup_aggregate"`);
    }
}
