import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Parameter versions end (valid_to) and cite a structured source; decisions record the date that picked their parameters. */
export class GoverningDates1795700000001 implements MigrationInterface {
  name = 'GoverningDates1795700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plugin_parameters" ADD "valid_to" date`);
    // A plain citation becomes { document }: nothing is lost, and the API returns it in the new shape.
    await queryRunner.query(
      `ALTER TABLE "plugin_parameters" ALTER COLUMN "source" TYPE jsonb USING jsonb_build_object('document', "source")`,
    );
    await queryRunner.query(`ALTER TABLE "policy_decision" ADD "governing_date" date`);
    await queryRunner.query(`ALTER TABLE "policy_decision" ADD "governing_basis" character varying(16)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_decision" DROP COLUMN "governing_basis"`);
    await queryRunner.query(`ALTER TABLE "policy_decision" DROP COLUMN "governing_date"`);
    await queryRunner.query(
      `ALTER TABLE "plugin_parameters" ALTER COLUMN "source" TYPE character varying(300) USING left("source"->>'document', 300)`,
    );
    await queryRunner.query(`ALTER TABLE "plugin_parameters" DROP COLUMN "valid_to"`);
  }
}
