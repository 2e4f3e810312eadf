import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoices1795462683205 implements MigrationInterface {
  name = 'Invoices1795462683205';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invoice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "number" text NOT NULL, "total_cents" bigint NOT NULL, "pdf" bytea NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1e74a9888e5e228184769ba3dfd" UNIQUE ("order_id"), CONSTRAINT "REL_1e74a9888e5e228184769ba3df" UNIQUE ("order_id"), CONSTRAINT "PK_15d25c200d9bcd8a33f698daf18" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "invoice_counter" ("supplier_id" uuid NOT NULL, "year" integer NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_d33bd625ed60005bb3ca61026ea" PRIMARY KEY ("supplier_id", "year"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoice" ADD CONSTRAINT "FK_1e74a9888e5e228184769ba3dfd" FOREIGN KEY ("order_id") REFERENCES "customer_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoice" DROP CONSTRAINT "FK_1e74a9888e5e228184769ba3dfd"`);
    await queryRunner.query(`DROP TABLE "invoice_counter"`);
    await queryRunner.query(`DROP TABLE "invoice"`);
  }
}
