import { MigrationInterface, QueryRunner } from "typeorm";
import { addWorkingDays, chinaDate } from "@techmarket/core/module-api";

/**
 * Issue 9 (contract registration as registrars do it): confirmed payments with bank references,
 * decision deadlines, expert reviews, cancellation, technology imports and facts with evidence.
 * Payments recorded before confirmation existed counted as received: they are kept confirmed.
 * Contracts awaiting a decision get their deadline from when they were last changed.
 */

export class ContractRegistrarPractice1795839486217 implements MigrationInterface {
    name = 'ContractRegistrarPractice1795839486217'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "contract_evidence" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "fact" character varying(24) NOT NULL, "file_name" character varying(200) NOT NULL, "media_type" character varying(32) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f2339a986d078497a67cfb2bf74" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_7fe1f9a93f8f9895c633fcb358" ON "contract_evidence"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_b9c6c624a244bfceb4a5a998bc" ON "contract_evidence"  ("contract_id") `);
        await queryRunner.query(`CREATE TABLE "contract_expert_review" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "expert_id" uuid NOT NULL, "expert_name" character varying(32) NOT NULL, "expert_org_id" uuid, "expert_user_id" uuid NOT NULL, "assigned_by" uuid NOT NULL, "opinion" character varying(8), "comment" character varying(2000), "opinion_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba18650a632e933a4bda73b0a92" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_cd64f3088a5317d576da979fdb" ON "contract_expert_review"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_e69141e1809139389f2e8c47e7" ON "contract_expert_review"  ("expert_user_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "contract_expert_review_uq" ON "contract_expert_review"  ("contract_id", "expert_id") `);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "implemented_confirmed" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "net_income_confirmed" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "inventor_reward_confirmed" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "paid_in_cash_capital_confirmed" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "direction" character varying(8) NOT NULL DEFAULT 'domestic'`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "submitted_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "due_on" date`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "expert_review" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "cancelled_by" uuid`);
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "cancel_reason" character varying(500)`);
        await queryRunner.query(`ALTER TABLE "contract_payment" ADD "bank_reference" character varying(64) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "contract_payment" ALTER COLUMN "bank_reference" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "contract_payment" ADD "recorded_by_org_id" uuid`);
        await queryRunner.query(`ALTER TABLE "contract_payment" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "contract_payment" ADD "confirmed_by" uuid`);
        await queryRunner.query(`UPDATE "contract_payment" SET "confirmed_at" = "created_at", "confirmed_by" = "recorded_by"`);
        await queryRunner.query(`UPDATE "tech_contract" SET "expert_review" = ("tech_transaction_fen" >= 500000000)`);
        const waiting: { id: string; since: Date; expert_review: boolean }[] = await queryRunner.query(
            `SELECT id, updated_at AS since, expert_review FROM "tech_contract" WHERE status IN ('submitted', 'returned')`,
        );
        for (const c of waiting) {
            await queryRunner.query(`UPDATE "tech_contract" SET "submitted_at" = $2, "due_on" = $3 WHERE id = $1`, [
                c.id,
                c.since,
                addWorkingDays(chinaDate(c.since), c.expert_review ? 30 : 15),
            ]);
        }
        await queryRunner.query(`CREATE INDEX "tech_contract_due_idx" ON "tech_contract"  ("due_on", "id") WHERE status = 'submitted'`);
        await queryRunner.query(`ALTER TABLE "contract_evidence" ADD CONSTRAINT "FK_7fe1f9a93f8f9895c633fcb358a" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_evidence" ADD CONSTRAINT "FK_b9c6c624a244bfceb4a5a998bca" FOREIGN KEY ("contract_id") REFERENCES "tech_contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_expert_review" ADD CONSTRAINT "FK_cd64f3088a5317d576da979fdb4" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_expert_review" ADD CONSTRAINT "FK_ddd76f4ba1bbfda4cac9a3ac8f6" FOREIGN KEY ("contract_id") REFERENCES "tech_contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "contract_expert_review" DROP CONSTRAINT "FK_ddd76f4ba1bbfda4cac9a3ac8f6"`);
        await queryRunner.query(`ALTER TABLE "contract_expert_review" DROP CONSTRAINT "FK_cd64f3088a5317d576da979fdb4"`);
        await queryRunner.query(`ALTER TABLE "contract_evidence" DROP CONSTRAINT "FK_b9c6c624a244bfceb4a5a998bca"`);
        await queryRunner.query(`ALTER TABLE "contract_evidence" DROP CONSTRAINT "FK_7fe1f9a93f8f9895c633fcb358a"`);
        await queryRunner.query(`DROP INDEX "public"."tech_contract_due_idx"`);
        await queryRunner.query(`ALTER TABLE "contract_payment" DROP COLUMN "confirmed_by"`);
        await queryRunner.query(`ALTER TABLE "contract_payment" DROP COLUMN "confirmed_at"`);
        await queryRunner.query(`ALTER TABLE "contract_payment" DROP COLUMN "recorded_by_org_id"`);
        await queryRunner.query(`ALTER TABLE "contract_payment" DROP COLUMN "bank_reference"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "cancel_reason"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "cancelled_by"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "cancelled_at"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "expert_review"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "due_on"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "submitted_at"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "direction"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "paid_in_cash_capital_confirmed"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "inventor_reward_confirmed"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "net_income_confirmed"`);
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "implemented_confirmed"`);
        await queryRunner.query(`DROP INDEX "public"."contract_expert_review_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e69141e1809139389f2e8c47e7"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cd64f3088a5317d576da979fdb"`);
        await queryRunner.query(`DROP TABLE "contract_expert_review"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b9c6c624a244bfceb4a5a998bc"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7fe1f9a93f8f9895c633fcb358"`);
        await queryRunner.query(`DROP TABLE "contract_evidence"`);
    }

}
