import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HealthEstablishmentFiness1796157393147 implements MigrationInterface {
  name = 'HealthEstablishmentFiness1796157393147';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" ADD "finess" character(9)`);
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "UQ_20a3c5cd168bd60339190470781" UNIQUE ("finess")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "UQ_20a3c5cd168bd60339190470781"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "finess"`);
  }
}
