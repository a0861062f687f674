import { MigrationInterface, QueryRunner } from "typeorm";

/** 需求的 IPC 分类 (docs/decisions/0023-ipc-fit.md): a demand may name the IPC classes it is after, for the matcher's IPC fit. */
export class DemandIpc1796400000000 implements MigrationInterface {
    name = 'DemandIpc1796400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "demand" ADD "ipc_classes" text array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "demand" DROP COLUMN "ipc_classes"`);
    }
}
