import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderFlag1795463562687 implements MigrationInterface {
  name = 'OrderFlag1795463562687';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_order" ADD "flag" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_order" DROP COLUMN "flag"`);
  }
}
