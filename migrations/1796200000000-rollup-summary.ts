import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The roll-up's marginal sums per (tenant, side, China month, dimension, key) that the statistics
 * route reads (0014). The primary key leads with (tenant, side, month). Empty after migrating:
 * filled by `npm run rollup:rebuild` (or derived from `rollup_aggregate` as `rebuildSummary` does).
 */
export class RollupSummary1796200000000 implements MigrationInterface {
    name = 'RollupSummary1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "rollup_summary" ("tenant_id" uuid NOT NULL, "side" character varying(10) NOT NULL, "month" date NOT NULL, "dimension" character varying(16) NOT NULL, "key" character varying(64) NOT NULL, "contracts" integer NOT NULL, "amount_fen" bigint NOT NULL, "tech_transaction_fen" bigint NOT NULL, "received_fen" bigint NOT NULL, "patents" integer NOT NULL, CONSTRAINT "PK_4743048bd68139e0deb46b47d26" PRIMARY KEY ("tenant_id", "side", "month", "dimension", "key"))`);
        await queryRunner.query(`ALTER TABLE "rollup_summary" ADD CONSTRAINT "FK_56453f98b2fd513d28ab0e3d756" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "rollup_summary" DROP CONSTRAINT "FK_56453f98b2fd513d28ab0e3d756"`);
        await queryRunner.query(`DROP TABLE "rollup_summary"`);
    }
}
