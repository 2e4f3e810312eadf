import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SupplierBankDetails1796136265427 implements MigrationInterface {
  name = 'SupplierBankDetails1796136265427';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "supplier_bank_details" ("organisation_id" uuid NOT NULL, "account_holder" text NOT NULL, "iban" text NOT NULL, "bic" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_user_id" uuid, CONSTRAINT "PK_e72fd0ad6158e7f9ca34908dac3" PRIMARY KEY ("organisation_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "customer_order" ADD "supplier_account_holder" text`);
    await queryRunner.query(`ALTER TABLE "customer_order" ADD "supplier_iban" text`);
    await queryRunner.query(`ALTER TABLE "customer_order" ADD "supplier_bic" text`);
    await queryRunner.query(
      `ALTER TABLE "supplier_bank_details" ADD CONSTRAINT "FK_e72fd0ad6158e7f9ca34908dac3" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "supplier_bank_details" DROP CONSTRAINT "FK_e72fd0ad6158e7f9ca34908dac3"`,
    );
    await queryRunner.query(`ALTER TABLE "customer_order" DROP COLUMN "supplier_bic"`);
    await queryRunner.query(`ALTER TABLE "customer_order" DROP COLUMN "supplier_iban"`);
    await queryRunner.query(`ALTER TABLE "customer_order" DROP COLUMN "supplier_account_holder"`);
    await queryRunner.query(`DROP TABLE "supplier_bank_details"`);
  }
}
