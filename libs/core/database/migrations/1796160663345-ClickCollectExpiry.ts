import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClickCollectExpiry1796160663345 implements MigrationInterface {
  name = 'ClickCollectExpiry1796160663345';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Orders placed before this migration: the only scheme so far, and the 7 days given since.
    await queryRunner.query(`ALTER TABLE "click_collect_order" ADD "scheme_code" text`);
    await queryRunner.query(`UPDATE "click_collect_order" SET "scheme_code" = 'CLICK_COLLECT_SURGICAL'`);
    await queryRunner.query(`ALTER TABLE "click_collect_order" ALTER COLUMN "scheme_code" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "click_collect_order" ADD "collect_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "click_collect_order" SET "collect_by" = "created_at" + interval '7 days'`,
    );
    await queryRunner.query(`ALTER TABLE "click_collect_order" ALTER COLUMN "collect_by" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "click_collect_order_due_idx" ON "click_collect_order"  ("status", "collect_by") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."click_collect_order_due_idx"`);
    await queryRunner.query(`ALTER TABLE "click_collect_order" DROP COLUMN "collect_by"`);
    await queryRunner.query(`ALTER TABLE "click_collect_order" DROP COLUMN "scheme_code"`);
  }
}
