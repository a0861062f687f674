import { MigrationInterface, QueryRunner } from "typeorm";

/** 投递核查 (docs/decisions/0019-campaigns.md): an admin settles a delivery whose outcome a dead worker left unknown. */
export class CampaignDeliveryReview1796400000001 implements MigrationInterface {
    name = 'CampaignDeliveryReview1796400000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "campaign_delivery_review" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "outcome" character varying(16) NOT NULL, "note" character varying(500) NOT NULL, "reviewed_by" uuid NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d93b75e6bad00ff7733503fe67e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_ee229105b4de16d27f7d7d4c52" ON "campaign_delivery_review"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_68719381391dff741c1ef05f35" ON "campaign_delivery_review"  ("campaign_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "campaign_delivery_review_delivery_uq" ON "campaign_delivery_review"  ("delivery_id") `);
        await queryRunner.query(`ALTER TABLE "campaign_delivery_review" ADD CONSTRAINT "FK_ee229105b4de16d27f7d7d4c529" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "campaign_delivery_review" DROP CONSTRAINT "FK_ee229105b4de16d27f7d7d4c529"`);
        await queryRunner.query(`DROP INDEX "public"."campaign_delivery_review_delivery_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_68719381391dff741c1ef05f35"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ee229105b4de16d27f7d7d4c52"`);
        await queryRunner.query(`DROP TABLE "campaign_delivery_review"`);
    }

}
