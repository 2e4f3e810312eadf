import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProposalReason1796157294692 implements MigrationInterface {
  name = 'ProposalReason1796157294692';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal" ADD "reason" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal" DROP COLUMN "reason"`);
  }
}
