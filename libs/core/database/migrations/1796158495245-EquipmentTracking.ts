import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EquipmentTracking1796158495245 implements MigrationInterface {
  name = 'EquipmentTracking1796158495245';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "equipment_kind" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "category" text NOT NULL, "serialised" boolean NOT NULL, "attributes" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e57849988b0dc1d215b4c5165fb" UNIQUE ("code"), CONSTRAINT "PK_0a7ac4653ce76eff5a808a46307" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "equipment_programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "status" text NOT NULL, "handover_date" date NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e4dd347fb6191c9828352747d66" UNIQUE ("name"), CONSTRAINT "PK_54ffeb946ef40b63a6eec9f002e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "equipment_allocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "kind_id" uuid NOT NULL, "establishment_id" uuid NOT NULL, "department_code" text NOT NULL, "region_code" text NOT NULL, "quantity" integer NOT NULL, "shipped" integer NOT NULL DEFAULT '0', "allocated_by_organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "equipment_allocation_shipped_check" CHECK (shipped >= 0 AND shipped <= quantity), CONSTRAINT "PK_7f15410e2420d6f27526c536a2b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_allocation_region_idx" ON "equipment_allocation"  ("region_code", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_allocation_establishment_idx" ON "equipment_allocation"  ("establishment_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "equipment_shipment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "allocation_id" uuid NOT NULL, "kind_id" uuid NOT NULL, "establishment_id" uuid NOT NULL, "department_code" text NOT NULL, "region_code" text NOT NULL, "status" text NOT NULL, "carrier" text NOT NULL, "expected_at" TIMESTAMP WITH TIME ZONE, "dispatched_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE, "created_by_organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_241133fbf434414272adbcb5025" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_shipment_allocation_idx" ON "equipment_shipment"  ("allocation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_shipment_region_idx" ON "equipment_shipment"  ("region_code", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_shipment_establishment_idx" ON "equipment_shipment"  ("establishment_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "equipment_unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind_id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "serial_number" text, "shipped_serial_number" text, "lot" text, "model" text, "status" text NOT NULL, "shipment_id" uuid NOT NULL, "establishment_id" uuid NOT NULL, "department_code" text NOT NULL, "region_code" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6bd81b1403ee87d118747518450" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_unit_shipment_idx" ON "equipment_unit"  ("shipment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_unit_establishment_idx" ON "equipment_unit"  ("establishment_id", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "equipment_unit_serial_key" ON "equipment_unit"  ("kind_id", "serial_number") WHERE serial_number IS NOT NULL AND status <> 'WITHDRAWN'`,
    );
    await queryRunner.query(
      `CREATE TABLE "equipment_shipment_unit" ("shipment_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "outcome" text, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_user_id" uuid, CONSTRAINT "PK_b8607c51a0718eab86c0c99d8ee" PRIMARY KEY ("shipment_id", "unit_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_shipment_unit_unit_idx" ON "equipment_shipment_unit"  ("unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "equipment_serial_correction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid NOT NULL, "previous_serial_number" text, "serial_number" text NOT NULL, "shipment_id" uuid, "corrected_by_user_id" uuid, "corrected_by_organisation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b15b3cb5009ea5ee77973669aa8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "equipment_serial_correction_unit_idx" ON "equipment_serial_correction"  ("unit_id", "created_at") `,
    );
    // The two kinds seed 002 names; later kinds are added as rows (createEquipmentKind), not code.
    await queryRunner.query(
      `INSERT INTO "equipment_kind" ("code", "name", "category", "serialised", "attributes") VALUES
       ('VENTILATOR_ICU', 'Respirateur de réanimation', 'ventilation', true, '{"biomedical": true}'),
       ('NUTRITION_PUMP', 'Pompe à nutrition', 'nutrition', true, '{"biomedical": true}')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."equipment_serial_correction_unit_idx"`);
    await queryRunner.query(`DROP TABLE "equipment_serial_correction"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_shipment_unit_unit_idx"`);
    await queryRunner.query(`DROP TABLE "equipment_shipment_unit"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_unit_serial_key"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_unit_establishment_idx"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_unit_shipment_idx"`);
    await queryRunner.query(`DROP TABLE "equipment_unit"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_shipment_establishment_idx"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_shipment_region_idx"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_shipment_allocation_idx"`);
    await queryRunner.query(`DROP TABLE "equipment_shipment"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_allocation_establishment_idx"`);
    await queryRunner.query(`DROP INDEX "public"."equipment_allocation_region_idx"`);
    await queryRunner.query(`DROP TABLE "equipment_allocation"`);
    await queryRunner.query(`DROP TABLE "equipment_programme"`);
    await queryRunner.query(`DROP TABLE "equipment_kind"`);
  }
}
