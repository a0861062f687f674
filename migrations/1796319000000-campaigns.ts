import { MigrationInterface, QueryRunner } from "typeorm";

/** 推送活动与闭环 (docs/decisions/0019-campaigns.md): campaigns, deliveries, unsubscriptions, contacts, conversions. */
export class Campaigns1796319000000 implements MigrationInterface {
    name = 'Campaigns1796319000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "campaign" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "subject" character varying(120) NOT NULL, "intro" character varying(1000) NOT NULL DEFAULT '', "entry_set" jsonb NOT NULL, "segment" jsonb NOT NULL, "items_per_recipient" integer NOT NULL, "state" character varying(12) NOT NULL DEFAULT 'draft', "recipients" integer, "created_by" uuid, "launched_by" uuid, "launched_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_63f36f8a1291832682268c27a8" ON "campaign"  ("tenant_id") `);
        await queryRunner.query(`CREATE TABLE "campaign_delivery" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "campaign_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "organization_name" character varying(128) NOT NULL, "recipient_tenant_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "items" jsonb NOT NULL, "state" character varying(12) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "claimed_at" TIMESTAMP WITH TIME ZONE, "message_id" character varying(200), "last_error" character varying(500), "sent_at" TIMESTAMP WITH TIME ZONE, "bounced_at" TIMESTAMP WITH TIME ZONE, "opened_at" TIMESTAMP WITH TIME ZONE, "opens" integer NOT NULL DEFAULT '0', "clicked_at" TIMESTAMP WITH TIME ZONE, "clicks" integer NOT NULL DEFAULT '0', "interested_at" TIMESTAMP WITH TIME ZONE, "interest_entry_id" uuid, CONSTRAINT "PK_a4aad67d661120ea63709181095" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_ca4a37e393da50a3a280e802dc" ON "campaign_delivery"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_f377031c281d992ea98dd3c80f" ON "campaign_delivery"  ("campaign_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_b2d8a368af07ef38a6cc76a5b9" ON "campaign_delivery"  ("organization_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_fa423632123eb4c52e69b38c23" ON "campaign_delivery"  ("state") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "campaign_delivery_uq" ON "campaign_delivery"  ("campaign_id", "email") `);
        await queryRunner.query(`CREATE TABLE "campaign_unsubscribe" ("email" character varying(254) NOT NULL, "delivery_id" uuid, "unsubscribed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08cb516542e00da4897b0496467" PRIMARY KEY ("email"))`);
        await queryRunner.query(`CREATE TABLE "campaign_contact" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "note" character varying(500) NOT NULL, "contacted_by" uuid NOT NULL, "contacted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f2784ce150100bea6a863ef896a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_9cc6431bef68be91734dfb3f7f" ON "campaign_contact"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_c87130bdb2886ac922b689fbc8" ON "campaign_contact"  ("campaign_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "campaign_contact_delivery_uq" ON "campaign_contact"  ("delivery_id") `);
        await queryRunner.query(`CREATE TABLE "campaign_conversion" ("contract_root_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "registration_number" character varying(64) NOT NULL, "delivery_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "rule" character varying(8) NOT NULL, "amount_fen" bigint NOT NULL, "signed_on" date NOT NULL, "attributed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4112ff6cfcb1513bd3fe2d5df1d" PRIMARY KEY ("contract_root_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_29e363365a68d31d011a01b2f8" ON "campaign_conversion"  ("delivery_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_a548603c8ea692e57c0ff88657" ON "campaign_conversion"  ("campaign_id") `);
        await queryRunner.query(`ALTER TABLE "campaign" ADD CONSTRAINT "FK_63f36f8a1291832682268c27a88" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "campaign_delivery" ADD CONSTRAINT "FK_ca4a37e393da50a3a280e802dcc" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "campaign_contact" ADD CONSTRAINT "FK_9cc6431bef68be91734dfb3f7f5" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "campaign_contact" DROP CONSTRAINT "FK_9cc6431bef68be91734dfb3f7f5"`);
        await queryRunner.query(`ALTER TABLE "campaign_delivery" DROP CONSTRAINT "FK_ca4a37e393da50a3a280e802dcc"`);
        await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "FK_63f36f8a1291832682268c27a88"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a548603c8ea692e57c0ff88657"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_29e363365a68d31d011a01b2f8"`);
        await queryRunner.query(`DROP TABLE "campaign_conversion"`);
        await queryRunner.query(`DROP INDEX "public"."campaign_contact_delivery_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c87130bdb2886ac922b689fbc8"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9cc6431bef68be91734dfb3f7f"`);
        await queryRunner.query(`DROP TABLE "campaign_contact"`);
        await queryRunner.query(`DROP TABLE "campaign_unsubscribe"`);
        await queryRunner.query(`DROP INDEX "public"."campaign_delivery_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_fa423632123eb4c52e69b38c23"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b2d8a368af07ef38a6cc76a5b9"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f377031c281d992ea98dd3c80f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ca4a37e393da50a3a280e802dc"`);
        await queryRunner.query(`DROP TABLE "campaign_delivery"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_63f36f8a1291832682268c27a8"`);
        await queryRunner.query(`DROP TABLE "campaign"`);
    }
}
