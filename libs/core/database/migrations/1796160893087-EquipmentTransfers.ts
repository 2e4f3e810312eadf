import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EquipmentTransfers1796160893087 implements MigrationInterface {
  name = 'EquipmentTransfers1796160893087';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "equipment_shipment" ADD "origin_establishment_id" uuid`);
    await queryRunner.query(`ALTER TABLE "equipment_shipment" ADD "origin_region_code" text`);
    await queryRunner.query(`ALTER TABLE "equipment_shipment" ALTER COLUMN "allocation_id" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "equipment_shipment_origin_region_idx" ON "equipment_shipment"  ("origin_region_code", "created_at") WHERE origin_region_code IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_shipment_origin_idx" ON "equipment_shipment"  ("origin_establishment_id", "created_at") WHERE origin_establishment_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."equipment_shipment_origin_idx"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_shipment_origin_region_idx"`);
    await queryRunner.query(`ALTER TABLE "equipment_shipment" ALTER COLUMN "allocation_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "equipment_shipment" DROP COLUMN "origin_region_code"`);
    await queryRunner.query(`ALTER TABLE "equipment_shipment" DROP COLUMN "origin_establishment_id"`);
  }
}
