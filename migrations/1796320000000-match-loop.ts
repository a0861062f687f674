import { MigrationInterface, QueryRunner } from "typeorm";

/** 撮合闭环 (docs/decisions/0019-campaigns.md, match notices): contacts recorded for match notices, contracts credited to them. */
export class MatchLoop1796320000000 implements MigrationInterface {
    name = 'MatchLoop1796320000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "match_contact" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_id" uuid NOT NULL, "demand_id" uuid NOT NULL, "note" character varying(500) NOT NULL, "contacted_by" uuid NOT NULL, "contacted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01ff6863afa7786da8af932c85a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_dd0c4dc083431288fe4cdd077e" ON "match_contact"  ("tenant_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_8df45a57c09972cd1949e6143a" ON "match_contact"  ("demand_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "match_contact_notice_uq" ON "match_contact"  ("notice_id") `);
        await queryRunner.query(`CREATE TABLE "match_conversion" ("contract_root_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "registration_number" character varying(64) NOT NULL, "notice_id" uuid NOT NULL, "demand_id" uuid NOT NULL, "rule" character varying(8) NOT NULL, "amount_fen" bigint NOT NULL, "tech_transaction_fen" bigint NOT NULL, "signed_on" date NOT NULL, "attributed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bd801b957dd93418b2b3d615f8" PRIMARY KEY ("contract_root_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_ffcc5e41ea91207131ff1197aa" ON "match_conversion"  ("notice_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_a96c23cbbe964005b7cd019c5e" ON "match_conversion"  ("demand_id") `);
        await queryRunner.query(`ALTER TABLE "match_contact" ADD CONSTRAINT "FK_dd0c4dc083431288fe4cdd077e0" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "match_contact" DROP CONSTRAINT "FK_dd0c4dc083431288fe4cdd077e0"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a96c23cbbe964005b7cd019c5e"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ffcc5e41ea91207131ff1197aa"`);
        await queryRunner.query(`DROP TABLE "match_conversion"`);
        await queryRunner.query(`DROP INDEX "public"."match_contact_notice_uq"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8df45a57c09972cd1949e6143a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dd0c4dc083431288fe4cdd077e"`);
        await queryRunner.query(`DROP TABLE "match_contact"`);
    }
}
