import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxProcessedAt1795426819209 implements MigrationInterface {
  name = 'OutboxProcessedAt1795426819209';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "processed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "outbox_event_unprocessed_idx" ON "outbox_event"  ("published_at") WHERE processed_at IS NULL AND published_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_event_unprocessed_idx"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "processed_at"`);
  }
}
