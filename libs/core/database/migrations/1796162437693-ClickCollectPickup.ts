import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClickCollectPickup1796162437693 implements MigrationInterface {
  name = 'ClickCollectPickup1796162437693';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_collect_order" ADD "collected_quantity" integer`);
    await queryRunner.query(`ALTER TABLE "click_collect_order" ADD "collected_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_collect_order" DROP COLUMN "collected_at"`);
    await queryRunner.query(`ALTER TABLE "click_collect_order" DROP COLUMN "collected_quantity"`);
  }
}
