import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications become an in-app inbox (linked to the recipient's account, read or not) and record
 * their e-mail (when, attempts, last error). Edited from the generated file: `sent_at` is renamed to
 * `created_at` (the generator dropped it and added a new column, losing every date), and existing
 * notifications join the inbox of the account their recipient's e-mail belongs to.
 */
export class NotificationInbox1796145685408 implements MigrationInterface {
  name = 'NotificationInbox1796145685408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" RENAME COLUMN "sent_at" TO "created_at"`);
    await queryRunner.query(
      `ALTER TABLE "notification" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "notification" ADD "user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "read_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "emailed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "email_attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "email_error" text`);
    await queryRunner.query(
      `UPDATE "notification" n SET "user_id" = u."id" FROM "app_user" u WHERE lower(u."email") = lower(n."recipient")`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_unread_idx" ON "notification"  ("user_id") WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_inbox_idx" ON "notification"  ("user_id", "created_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."notification_inbox_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notification_unread_idx"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "email_error"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "email_attempts"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "emailed_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "read_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "user_id"`);
    await queryRunner.query(
      `ALTER TABLE "notification" ALTER COLUMN "created_at" TYPE TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "notification" RENAME COLUMN "created_at" TO "sent_at"`);
  }
}
