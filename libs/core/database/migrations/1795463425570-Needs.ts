import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Needs1795463425570 implements MigrationInterface {
  name = 'Needs1795463425570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "need" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "buyer_id" uuid NOT NULL, "category" text NOT NULL, "accepts_equivalents" boolean NOT NULL, "quantity" integer NOT NULL, "delivery_department_code" text NOT NULL, "needed_by" TIMESTAMP WITH TIME ZONE NOT NULL, "max_unit_price_micros" integer, "notes" text, "priority_tier" integer NOT NULL, "status" text NOT NULL DEFAULT 'OPEN', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_218b14514f334ee6f39954f86ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "need_open_idx" ON "need"  ("status", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "need_buyer_idx" ON "need"  ("buyer_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "matching_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "needs" integer NOT NULL, "offers" integer NOT NULL, "requested" integer NOT NULL, "allocated" integer NOT NULL, "tiers" jsonb NOT NULL, "duration_ms" integer NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_68ac5fd0a1c9dd6f733c94bd4c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "need_id" uuid NOT NULL, "offer_id" uuid NOT NULL, "quantity" integer NOT NULL, "unit_price_micros" integer NOT NULL, "explanation" text NOT NULL, "status" text NOT NULL DEFAULT 'PROPOSED', "order_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca872ecfe4fef5720d2d39e4275" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "proposal_open_idx" ON "proposal"  ("status") WHERE status = 'PROPOSED'`,
    );
    await queryRunner.query(`CREATE INDEX "proposal_need_idx" ON "proposal"  ("need_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "need" ADD CONSTRAINT "FK_40d53555a2bb844b164ca4f75d1" FOREIGN KEY ("buyer_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_b01a1f65792c2f6d82195b1fef3" FOREIGN KEY ("run_id") REFERENCES "matching_run"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "proposal" ADD CONSTRAINT "FK_9e8a6c0a5ffe14c13ef90524167" FOREIGN KEY ("need_id") REFERENCES "need"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_9e8a6c0a5ffe14c13ef90524167"`);
    await queryRunner.query(`ALTER TABLE "proposal" DROP CONSTRAINT "FK_b01a1f65792c2f6d82195b1fef3"`);
    await queryRunner.query(`ALTER TABLE "need" DROP CONSTRAINT "FK_40d53555a2bb844b164ca4f75d1"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_need_idx"`);
    await queryRunner.query(`DROP INDEX "public"."proposal_open_idx"`);
    await queryRunner.query(`DROP TABLE "proposal"`);
    await queryRunner.query(`DROP TABLE "matching_run"`);
    await queryRunner.query(`DROP INDEX "public"."need_buyer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."need_open_idx"`);
    await queryRunner.query(`DROP TABLE "need"`);
  }
}
