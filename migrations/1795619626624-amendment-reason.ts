import { MigrationInterface, QueryRunner } from "typeorm";

export class AmendmentReason1795619626624 implements MigrationInterface {
    name = 'AmendmentReason1795619626624'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "tech_contract" ADD "amendment_reason" character varying(500)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "tech_contract" DROP COLUMN "amendment_reason"`);
    }

}
