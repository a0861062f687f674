import { MigrationInterface, QueryRunner } from "typeorm";

export class ProfilesSubscriptions1796300000018 implements MigrationInterface {
    name = 'ProfilesSubscriptions1796300000018'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "organization_profile" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "fields" text array NOT NULL DEFAULT '{}', "keywords" text array NOT NULL DEFAULT '{}', "products" text array NOT NULL DEFAULT '{}', "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a459f7af77cb9a0fd82286f661a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_995c7774e33b6cc1d019eb4a92" ON "organization_profile"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "organization_profile_org_uq" ON "organization_profile"  ("organization_id") `);
        await queryRunner.query(`CREATE TABLE "profile_view" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "entry_kind" character varying(16) NOT NULL, "entry_id" uuid NOT NULL, "entry_title" character varying(200) NOT NULL, "entry_fields" text array NOT NULL DEFAULT '{}', "first_viewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_viewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a333641775d7d72e678b84046a8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_344cfaafa8a44bd377806c4c2f" ON "profile_view"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "profile_view_uq" ON "profile_view"  ("organization_id", "entry_id") `);
        await queryRunner.query(`CREATE TABLE "subscription" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "fields" text array NOT NULL DEFAULT '{}', "keywords" text array NOT NULL DEFAULT '{}', "kinds" text array NOT NULL, "frequency" character varying(8) NOT NULL, "active" boolean NOT NULL DEFAULT true, "covered_until" TIMESTAMP WITH TIME ZONE NOT NULL, "unsubscribed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_subscription_frequency" CHECK (frequency IN ('daily', 'weekly')), CONSTRAINT "PK_8c3e00ebd02103caa1174cd5d9d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_284977035c745e5fd6175a2e0f" ON "subscription"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_940d49a105d50bbd616be54001" ON "subscription"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "subscription_digest" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "period" character varying(10) NOT NULL, "covered_from" TIMESTAMP WITH TIME ZONE NOT NULL, "covered_until" TIMESTAMP WITH TIME ZONE NOT NULL, "entry_count" integer NOT NULL, "entries" jsonb NOT NULL, "mailed_to" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b3aaacb4d4fa08b681bf5bc47c8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_09b1c704736607c75d75086e20" ON "subscription_digest"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "subscription_digest_uq" ON "subscription_digest"  ("subscription_id", "period") `);
        await queryRunner.query(`ALTER TABLE "organization_profile" ADD CONSTRAINT "FK_995c7774e33b6cc1d019eb4a926" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "profile_view" ADD CONSTRAINT "FK_344cfaafa8a44bd377806c4c2fb" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subscription" ADD CONSTRAINT "FK_284977035c745e5fd6175a2e0f1" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subscription_digest" ADD CONSTRAINT "FK_09b1c704736607c75d75086e20f" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "subscription_digest" DROP CONSTRAINT "FK_09b1c704736607c75d75086e20f"`);
        await queryRunner.query(`ALTER TABLE "subscription" DROP CONSTRAINT "FK_284977035c745e5fd6175a2e0f1"`);
        await queryRunner.query(`ALTER TABLE "profile_view" DROP CONSTRAINT "FK_344cfaafa8a44bd377806c4c2fb"`);
        await queryRunner.query(`ALTER TABLE "organization_profile" DROP CONSTRAINT "FK_995c7774e33b6cc1d019eb4a926"`);
        await queryRunner.query(`DROP INDEX "public"."subscription_digest_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_09b1c704736607c75d75086e20"`);
        await queryRunner.query(`DROP TABLE "subscription_digest"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_940d49a105d50bbd616be54001"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_284977035c745e5fd6175a2e0f"`);
        await queryRunner.query(`DROP TABLE "subscription"`);
        await queryRunner.query(`DROP INDEX "public"."profile_view_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_344cfaafa8a44bd377806c4c2f"`);
        await queryRunner.query(`DROP TABLE "profile_view"`);
        await queryRunner.query(`DROP INDEX "public"."organization_profile_org_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_995c7774e33b6cc1d019eb4a92"`);
        await queryRunner.query(`DROP TABLE "organization_profile"`);
    }

}
